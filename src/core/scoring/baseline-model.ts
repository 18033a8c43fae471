import { fitLogistic, predictLogistic } from './logistic-regression.ts'
import { FEATURE_COUNT } from './score-features.ts'

/**
 * The baseline a scorecard must beat: a plain logistic regression on the raw features, standardised
 * with the training sample's mean and spread, a missing value replaced by the training mean (0 after
 * standardising). Same penalty, same rows: the difference measured is the binning and WoE coding.
 */
export interface BaselineModel {
  means: Float64Array
  scales: Float64Array
  intercept: number
  coefficients: Float64Array
}

/** Fits the baseline on (x, y). */
export function trainBaseline(x: Float64Array, y: Uint8Array, lambda: number): BaselineModel {
  const n = y.length
  const means = new Float64Array(FEATURE_COUNT)
  const scales = new Float64Array(FEATURE_COUNT)
  const counts = new Float64Array(FEATURE_COUNT)
  for (let i = 0; i < n; i++)
    for (let f = 0; f < FEATURE_COUNT; f++) {
      const v = x[i * FEATURE_COUNT + f] as number
      if (Number.isNaN(v)) continue
      means[f] = (means[f] as number) + v
      counts[f] = (counts[f] as number) + 1
    }
  for (let f = 0; f < FEATURE_COUNT; f++)
    means[f] = counts[f] ? (means[f] as number) / (counts[f] as number) : 0
  for (let i = 0; i < n; i++)
    for (let f = 0; f < FEATURE_COUNT; f++) {
      const v = x[i * FEATURE_COUNT + f] as number
      if (!Number.isNaN(v)) scales[f] = (scales[f] as number) + (v - (means[f] as number)) ** 2
    }
  for (let f = 0; f < FEATURE_COUNT; f++) {
    const sd = counts[f] ? Math.sqrt((scales[f] as number) / (counts[f] as number)) : 0
    scales[f] = sd > 0 ? sd : 1
  }
  const z = standardise({ means, scales }, x, n)
  const fit = fitLogistic(z, y, FEATURE_COUNT, { lambda })
  return { means, scales, intercept: fit.intercept, coefficients: fit.coefficients }
}

function standardise(
  model: Pick<BaselineModel, 'means' | 'scales'>,
  x: Float64Array,
  n: number,
): Float64Array {
  const z = new Float64Array(n * FEATURE_COUNT)
  for (let i = 0; i < n * FEATURE_COUNT; i++) {
    const f = i % FEATURE_COUNT
    const v = x[i] as number
    z[i] = Number.isNaN(v) ? 0 : (v - (model.means[f] as number)) / (model.scales[f] as number)
  }
  return z
}

/** P(bad) of every row of x. */
export function predictBaseline(model: BaselineModel, x: Float64Array, n: number): Float64Array {
  const z = standardise(model, x, n)
  const fit = { intercept: model.intercept, coefficients: model.coefficients, iterations: 0 }
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = predictLogistic(fit, z, i * FEATURE_COUNT)
  return out
}
