import { dayNumber } from '../calendar/local-date.ts'
import { balanceOn, computeFeatures, FEATURE_COUNT, type HistoryIndex } from './score-features.ts'
import { TARGET_DEBT_KIND } from './score-targets.ts'
import {
  type AppliedScore,
  applyScorecard,
  featurePositions,
  type RiskBand,
  type Scorecard,
} from './scorecard.ts'

export interface AccountScore extends AppliedScore {
  accountId: number
}

/** How a run's scores spread: accounts per band and per training-score decile (1 = lowest scores). */
export interface ScoreDistribution {
  bands: Record<RiskBand, number>
  deciles: number[]
}

/**
 * Scores every account of the card's debt kind that owed something at the end of `asOf`, from what
 * the books held that day, with its distribution against the training deciles.
 */
export function scoreAccounts(
  index: HistoryIndex,
  card: Scorecard,
  asOf: string,
  trainScoreDeciles: readonly number[],
): { scores: AccountScore[]; distribution: ScoreDistribution } {
  const day = dayNumber(asOf)
  const kind = TARGET_DEBT_KIND[card.target]
  const positions = featurePositions(card)
  const features = new Float64Array(FEATURE_COUNT)
  const scores: AccountScore[] = []
  const distribution: ScoreDistribution = {
    bands: { low: 0, medium: 0, high: 0 },
    deciles: new Array(10).fill(0),
  }
  index.accounts.forEach((a, at) => {
    if (a.debtKind !== kind || a.openedDay > day || balanceOn(a, day) <= 0) return
    computeFeatures(index, at, day, features, 0)
    const applied = applyScorecard(card, positions, features, 0)
    scores.push({ accountId: a.id, ...applied })
    distribution.bands[applied.band]++
    const d = decileOf(trainScoreDeciles, applied.score)
    distribution.deciles[d] = (distribution.deciles[d] ?? 0) + 1
  })
  return { scores, distribution }
}

/** The training decile a score falls in (0-based): the number of cut points at or below it. */
export function decileOf(cuts: readonly number[], score: number): number {
  let d = 0
  while (d < cuts.length && score >= (cuts[d] as number)) d++
  return d
}
