import { balanceOn, type HistoryIndex } from '../scoring/score-features.ts'
import { PAY_WINDOW_DAYS, type ScoreTarget } from '../scoring/score-targets.ts'
import type { RiskBand } from '../scoring/scorecard.ts'
import type { ReportTable } from './report-table.ts'

export interface MonitoredRun {
  asOf: string
  scored: number
  deciles: number[]
  bands: Record<RiskBand, number>
}

export interface MonitoredScore {
  accountId: number
  asOfDay: number
  band: RiskBand
  badPpm: number
}

/** Population stability index of `actual` shares against `expected` shares (both summing to 1). */
export function populationStability(actual: readonly number[], expected: readonly number[]): number {
  let psi = 0
  actual.forEach((a, i) => {
    const e = Math.max(expected[i] ?? 0, 1e-4)
    const x = Math.max(a, 1e-4)
    psi += (x - e) * Math.log(x / e)
  })
  return psi
}

/** The realised outcome of one band's scores: how many, their predicted bad rates summed (ppm), how many went bad. */
export interface BandOutcome {
  band: RiskBand
  accounts: number
  predictedPpm: number
  bad: number
}

/**
 * The outcome by band of the current scores that are at least 30 days old on `asOfDay`: realised bad
 * for `pay_30` is no payment within 30 days of the score day, for `late_payment` still owing 30 days
 * after it.
 */
export function bandOutcomes(
  index: HistoryIndex,
  target: ScoreTarget,
  scores: readonly MonitoredScore[],
  asOfDay: number,
): BandOutcome[] {
  const outcome = new Map<RiskBand, BandOutcome>()
  for (const s of scores) {
    if (s.asOfDay + PAY_WINDOW_DAYS > asOfDay) continue
    const at = index.byId.get(s.accountId)
    const a = at === undefined ? undefined : index.accounts[at]
    if (!a) continue
    let bad: boolean
    if (target === 'pay_30') {
      bad = true
      for (let k = a.start; k < a.end; k++) {
        const day = a.days[k] as number
        if (day > s.asOfDay && day <= s.asOfDay + PAY_WINDOW_DAYS && a.isPayment[k] === 1) bad = false
      }
    } else bad = balanceOn(a, s.asOfDay + PAY_WINDOW_DAYS) > 0
    let o = outcome.get(s.band)
    if (!o) {
      o = { band: s.band, accounts: 0, predictedPpm: 0, bad: 0 }
      outcome.set(s.band, o)
    }
    o.accounts++
    o.predictedPpm += s.badPpm
    if (bad) o.bad++
  }
  return [...outcome.values()]
}

/**
 * Score monitoring for one model: the drift of each scoring run's distribution from the training
 * distribution (PSI over the training deciles: under 0.1 stable, 0.1-0.25 watch, above 0.25 shifted),
 * and the realised outcome by band (`bandOutcomes`, or the same figures from the database): predicted
 * against observed bad rate. Realised bad: `pay_30`, no payment within 30 days of the score day;
 * `late_payment`, still owing 30 days after the score day.
 */
export function scoreMonitoring(
  index: HistoryIndex,
  target: ScoreTarget,
  runs: readonly MonitoredRun[],
  scores: readonly MonitoredScore[],
  asOfDay: number,
): ReportTable {
  return scoreMonitoringTable(target, runs, bandOutcomes(index, target, scores, asOfDay))
}

/** The monitoring table from the runs and each band's outcome (from `bandOutcomes` or the database). */
export function scoreMonitoringTable(
  target: ScoreTarget,
  runs: readonly MonitoredRun[],
  outcomes: readonly BandOutcome[],
): ReportTable {
  const rows: (string | number)[][] = []
  const expected = new Array(10).fill(0.1)
  for (const r of runs) {
    const shares = r.deciles.map((n) => (r.scored ? n / r.scored : 0))
    const psi = populationStability(shares, expected)
    const verdict = psi < 0.1 ? 'stable' : psi < 0.25 ? 'watch' : 'shifted'
    for (const band of ['low', 'medium', 'high'] as const)
      rows.push([
        'drift',
        r.asOf,
        band,
        r.bands[band],
        Math.round(psi * 10_000) / 10_000,
        r.scored ? Math.round((r.bands[band] / r.scored) * 10_000) / 10_000 : '',
        '',
        '',
        verdict,
      ])
  }
  for (const band of ['low', 'medium', 'high'] as const) {
    const o = outcomes.find((x) => x.band === band)
    if (!o || o.accounts === 0) continue
    rows.push([
      'outcome',
      '',
      band,
      o.accounts,
      '',
      '',
      Math.round(o.predictedPpm / o.accounts / 100) / 10_000,
      Math.round((o.bad / o.accounts) * 10_000) / 10_000,
      '',
    ])
  }
  return {
    report: 'score-monitoring',
    columns: [
      'section',
      'run_as_of',
      'band',
      'accounts',
      'psi',
      'band_share',
      'predicted_bad_rate',
      'realised_bad_rate',
      'verdict',
    ],
    rows,
    notes: [
      'drift: each scoring run against the training score deciles (PSI < 0.1 stable, 0.1-0.25 watch, > 0.25 shifted).',
      `outcome: current scores at least ${PAY_WINDOW_DAYS} days old; realised bad for ${target}: ${target === 'pay_30' ? 'no payment within 30 days of the score day' : 'still owing 30 days after the score day'}.`,
    ],
  }
}
