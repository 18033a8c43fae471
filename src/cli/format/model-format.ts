import type { StoredModel } from '../../app/scoring/model-body.ts'
import type { ScoreRunSummary } from '../../app/scoring/score-accounts.ts'
import type { ModelMetrics } from '../../core/scoring/model-metrics.ts'
import type { ScoredExample } from '../../core/scoring/train-and-evaluate.ts'
import { fixed, toTable } from './table-format.ts'

/** Scorecard against baseline on the same hold-out, one metric a row. */
export function metricsTable(scorecard: ModelMetrics, baseline: ModelMetrics): string {
  const row = (name: string, pick: (m: ModelMetrics) => number, digits = 3) => [
    name,
    fixed(pick(scorecard), digits),
    fixed(pick(baseline), digits),
  ]
  return toTable(
    ['metric', 'scorecard', 'baseline'],
    [
      row('AUC', (m) => m.auc),
      row('Gini', (m) => m.gini),
      row('KS', (m) => m.ks),
      row('top-decile lift', (m) => m.topDecileLift, 2),
      row('Brier', (m) => m.brier),
    ],
  )
}

/** Calibration by decile (1 = riskiest tenth) of the scorecard. */
export function calibrationTable(metrics: ModelMetrics): string {
  return toTable(
    ['decile', 'accounts', 'predicted bad', 'observed bad'],
    metrics.calibration.map((c) => [c.decile, c.count, fixed(c.meanPredicted), fixed(c.observedRate)]),
  )
}

/** What happened after a scored example: late by how much, or when the first payment came. */
function outcomeText(e: ScoredExample): string {
  if (e.outcomeDays < 0) return 'no payment in 30 days'
  if (e.bad === 1) return `paid ${e.outcomeDays} days late`
  return e.outcomeDays > 0 ? `paid after ${e.outcomeDays} days` : 'paid on time'
}

/** The example scores with their reason codes. */
export function examplesTable(examples: readonly ScoredExample[]): string {
  return toTable(
    ['account', 'scored on', 'score', 'band', 'reason codes', 'outcome'],
    examples.map((e) => [
      e.accountExternalId,
      e.on,
      e.applied.score,
      e.applied.band,
      e.applied.reasonCodes.join(' ') || '-',
      outcomeText(e),
    ]),
  )
}

/** `recoup model show`: the scorecard's characteristics, bins and points, then the metrics. */
export function modelText(model: StoredModel): string {
  const e = model.evaluation
  const card = model.scorecard
  const lines = [
    `${model.target} v${model.version}: trained ${model.trainedAt} by ${model.trainedBy}`,
    `outcomes known by ${model.dataAsOf}; train ${e.train.from}..${e.train.to} (${e.train.count}, ${e.train.bads} bad), hold-out ${e.test.from}..${e.test.to} (${e.test.count}, ${e.test.bads} bad)`,
    `scale: ${card.baseScore} points at ${card.baseOdds}:1 good:bad, ${card.pdo} points double the odds; bands: low >= ${card.bandCuts.low}, high < ${card.bandCuts.high}`,
    '',
  ]
  const rows = card.characteristics.flatMap((c) =>
    c.bins.map((b, i) => [
      i === 0 ? c.feature : '',
      i === 0 ? c.reasonCode : '',
      b.label,
      b.count,
      fixed(b.badRate),
      fixed(b.woe),
      b.points,
    ]),
  )
  lines.push(toTable(['characteristic', 'reason code', 'bin', 'rows', 'bad rate', 'WoE', 'points'], rows))
  lines.push(metricsTable(e.scorecard, e.baseline), examplesTable(model.examples))
  return lines.join('\n')
}

/** `recoup model score`: accounts scored per target and band. */
export function scoreRunsText(runs: readonly ScoreRunSummary[]): string {
  return toTable(
    ['target', 'version', 'as of', 'scored', 'low', 'medium', 'high'],
    runs.map((r) => [
      r.target,
      r.version,
      r.asOf,
      r.scored,
      r.distribution.bands.low,
      r.distribution.bands.medium,
      r.distribution.bands.high,
    ]),
  )
}
