import type { BaselineModel } from '../../core/scoring/baseline-model.ts'
import type { Scorecard } from '../../core/scoring/scorecard.ts'
import type { ModelEvaluation, ScoredExample } from '../../core/scoring/train-and-evaluate.ts'
import type { ScoreModelRow } from '../../store/scoring/score-model.repository.ts'

/** A stored model with its JSON columns read back. */
export interface StoredModel {
  id: number
  target: Scorecard['target']
  version: number
  trainedAt: string
  trainedBy: string
  dataAsOf: string
  splitOn: string
  scorecard: Scorecard
  baseline: BaselineModel
  evaluation: ModelEvaluation
  examples: ScoredExample[]
}

/** The baseline's typed arrays as JSON. */
export function baselineJson(model: BaselineModel): string {
  return JSON.stringify({
    means: [...model.means],
    scales: [...model.scales],
    intercept: model.intercept,
    coefficients: [...model.coefficients],
  })
}

/** Reads a model row's JSON columns. */
export function readStoredModel(row: ScoreModelRow): StoredModel {
  const b = JSON.parse(row.baseline) as {
    means: number[]
    scales: number[]
    intercept: number
    coefficients: number[]
  }
  return {
    id: row.id,
    target: row.target,
    version: row.version,
    trainedAt: row.trained_at,
    trainedBy: row.trained_by,
    dataAsOf: row.data_as_of,
    splitOn: row.split_on,
    scorecard: JSON.parse(row.scorecard) as Scorecard,
    baseline: {
      means: Float64Array.from(b.means),
      scales: Float64Array.from(b.scales),
      intercept: b.intercept,
      coefficients: Float64Array.from(b.coefficients),
    },
    evaluation: JSON.parse(row.metrics) as ModelEvaluation,
    examples: JSON.parse(row.examples) as ScoredExample[],
  }
}
