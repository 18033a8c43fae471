import { dayNumber, fromDayNumber } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import { type BaselineModel, predictBaseline, trainBaseline } from './baseline-model.ts'
import { type ModelMetrics, modelMetrics } from './model-metrics.ts'
import { FEATURE_COUNT, type HistoryIndex } from './score-features.ts'
import { buildExamples, featureMatrix, type ScoreTarget, type TargetExample } from './score-targets.ts'
import { type AppliedScore, applyScorecard, featurePositions, type Scorecard } from './scorecard.ts'
import { DEFAULT_TRAIN_OPTIONS, type TrainScorecardOptions, trainScorecard } from './train-scorecard.ts'

/** Share of the examples (by day) that fall before the default split day. */
export const DEFAULT_TRAIN_SHARE = 0.7

/** What a training run measured, stored with the model. */
export interface ModelEvaluation {
  dataAsOf: string
  /** Train on examples seen before this day whose outcome was known before it; test on the rest. */
  splitOn: string
  train: { count: number; bads: number; from: string; to: string }
  test: { count: number; bads: number; from: string; to: string }
  scorecard: ModelMetrics
  baseline: ModelMetrics
  /** Training-score deciles (nine cut points) and band shares: the reference for drift monitoring. */
  trainScoreDeciles: number[]
}

/** One hold-out example with its score, for the model card and `recoup model evaluate`. */
export interface ScoredExample {
  accountExternalId: string
  on: string
  applied: AppliedScore
  bad: 0 | 1
  outcomeDays: number
}

export interface TrainingResult {
  scorecard: Scorecard
  baseline: BaselineModel
  evaluation: ModelEvaluation
  examples: ScoredExample[]
}

/** The split day: the given one, or the day before which DEFAULT_TRAIN_SHARE of the examples fall. */
function splitDay(examples: readonly TargetExample[], splitOn: string | undefined): number {
  if (splitOn !== undefined) return dayNumber(splitOn)
  const at = examples[Math.floor(examples.length * DEFAULT_TRAIN_SHARE)]
  return at ? at.day : 0
}

function countBads(y: Uint8Array): number {
  let bads = 0
  for (const v of y) bads += v
  return bads
}

function needBoth(what: string, y: Uint8Array): void {
  const bads = countBads(y)
  if (y.length < 20 || bads === 0 || bads === y.length)
    throw new AppError(
      'insufficient_training_data',
      `the ${what} sample has ${y.length} examples, ${bads} bad: at least 20 with both outcomes are needed (choose another --split-on or load more history)`,
      { sample: what, count: y.length, bads },
    )
}

/**
 * Builds the examples of `target` known by `dataAsOf`, splits them by time, trains the scorecard and
 * the baseline on the earlier part and measures both on the later part, on the same rows.
 */
export function trainAndEvaluate(
  index: HistoryIndex,
  target: ScoreTarget,
  input: { dataAsOf: string; splitOn?: string; options?: TrainScorecardOptions },
): TrainingResult {
  const options = input.options ?? DEFAULT_TRAIN_OPTIONS
  const examples = buildExamples(index, target, input.dataAsOf)
  const split = splitDay(examples, input.splitOn)
  // Training sees the books as they stood the day before the split: examples whose outcome was known
  // by then, labelled with what was known then. Nothing of the hold-out period leaks into the model.
  const trainRows = buildExamples(index, target, fromDayNumber(split - 1))
  const testRows = examples.filter((e) => e.day >= split)
  const train = featureMatrix(index, trainRows)
  const test = featureMatrix(index, testRows)
  needBoth('training', train.y)
  needBoth('hold-out', test.y)
  const card = trainScorecard(target, train.x, train.y, options)
  if (card.characteristics.length === 0)
    throw new AppError(
      'insufficient_training_data',
      'no characteristic carries enough information to score on',
    )
  const positions = featurePositions(card)
  const trainScores = scoresOf(card, positions, train.x, trainRows.length)
  const sorted = Int32Array.from(trainScores).sort()
  const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number
  card.bandCuts = { low: quantile(2 / 3), high: quantile(1 / 3) }
  const baseline = trainBaseline(train.x, train.y, options.lambda)
  const held = holdOut(index, card, baseline, testRows, test)
  const evaluation: ModelEvaluation = {
    dataAsOf: input.dataAsOf,
    splitOn: fromDayNumber(split),
    train: window(trainRows, train.y),
    test: window(testRows, test.y),
    scorecard: held.scorecard,
    baseline: held.baseline,
    trainScoreDeciles: Array.from({ length: 9 }, (_, d) => quantile((d + 1) / 10)),
  }
  return { scorecard: card, baseline, evaluation, examples: held.examples }
}

/** Both models measured on the same hold-out rows, and three of them scored as examples. */
function holdOut(
  index: HistoryIndex,
  card: Scorecard,
  baseline: BaselineModel,
  rows: readonly TargetExample[],
  test: { x: Float64Array; y: Uint8Array },
) {
  const positions = featurePositions(card)
  const applied = rows.map((_, i) => applyScorecard(card, positions, test.x, i * FEATURE_COUNT))
  const risk = Float64Array.from(applied.map((a) => a.badProbability))
  const scored = rows.map((e, i) => ({
    accountExternalId: index.accounts[e.accountAt]?.externalId ?? '',
    on: fromDayNumber(e.day),
    applied: applied[i] as AppliedScore,
    bad: e.bad,
    outcomeDays: e.outcomeDays,
  }))
  return {
    scorecard: modelMetrics(risk, test.y),
    baseline: modelMetrics(predictBaseline(baseline, test.x, rows.length), test.y),
    examples: pickExamples(scored),
  }
}

/**
 * Measures a stored model again on the hold-out after its split day, with the outcomes known by
 * `dataAsOf` (later than the training's, once more outcomes are in): the scorecard and its baseline.
 */
export function evaluateStoredModel(
  index: HistoryIndex,
  card: Scorecard,
  baseline: BaselineModel,
  input: { splitOn: string; dataAsOf: string },
): {
  test: ModelEvaluation['test']
  scorecard: ModelMetrics
  baseline: ModelMetrics
  examples: ScoredExample[]
} {
  const split = dayNumber(input.splitOn)
  const rows = buildExamples(index, card.target, input.dataAsOf).filter((e) => e.day >= split)
  const test = featureMatrix(index, rows)
  needBoth('hold-out', test.y)
  return { test: window(rows, test.y), ...holdOut(index, card, baseline, rows, test) }
}

function window(rows: readonly TargetExample[], y: Uint8Array) {
  return {
    count: rows.length,
    bads: countBads(y),
    from: rows[0] ? fromDayNumber(rows[0].day) : '',
    to: rows.at(-1) ? fromDayNumber((rows.at(-1) as TargetExample).day) : '',
  }
}

/** Integer scores of the first n rows of x. */
export function scoresOf(card: Scorecard, positions: Int32Array, x: Float64Array, n: number): Int32Array {
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) out[i] = applyScorecard(card, positions, x, i * FEATURE_COUNT).score
  return out
}

/** Three hold-out examples: the riskiest, the median and the safest score (first of each in date order). */
function pickExamples(scored: ScoredExample[]): ScoredExample[] {
  if (scored.length === 0) return []
  const order = scored
    .map((_, i) => i)
    .sort(
      (a, b) =>
        (scored[a] as ScoredExample).applied.score - (scored[b] as ScoredExample).applied.score || a - b,
    )
  const picks = [order[0], order[Math.floor(order.length / 2)], order.at(-1)] as number[]
  return picks.map((i) => scored[i] as ScoredExample)
}
