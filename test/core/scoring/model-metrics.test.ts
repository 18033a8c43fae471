import { describe, expect, it } from 'vitest'
import { areaUnderCurve, kolmogorovSmirnov, modelMetrics } from '../../../src/core/scoring/model-metrics.ts'

const f = (xs: number[]) => Float64Array.from(xs)
const u = (xs: number[]) => Uint8Array.from(xs)

describe('model metrics', () => {
  it.each([
    { risk: [0.9, 0.8, 0.2, 0.1], y: [1, 1, 0, 0], auc: 1, ks: 1 },
    { risk: [0.1, 0.2, 0.8, 0.9], y: [1, 1, 0, 0], auc: 0, ks: 1 },
    { risk: [0.5, 0.5, 0.5, 0.5], y: [1, 0, 1, 0], auc: 0.5, ks: 0 },
    // Pairs (bad, good): (0.8,0.7) yes, (0.8,0.3) yes, (0.4,0.7) no, (0.4,0.3) yes -> 3/4.
    { risk: [0.8, 0.7, 0.4, 0.3], y: [1, 0, 1, 0], auc: 0.75, ks: 0.5 },
    // A tie between a bad and a good counts half: (0.6,0.6) = 0.5, (0.6,0.2) = 1 -> 0.75.
    { risk: [0.6, 0.6, 0.2], y: [1, 0, 0], auc: 0.75, ks: 0.5 },
  ])('AUC $auc and KS $ks for $risk / $y', ({ risk, y, auc, ks }) => {
    expect(areaUnderCurve(f(risk), u(y))).toBeCloseTo(auc, 12)
    expect(kolmogorovSmirnov(f(risk), u(y))).toBeCloseTo(ks, 12)
  })

  it('is undefined (NaN) with one class only', () => {
    expect(areaUnderCurve(f([0.1, 0.2]), u([1, 1]))).toBeNaN()
  })

  it('computes Gini, lift and calibration by decile', () => {
    // 100 rows: risk = i/100; the riskiest 10 are all bad, 10 more bads scattered in the rest.
    const risk = f(Array.from({ length: 100 }, (_, i) => (100 - i) / 100))
    const y = u(Array.from({ length: 100 }, (_, i) => (i < 10 || i % 9 === 0 ? 1 : 0)))
    const m = modelMetrics(risk, y)
    const bads = [...y].reduce((a, b) => a + b, 0)
    expect(m.count).toBe(100)
    expect(m.bads).toBe(bads)
    expect(m.gini).toBeCloseTo(2 * m.auc - 1, 12)
    expect(m.calibration.map((c) => c.count)).toEqual(new Array(10).fill(10))
    expect(m.calibration[0]?.observedRate).toBe(1)
    expect(m.calibration[0]?.meanPredicted).toBeCloseTo(0.955, 12)
    expect(m.topDecileLift).toBeCloseTo(1 / (bads / 100), 12)
    expect(m.brier).toBeGreaterThan(0)
  })
})
