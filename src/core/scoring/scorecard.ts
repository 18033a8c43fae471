import { FEATURES, type FeatureName } from './score-features.ts'
import type { ScoreTarget } from './score-targets.ts'

/**
 * A points-based scorecard: each characteristic (a feature cut into bins) gives integer points; the
 * score is their sum, scaled so that `baseScore` points mean odds of `baseOdds` good to one bad and
 * every `pdo` points double the odds. Higher is better (less risk). Plain JSON, stored with the model.
 */
export interface Scorecard {
  target: ScoreTarget
  baseScore: number
  baseOdds: number
  pdo: number
  characteristics: Characteristic[]
  /** Score bands: at least `low` points is low risk, below `high` is high risk, medium between. */
  bandCuts: { low: number; high: number }
}

export interface Characteristic {
  feature: FeatureName
  reasonCode: string
  coefficient: number
  informationValue: number
  bins: ScorecardBin[]
}

export interface ScorecardBin {
  /** "x <= 12", "12 < x <= 30", "x > 30" or "missing". */
  label: string
  /** Inclusive upper bound; null for the open-ended last bin; the missing bin has `missing: true`. */
  upper: number | null
  missing: boolean
  woe: number
  points: number
  /** Training rows in the bin and the share of them that was bad. */
  count: number
  badRate: number
}

/** The documented scaling: 600 points at 50:1 good:bad, 20 points to double the odds. */
export const SCORE_SCALE = { baseScore: 600, baseOdds: 50, pdo: 20 } as const

export type RiskBand = 'low' | 'medium' | 'high'

/** One applied score with its reasons. */
export interface AppliedScore {
  score: number
  /** The probability of the bad outcome that the score stands for. */
  badProbability: number
  band: RiskBand
  /** The characteristics that cost the most points against their best bin, worst first (at most 3). */
  reasonCodes: string[]
}

/** Factor and offset of the points scale: score = offset + factor · ln(odds good:bad). */
export function scaleOf(card: Pick<Scorecard, 'baseScore' | 'baseOdds' | 'pdo'>): {
  factor: number
  offset: number
} {
  const factor = card.pdo / Math.LN2
  return { factor, offset: card.baseScore - factor * Math.log(card.baseOdds) }
}

/** The bin a value falls in (NaN: the missing bin). */
export function binOf(c: Characteristic, value: number): ScorecardBin {
  if (Number.isNaN(value)) return c.bins.find((b) => b.missing) as ScorecardBin
  for (const b of c.bins) if (!b.missing && (b.upper === null || value <= b.upper)) return b
  throw new Error(`characteristic ${c.feature} has no open-ended bin`)
}

/** The feature positions of a scorecard's characteristics in the FEATURES vector. */
export function featurePositions(card: Scorecard): Int32Array {
  return Int32Array.from(card.characteristics.map((c) => FEATURES.findIndex((f) => f.name === c.feature)))
}

export const REASON_CODE_LIMIT = 3

/** Applies the scorecard to the feature vector at `offset` in `features`. */
export function applyScorecard(
  card: Scorecard,
  positions: Int32Array,
  features: Float64Array,
  offset: number,
): AppliedScore {
  let score = 0
  const shortfalls: { code: string; lost: number; order: number }[] = []
  card.characteristics.forEach((c, i) => {
    const bin = binOf(c, features[offset + (positions[i] as number)] as number)
    score += bin.points
    let best = bin.points
    for (const b of c.bins) if (b.count > 0 && b.points > best) best = b.points
    if (best > bin.points) shortfalls.push({ code: c.reasonCode, lost: best - bin.points, order: i })
  })
  shortfalls.sort((a, b) => b.lost - a.lost || a.order - b.order)
  return {
    score,
    badProbability: badProbabilityOf(card, score),
    band: bandOf(card, score),
    reasonCodes: shortfalls.slice(0, REASON_CODE_LIMIT).map((s) => s.code),
  }
}

/** The bad probability a score stands for on the card's scale. */
export function badProbabilityOf(card: Scorecard, score: number): number {
  const { factor, offset } = scaleOf(card)
  return 1 / (1 + Math.exp((score - offset) / factor))
}

/** The risk band of a score. */
export function bandOf(card: Scorecard, score: number): RiskBand {
  if (score >= card.bandCuts.low) return 'low'
  return score < card.bandCuts.high ? 'high' : 'medium'
}
