import { fitLogistic } from './logistic-regression.ts'
import { FEATURE_COUNT, FEATURES } from './score-features.ts'
import type { ScoreTarget } from './score-targets.ts'
import { type Characteristic, SCORE_SCALE, type Scorecard, type ScorecardBin, scaleOf } from './scorecard.ts'

export interface TrainScorecardOptions {
  /** L2 penalty of the logistic regression on the WoE-coded characteristics. */
  lambda: number
  /** Most bins per characteristic before merging (quantile cuts). */
  maxBins: number
  /** A bin smaller than this share of the rows is merged into its neighbour. */
  minBinShare: number
  /** Characteristics below this information value are left out. */
  minInformationValue: number
}

export const DEFAULT_TRAIN_OPTIONS: TrainScorecardOptions = {
  lambda: 1,
  maxBins: 6,
  minBinShare: 0.05,
  minInformationValue: 0.02,
}

interface DraftBin {
  upper: number | null
  missing: boolean
  goods: number
  bads: number
}

/** Quantile cut points of the non-missing values of column `f` (distinct, ascending). */
function cutPoints(x: Float64Array, f: number, n: number, maxBins: number): number[] {
  const values: number[] = []
  for (let i = 0; i < n; i++) {
    const v = x[i * FEATURE_COUNT + f] as number
    if (!Number.isNaN(v)) values.push(v)
  }
  if (values.length === 0) return []
  const sorted = Float64Array.from(values).sort()
  const cuts = new Set<number>()
  for (let q = 1; q < maxBins; q++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((q * sorted.length) / maxBins))] as number
    // A cut at the largest value would leave the last bin empty.
    if (v < (sorted[sorted.length - 1] as number)) cuts.add(v)
  }
  return [...cuts].sort((a, b) => a - b)
}

function woeOf(bin: DraftBin, goods: number, bads: number, bins: number): number {
  // Half a count in each cell keeps an empty cell finite (Laplace-style smoothing).
  const g = (bin.goods + 0.5) / (goods + 0.5 * bins)
  const b = (bin.bads + 0.5) / (bads + 0.5 * bins)
  return Math.log(g / b)
}

/** Bins one feature: quantile cuts, small bins merged into their neighbour, plus the missing bin. */
function binFeature(x: Float64Array, y: Uint8Array, f: number, options: TrainScorecardOptions): DraftBin[] {
  const n = y.length
  const cuts = cutPoints(x, f, n, options.maxBins)
  let bins: DraftBin[] = [...cuts, null].map((upper) => ({ upper, missing: false, goods: 0, bads: 0 }))
  const missing: DraftBin = { upper: null, missing: true, goods: 0, bads: 0 }
  for (let i = 0; i < n; i++) {
    const v = x[i * FEATURE_COUNT + f] as number
    const bin = Number.isNaN(v) ? missing : (bins.find((b) => b.upper === null || v <= b.upper) as DraftBin)
    if (y[i] === 1) bin.bads++
    else bin.goods++
  }
  const min = options.minBinShare * n
  for (let merged = true; merged && bins.length > 1; ) {
    merged = false
    const small = bins.findIndex((b) => b.goods + b.bads < min)
    if (small < 0) break
    // Merge into the smaller neighbour; the merged bin keeps the upper bound of the later one.
    const left = bins[small - 1]
    const right = bins[small + 1]
    const into =
      !right || (left && left.goods + left.bads <= right.goods + right.bads) ? small - 1 : small + 1
    const [lo, hi] = into < small ? [into, small] : [small, into]
    const a = bins[lo] as DraftBin
    const b = bins[hi] as DraftBin
    bins = [
      ...bins.slice(0, lo),
      { upper: b.upper, missing: false, goods: a.goods + b.goods, bads: a.bads + b.bads },
      ...bins.slice(hi + 1),
    ]
    merged = true
  }
  return [...bins, missing]
}

/** A bound as the label shows it: at most three decimals. */
const shown = (v: number) => String(Math.round(v * 1000) / 1000)

