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

/** One arm's figures: accounts, balance at entry, money collected since (its sum and sum of squares), cured. */
export interface ArmFigures {
  playbookId: string
  segment: string
  currency: string
  variant: string
  accounts: number
  placedMinor: number
  collectedMinor: number
  /** Sum of each account's collected amount squared: with the sum, the variance for the Welch interval. */
  collectedSquares: number
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
  const arms = new Map<string, ArmFigures>()
  for (const e of entries) {
    const at = index.byId.get(e.accountId)
    const a = at === undefined ? undefined : index.accounts[at]
    if (!a || e.enteredDay > asOfDay) continue
    const key = `${e.playbookId}\u0000${e.segment}\u0000${a.currency}\u0000${e.variant}`
    let arm = arms.get(key)
    if (!arm) {
      arm = {
        playbookId: e.playbookId,
        segment: e.segment,
        currency: a.currency,
        variant: e.variant,
        accounts: 0,
        placedMinor: 0,
        collectedMinor: 0,
        collectedSquares: 0,
        cured: 0,
      }
      arms.set(key, arm)
    }
    const atEntry = Math.max(0, balanceOn(a, e.enteredDay))
    const now = balanceOn(a, asOfDay)
    arm.accounts++
    arm.placedMinor += atEntry
    let collected = 0
    for (let k = a.start; k < a.end; k++) {
      const day = a.days[k] as number
      if (day <= e.enteredDay || day > asOfDay || a.isPayment[k] !== 1) continue
      collected += (k > a.start ? (a.balanceAfter[k - 1] as number) : 0) - (a.balanceAfter[k] as number)
    }
    arm.collectedMinor += collected
    arm.collectedSquares += collected * collected
    if (now <= 0) arm.cured++
  }
  return championChallengerTable([...arms.values()])
}

/**
 * The champion/challenger table from each arm's figures (computed from the index above, or by the
 * database): arms grouped by playbook, segment and currency, the champion first.
 */
export function championChallengerTable(figures: readonly ArmFigures[]): ReportTable {
  const arms = new Map<string, Map<string, ArmFigures>>()
  for (const f of figures) {
    const segmentKey = `${f.playbookId}\u0000${f.segment}\u0000${f.currency}`
    let variants = arms.get(segmentKey)
    if (!variants) {
      variants = new Map()
      arms.set(segmentKey, variants)
    }
    variants.set(f.variant, f)
  }
  const rows: (string | number)[][] = []
  for (const key of [...arms.keys()].sort()) {
    const [playbook, segment, currency] = key.split('\u0000') as [string, string, string]
    const variants = arms.get(key) as Map<string, ArmFigures>
    const championName = variants.has('champion')
      ? 'champion'
      : ([...variants.entries()].sort((x, y) => y[1].accounts - x[1].accounts)[0]?.[0] as string)
    const champion = variants.get(championName) as ArmFigures
    for (const name of [...variants.keys()].sort((x, y) =>
      x === championName ? -1 : y === championName ? 1 : x.localeCompare(y),
    )) {
      const arm = variants.get(name) as ArmFigures
      const total = arm.collectedMinor
      const base = [
        playbook,
        segment,
        currency,
        name,
        arm.accounts,
        arm.placedMinor,
        total,
        Math.round(total / arm.accounts),
        ratio(total, arm.placedMinor),
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
      const recovery = meanDifference(arm, champion)
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

/** Welch interval of the difference in mean collected per account, from each arm's sum and sum of squares. */
function meanDifference(a: ArmFigures, b: ArmFigures): Interval {
  const stats = (arm: ArmFigures) => {
    const n = arm.accounts
    const mean = arm.collectedMinor / n
    // Clamped: rounding can leave a tiny negative when every account collected the same.
    const variance = n > 1 ? Math.max(0, (arm.collectedSquares - n * mean * mean) / (n - 1)) : 0
    return { mean, variance, n }
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
