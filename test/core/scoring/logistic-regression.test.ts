import { describe, expect, it } from 'vitest'
import { addDays } from '../../../src/core/calendar/local-date.ts'
import { fitLogistic, sigmoid, solveSymmetric } from '../../../src/core/scoring/logistic-regression.ts'
import { indexHistory } from '../../../src/core/scoring/score-features.ts'
import type { ScoringHistory } from '../../../src/core/scoring/scoring-history.ts'
import { trainAndEvaluate } from '../../../src/core/scoring/train-and-evaluate.ts'
import { prng } from '../../scoring/scoring-fixtures.ts'

/** n rows of two standard-uniform-ish features and labels drawn from the true model. */
function sample(n: number, b0: number, b1: number, b2: number, seed: number) {
  const rnd = prng(seed)
  const x = new Float64Array(n * 2)
  const y = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const x1 = rnd() * 4 - 2
    const x2 = rnd() * 4 - 2
    x[i * 2] = x1
    x[i * 2 + 1] = x2
    y[i] = rnd() < sigmoid(b0 + b1 * x1 + b2 * x2) ? 1 : 0
  }
  return { x, y }
}

describe('logistic regression', () => {
  it('solves a symmetric positive-definite system', () => {
    const a = Float64Array.from([4, 2, 0, 2, 5, 1, 0, 1, 3])
    const s = solveSymmetric(a, Float64Array.from([2, 8, 5]), 3)
    // A·s must give back b.
    expect(4 * (s[0] as number) + 2 * (s[1] as number)).toBeCloseTo(2, 10)
    expect(2 * (s[0] as number) + 5 * (s[1] as number) + (s[2] as number)).toBeCloseTo(8, 10)
    expect((s[1] as number) + 3 * (s[2] as number)).toBeCloseTo(5, 10)
  })

  it('recovers the true coefficients from a large sample without penalty', () => {
    const { x, y } = sample(20_000, -0.5, 1.2, -0.8, 3)
    const fit = fitLogistic(x, y, 2, { lambda: 0 })
    expect(fit.intercept).toBeCloseTo(-0.5, 1)
    expect(fit.coefficients[0]).toBeCloseTo(1.2, 1)
    expect(fit.coefficients[1]).toBeCloseTo(-0.8, 1)
    expect(fit.iterations).toBeLessThan(20)
  })

  it('shrinks the coefficients (not the intercept) as the penalty grows, and stays finite when separable', () => {
    const { x, y } = sample(2000, 0, 1.5, 0.5, 5)
    const loose = fitLogistic(x, y, 2, { lambda: 0.01 })
    const tight = fitLogistic(x, y, 2, { lambda: 500 })
    expect(Math.abs(tight.coefficients[0] as number)).toBeLessThan(Math.abs(loose.coefficients[0] as number))
    const sx = Float64Array.from([-2, -1, 1, 2])
    const sy = Uint8Array.from([0, 0, 1, 1])
    const separable = fitLogistic(sx, sy, 1, { lambda: 1 })
    expect(Number.isFinite(separable.coefficients[0])).toBe(true)
    expect(separable.coefficients[0]).toBeGreaterThan(0)
  })
})

describe('logistic regression on separable data', () => {
  it('stays near the penalised optimum instead of diverging (damped Newton steps)', () => {
    // The bench portfolio: every third account pays exactly 10 days after its due date, so month-end
    // snapshots separate almost perfectly; full Newton steps ran off to points of -1.5e12.
    const history: ScoringHistory = {
      accounts: [],
      entries: [],
      promises: [],
      plans: [],
      disputes: [],
      contacts: [],
    }
    for (let i = 0; i < 6000; i++) {
      const dueOn = addDays('2026-06-30', 30 - ((i * 7919) % 730))
      const openedOn = addDays(dueOn, -30)
      const amount = 1000 + ((i * 104_729) % 500_000)
      history.accounts.push({
        id: i + 1,
        externalId: `A${i}`,
        debtorId: Math.floor((i * 5) / 6),
        debtKind: 'consumer',
        currency: 'USD',
        status: 'open',
        openedOn,
        dueOn,
      })
      history.entries.push({ accountId: i + 1, kind: 'charge', amountMinor: amount, effectiveOn: openedOn })
      if (i % 3 === 0)
        history.entries.push({
          accountId: i + 1,
          kind: 'payment',
          amountMinor: -Math.floor(amount / 4),
          effectiveOn: addDays(dueOn, 10),
        })
    }
    const { scorecard } = trainAndEvaluate(indexHistory(history), 'pay_30', { dataAsOf: '2026-06-30' })
    for (const c of scorecard.characteristics) {
      expect(Math.abs(c.coefficient), c.feature).toBeLessThan(50)
      for (const b of c.bins) expect(Math.abs(b.points), `${c.feature} ${b.label}`).toBeLessThan(1000)
    }
  })
})
