import { describe, expect, it } from 'vitest'
import { FEATURE_COUNT, FEATURES } from '../../../src/core/scoring/score-features.ts'
import {
  applyScorecard,
  badProbabilityOf,
  featurePositions,
  SCORE_SCALE,
  type Scorecard,
} from '../../../src/core/scoring/scorecard.ts'
import { trainScorecard } from '../../../src/core/scoring/train-scorecard.ts'
import { prng } from '../../scoring/scoring-fixtures.ts'

const at = (name: string) => FEATURES.findIndex((f) => f.name === name)

const card: Scorecard = {
  target: 'late_payment',
  ...SCORE_SCALE,
  bandCuts: { low: 560, high: 540 },
  characteristics: [
    {
      feature: 'priorLateShare',
      reasonCode: 'PRIOR_LATE_SHARE',
      coefficient: -0.9,
      informationValue: 0.5,
      bins: [
        { label: 'x <= 0.2', upper: 0.2, missing: false, woe: 1, points: 320, count: 50, badRate: 0.1 },
        { label: 'x > 0.2', upper: null, missing: false, woe: -1, points: 250, count: 50, badRate: 0.6 },
        { label: 'missing', upper: null, missing: true, woe: 0, points: 290, count: 10, badRate: 0.3 },
      ],
    },
    {
      feature: 'daysPastDue',
      reasonCode: 'DPD',
      coefficient: -0.5,
      informationValue: 0.2,
      bins: [
        { label: 'x <= 0', upper: 0, missing: false, woe: 0.5, points: 300, count: 60, badRate: 0.2 },
        { label: 'x > 0', upper: null, missing: false, woe: -0.5, points: 280, count: 40, badRate: 0.4 },
        // An empty bin's points never make a reason: nobody was ever in it.
        { label: 'missing', upper: null, missing: true, woe: 0, points: 400, count: 0, badRate: 0 },
      ],
    },
  ],
}

function vector(values: Record<string, number>): Float64Array {
  const v = new Float64Array(FEATURE_COUNT).fill(Number.NaN)
  for (const [name, value] of Object.entries(values)) v[at(name)] = value
  return v
}

describe('scorecard', () => {
  it('scales points to the documented odds: 600 at 50:1, 20 points double the odds', () => {
    expect(badProbabilityOf(card, 600)).toBeCloseTo(1 / 51, 12)
    expect(badProbabilityOf(card, 620)).toBeCloseTo(1 / 101, 12)
    expect(badProbabilityOf(card, 580)).toBeCloseTo(1 / 26, 12)
  })

  it('sums bin points, bands the score and names the bins that cost most, worst first', () => {
    const positions = featurePositions(card)
    const best = applyScorecard(card, positions, vector({ priorLateShare: 0.1, daysPastDue: -5 }), 0)
    expect(best).toMatchObject({ score: 620, band: 'low', reasonCodes: [] })
    const worst = applyScorecard(card, positions, vector({ priorLateShare: 0.9, daysPastDue: 12 }), 0)
    expect(worst).toMatchObject({ score: 530, band: 'high', reasonCodes: ['PRIOR_LATE_SHARE', 'DPD'] })
    const missing = applyScorecard(card, positions, vector({ daysPastDue: 3 }), 0)
    expect(missing).toMatchObject({ score: 570, reasonCodes: ['PRIOR_LATE_SHARE', 'DPD'] })
    expect(
      applyScorecard(card, positions, vector({ priorLateShare: 0.5, daysPastDue: 0 }), 0).reasonCodes,
    ).toEqual(['PRIOR_LATE_SHARE'])
    expect(
      applyScorecard(card, positions, vector({ priorLateShare: 0.5, daysPastDue: -1 }), 0),
    ).toMatchObject({
      score: 550,
      band: 'medium',
    })
  })

  it('learns the informative characteristic, drops noise, and awards fewer points where more went bad', () => {
    const rnd = prng(9)
    const n = 4000
    const x = new Float64Array(n * FEATURE_COUNT)
    const y = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      const share = rnd()
      for (let f = 0; f < FEATURE_COUNT; f++) x[i * FEATURE_COUNT + f] = Math.floor(rnd() * 5)
      x[i * FEATURE_COUNT + at('priorLateShare')] = share
      y[i] = rnd() < 0.1 + 0.7 * share ? 1 : 0
    }
    const trained = trainScorecard('late_payment', x, y)
    expect(trained.characteristics.map((c) => c.feature)).toEqual(['priorLateShare'])
    const points = trained.characteristics[0]?.bins.filter((b) => !b.missing).map((b) => b.points) ?? []
    expect(points.length).toBeGreaterThanOrEqual(3)
    expect([...points].sort((a, b) => b - a)).toEqual(points)
    expect(trained.characteristics[0]?.coefficient).toBeLessThan(0)
  })
})