function labelOf(bins: DraftBin[], i: number): string {
  const bin = bins[i] as DraftBin
  if (bin.missing) return 'missing'
  const lower = i > 0 ? bins[i - 1]?.upper : undefined
  if (bin.upper === null) return lower === undefined || lower === null ? 'any' : `x > ${shown(lower)}`
  return lower === undefined || lower === null
    ? `x <= ${shown(bin.upper)}`
    : `${shown(lower)} < x <= ${shown(bin.upper)}`
}

/**
 * Trains a scorecard on (x, y): bins and weights of evidence per feature, characteristics with enough
 * information value, an L2 logistic regression on their WoE values, then points. A characteristic whose
 * coefficient comes out with the wrong sign (its WoE would count against its own evidence, a symptom of
 * collinearity) is dropped and the model refitted, so every point awarded agrees with its bin's evidence.
 */
export function trainScorecard(
  target: ScoreTarget,
  x: Float64Array,
  y: Uint8Array,
  options: TrainScorecardOptions = DEFAULT_TRAIN_OPTIONS,
): Scorecard {
  const n = y.length
  let bads = 0
  for (let i = 0; i < n; i++) bads += y[i] as number
  const goods = n - bads
  if (bads === 0 || goods === 0) throw new Error('the training sample needs both outcomes')
  const candidates: { f: number; bins: DraftBin[]; woe: number[]; iv: number }[] = []
  for (let f = 0; f < FEATURE_COUNT; f++) {
    const bins = binFeature(x, y, f, options)
    const populated = bins.filter((b) => b.goods + b.bads > 0).length
    if (populated < 2) continue
    const woe = bins.map((b) => (b.goods + b.bads === 0 ? 0 : woeOf(b, goods, bads, bins.length)))
    let iv = 0
    bins.forEach((b, i) => {
      if (b.goods + b.bads > 0) iv += ((b.goods + 0.5) / goods - (b.bads + 0.5) / bads) * (woe[i] as number)
    })
    if (iv >= options.minInformationValue) candidates.push({ f, bins, woe, iv })
  }
  let chosen = candidates
  for (;;) {
    const p = chosen.length
    const coded = new Float64Array(n * p)
    for (let i = 0; i < n; i++) {
      chosen.forEach((c, j) => {
        const v = x[i * FEATURE_COUNT + c.f] as number
        const at = Number.isNaN(v)
          ? c.bins.length - 1
          : c.bins.findIndex((b) => !b.missing && (b.upper === null || v <= b.upper))
        coded[i * p + j] = c.woe[at] as number
      })
    }
    const fit = fitLogistic(coded, y, p, { lambda: options.lambda })
    const wrong = chosen.findIndex((_, j) => (fit.coefficients[j] as number) > 0)
    if (wrong >= 0 && p > 1) {
      chosen = chosen.filter((_, j) => j !== wrong)
      continue
    }
    return toScorecard(target, chosen, fit.intercept, fit.coefficients)
  }
}

function toScorecard(
  target: ScoreTarget,
  chosen: { f: number; bins: DraftBin[]; woe: number[]; iv: number }[],
  intercept: number,
  coefficients: Float64Array,
): Scorecard {
  const { factor, offset } = scaleOf(SCORE_SCALE)
  const p = Math.max(chosen.length, 1)
  // ln(odds good) = −(intercept + Σ βj·woe): each characteristic carries its share of the intercept.
  const share = (offset - factor * intercept) / p
  const characteristics: Characteristic[] = chosen.map((c, j) => {
    const beta = coefficients[j] as number
    const feature = FEATURES[c.f] as (typeof FEATURES)[number]
    const bins: ScorecardBin[] = c.bins.map((b, i) => ({
      label: labelOf(c.bins, i),
      upper: b.upper,
      missing: b.missing,
      woe: c.woe[i] as number,
      points: Math.round(share - factor * beta * (c.woe[i] as number)),
      count: b.goods + b.bads,
      badRate: b.goods + b.bads === 0 ? 0 : b.bads / (b.goods + b.bads),
    }))
    return {
      feature: feature.name,
      reasonCode: feature.reason,
      coefficient: beta,
      informationValue: c.iv,
      bins,
    }
  })
  return { target, ...SCORE_SCALE, characteristics, bandCuts: { low: 0, high: 0 } }
}
