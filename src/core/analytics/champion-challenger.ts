import { balanceOn, type HistoryIndex } from '../scoring/score-features.ts'
import { type ReportTable, ratio } from './report-table.ts'

/** Where an account entered treatment: its playbook, segment and variant, and the day. */
export interface TreatmentEntry {
  accountId: number
  playbookId: string
  segment: string
  variant: string
  enteredDay: number
}

interface Arm {
  accounts: number
  placed: number
  collected: number[]
  cured: number
}

/** 1.96: the two-sided 95% normal quantile. */
const Z95 = 1.959964

/**
 * Champion/challenger per playbook, segment, currency and variant: accounts, balance at entry, recovery (money
 * collected since entry, per account and as a share of the balance), cure rate (nothing owed on the
 * report day). Each variant is compared with the segment's champion (the variant named "champion",
 * else the largest): the difference in cure rate and in recovery per account with a 95% confidence
 * interval (normal approximation; Welch for the means), and a plain statement of significance.
 */
export function championChallenger(
  index: HistoryIndex,
  entries: readonly TreatmentEntry[],
  asOfDay: number,
): ReportTable {
  const arms = new Map<string, Map<string, Arm>>()
  for (const e of entries) {
    const at = index.byId.get(e.accountId)
    const a = at === undefined ? undefined : index.accounts[at]
    if (!a || e.enteredDay > asOfDay) continue
    const segmentKey = `${e.playbookId}\u0000${e.segment}\u0000${a.currency}`
    let variants = arms.get(segmentKey)
    if (!variants) {
      variants = new Map()
      arms.set(segmentKey, variants)
    }
    let arm = variants.get(e.variant)
    if (!arm) {
      arm = { accounts: 0, placed: 0, collected: [], cured: 0 }
      variants.set(e.variant, arm)
    }
    const atEntry = Math.max(0, balanceOn(a, e.enteredDay))
    const now = balanceOn(a, asOfDay)
    arm.accounts++
    arm.placed += atEntry
    let collected = 0
    for (let k = a.start; k < a.end; k++) {
      const day = a.days[k] as number
      if (day <= e.enteredDay || day > asOfDay || a.isPayment[k] !== 1) continue
      collected += (k > a.start ? (a.balanceAfter[k - 1] as number) : 0) - (a.balanceAfter[k] as number)
    }
    arm.collected.push(collected)
    if (now <= 0) arm.cured++
  }
  const rows: (string | number)[][] = []
  for (const key of [...arms.keys()].sort()) {
    const [playbook, segment, currency] = key.split('\u0000') as [string, string, string]
    const variants = arms.get(key) as Map<string, Arm>
    const championName = variants.has('champion')
      ? 'champion'
      : ([...variants.entries()].sort((x, y) => y[1].accounts - x[1].accounts)[0]?.[0] as string)
    const champion = variants.get(championName) as Arm
    for (const name of [...variants.keys()].sort((x, y) =>
      x === championName ? -1 : y === championName ? 1 : x.localeCompare(y),
    )) {
      const arm = variants.get(name) as Arm
      const total = arm.collected.reduce((s, v) => s + v, 0)
      const base = [
        playbook,
        segment,
        currency,
        name,
        arm.accounts,
        arm.placed,
        total,
        Math.round(total / arm.accounts),
        ratio(total, arm.placed),
        ratio(arm.cured, arm.accounts),
      ]
      if (name === championName) {
        rows.push([...base, '', '', '', '', 'champion'])
        continue
      }
      const cure = difference(
        arm.cured / arm.accounts,
        champion.cured / champion.accounts,
        arm.accounts,
        champion.accounts,
      )
      const recovery = meanDifference(arm.collected, champion.collected)
      rows.push([
        ...base,
        round4(cure.diff),
        `[${round4(cure.low)}, ${round4(cure.high)}]`,
        Math.round(recovery.diff),
        `[${Math.round(recovery.low)}, ${Math.round(recovery.high)}]`,
        statement(name, championName, cure, recovery),
      ])
    }
  }
  return {
    report: 'champion-challenger',
    columns: [
      'playbook',
      'segment',
      'currency',
      'variant',
      'accounts',
      'balance_at_entry_minor',
      'collected_minor',
      'recovery_per_account_minor',
      'recovery_rate',
      'cure_rate',
      'cure_rate_diff',
      'cure_rate_diff_95ci',
      'recovery_per_account_diff_minor',
      'recovery_diff_95ci',
      'verdict',
    ],
    rows,
    notes: [
      'Accounts by the playbook, segment and variant they entered treatment with (their first decision), per currency; money in minor units.',
      'Differences are challenger minus champion with 95% confidence intervals (normal approximation); a difference is significant when its interval excludes zero.',
    ],
  }
}

interface Interval {
  diff: number
  low: number
  high: number
}

function difference(p1: number, p2: number, n1: number, n2: number): Interval {
  const diff = p1 - p2
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2)
  return { diff, low: diff - Z95 * se, high: diff + Z95 * se }
}

function meanDifference(a: readonly number[], b: readonly number[]): Interval {
  const stats = (xs: readonly number[]) => {
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length
    const variance = xs.length > 1 ? xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (xs.length - 1) : 0
    return { mean, variance, n: xs.length }
  }
  const x = stats(a)
  const y = stats(b)
  const diff = x.mean - y.mean
  const se = Math.sqrt(x.variance / x.n + y.variance / y.n)
  return { diff, low: diff - Z95 * se, high: diff + Z95 * se }
}

const round4 = (v: number) => (Number.isFinite(v) ? Math.round(v * 10_000) / 10_000 : 'n/a')

const significant = (i: Interval) => i.low > 0 || i.high < 0

/** The plain statement a manager reads. */
function statement(name: string, champion: string, cure: Interval, recovery: Interval): string {
  const parts: string[] = []
  parts.push(
    significant(cure)
      ? `cure rate ${cure.diff > 0 ? 'higher' : 'lower'} than ${champion} (significant at 95%)`
      : `no significant difference in cure rate from ${champion}`,
  )
  parts.push(
    significant(recovery)
      ? `recovery per account ${recovery.diff > 0 ? 'higher' : 'lower'} (significant at 95%)`
      : 'no significant difference in recovery per account',
  )
  return `${name}: ${parts.join('; ')}`
}
