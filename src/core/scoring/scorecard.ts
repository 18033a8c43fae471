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

/** A characteristic as flat arrays, for applying it a million times without allocating. */
interface CompiledCharacteristic {
  code: string
  /** Upper bounds of the value bins in order (Infinity for the open-ended one) and their points. */
  uppers: Float64Array
  points: Int32Array
  missingPoints: number
  /** The most points any populated bin gives: what a reason code measures the loss against. */
  best: number
}

const compiled = new WeakMap<Scorecard, CompiledCharacteristic[]>()

function compile(card: Scorecard): CompiledCharacteristic[] {
  let done = compiled.get(card)
  if (done) return done
  done = card.characteristics.map((c) => {
    const values = c.bins.filter((b) => !b.missing)
    const missing = c.bins.find((b) => b.missing)
    let best = Number.NEGATIVE_INFINITY
    for (const b of c.bins) if (b.count > 0 && b.points > best) best = b.points
    return {
      code: c.reasonCode,
      uppers: Float64Array.from(values.map((b) => (b.upper === null ? Number.POSITIVE_INFINITY : b.upper))),
      points: Int32Array.from(values.map((b) => b.points)),
      missingPoints: missing?.points ?? 0,
      best,
    }
  })
  compiled.set(card, done)
  return done
}

/** Applies the scorecard to the feature vector at `offset` in `features`. */
export function applyScorecard(
  card: Scorecard,
  positions: Int32Array,
  features: Float64Array,
  offset: number,
): AppliedScore {
  const characteristics = compile(card)
  let score = 0
  // The three largest losses, kept in order as we go (no array per account beyond the result).
  let c1 = -1
  let c2 = -1
  let c3 = -1
  let l1 = 0
  let l2 = 0
  let l3 = 0
  for (let i = 0; i < characteristics.length; i++) {
    const c = characteristics[i] as CompiledCharacteristic
    const value = features[offset + (positions[i] as number)] as number
    let points = c.missingPoints
    if (!Number.isNaN(value)) {
      let b = 0
      while (b < c.uppers.length - 1 && value > (c.uppers[b] as number)) b++
      points = c.points[b] as number
    }
    score += points
    const lost = c.best - points
    if (lost <= 0) continue
    // Strictly greater: an equal loss keeps the earlier characteristic first.
    if (lost > l1) {
      c3 = c2
      l3 = l2
      c2 = c1
      l2 = l1
      c1 = i
      l1 = lost
    } else if (lost > l2) {
      c3 = c2
      l3 = l2
      c2 = i
      l2 = lost
    } else if (lost > l3) {
      c3 = i
      l3 = lost
    }
  }
  const reasonCodes: string[] = []
  for (const i of [c1, c2, c3].slice(0, REASON_CODE_LIMIT))
    if (i >= 0) reasonCodes.push((characteristics[i] as CompiledCharacteristic).code)
  return { score, badProbability: badProbabilityOf(card, score), band: bandOf(card, score), reasonCodes }
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
