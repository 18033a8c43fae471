import { describe, expect, it } from 'vitest'
import {
  type CommissionTerms,
  checkCommissionTerms,
  commissionOnCollection,
  contingencyCommission,
  placementRate,
} from '../../../src/core/placements/commission-terms.ts'

const AGE_TIERS: CommissionTerms = {
  contingency: {
    basis: 'age',
    tiers: [
      { from: 0, percent: '25' },
      { from: 180, percent: '33.33' },
      { from: 365, percent: '40' },
    ],
  },
  noSuccessNoFee: true,
}

describe('commission terms', () => {
  it.each([
    [null, 'terms', 'must be an object'],
    [{ noSuccessNoFee: true }, 'terms', 'needs a contingency, a fixed fee or both'],
    [{ fixedFeeMinor: 100 }, 'terms.noSuccessNoFee', 'must be true or false'],
    [{ noSuccessNoFee: true, fixedFeeMinor: 100 }, 'terms.currency', 'a fixed fee needs'],
    [{ noSuccessNoFee: true, fixedFeeMinor: 1.5, currency: 'USD' }, 'terms.fixedFeeMinor', 'whole number'],
    [{ noSuccessNoFee: true, rate: 3 }, 'terms.rate', 'is not a terms field'],
    [{ noSuccessNoFee: true, currency: 'XXQ', fixedFeeMinor: 1 }, 'terms.currency', 'ISO 4217'],
    [{ noSuccessNoFee: false, contingency: { basis: 'size', tiers: [] } }, 'terms.contingency.basis', 'age'],
    [{ noSuccessNoFee: false, contingency: { basis: 'balance', tiers: [] } }, 'terms.currency', 'balance'],
    [
      { noSuccessNoFee: false, contingency: { basis: 'age', tiers: [] } },
      'terms.contingency.tiers',
      'one tier',
    ],
    [
      { noSuccessNoFee: false, contingency: { basis: 'age', tiers: [{ from: 5, percent: '1' }] } },
      'terms.contingency.tiers[0].from',
      'starts at 0',
    ],
    [
      {
        noSuccessNoFee: false,
        contingency: {
          basis: 'age',
          tiers: [
            { from: 0, percent: '1' },
            { from: 0, percent: '2' },
          ],
        },
      },
      'terms.contingency.tiers[1].from',
      'ascending',
    ],
    [
      { noSuccessNoFee: false, contingency: { basis: 'age', tiers: [{ from: 0, percent: 25 }] } },
      'terms.contingency.tiers[0].percent',
      'decimal text',
    ],
    [
      { noSuccessNoFee: false, contingency: { basis: 'age', tiers: [{ from: 0, percent: '100.01' }] } },
      'terms.contingency.tiers[0].percent',
      'at most 100',
    ],
    [
      { noSuccessNoFee: false, contingency: { basis: 'age', tiers: [{ from: 0, percent: '1.23456' }] } },
      'terms.contingency.tiers[0].percent',
      'at most 4 places',
    ],
  ])('refuses %j at %s', (value, field, reason) => {
    const result = checkCommissionTerms(value)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.field).toBe(field)
      expect(result.reason).toContain(reason)
    }
  })

  it('accepts contingency tiers, a fixed fee, or both', () => {
    expect(checkCommissionTerms(AGE_TIERS)).toEqual({ ok: true, terms: AGE_TIERS })
    const both = {
      currency: 'USD',
      fixedFeeMinor: 2500,
      noSuccessNoFee: false,
      ...{ contingency: AGE_TIERS.contingency },
    }
    expect(checkCommissionTerms(both)).toMatchObject({ ok: true, terms: { fixedFeeMinor: 2500 } })
  })

  it('picks the tier by age or balance on the placement day', () => {
    const at = (ageDays: number) => placementRate(AGE_TIERS, { ageDays, balanceMinor: 0, currency: 'EUR' })
    expect(at(0)).toEqual({ ok: true, rate: { percent: '25', fixedFeeMinor: 0 } })
    expect(at(179)).toMatchObject({ rate: { percent: '25' } })
    expect(at(180)).toMatchObject({ rate: { percent: '33.33' } })
    expect(at(5000)).toMatchObject({ rate: { percent: '40' } })
    const byBalance: CommissionTerms = {
      currency: 'USD',
      contingency: {
        basis: 'balance',
        tiers: [
          { from: 0, percent: '30' },
          { from: 100_000, percent: '20' },
        ],
      },
      noSuccessNoFee: true,
    }
    expect(placementRate(byBalance, { ageDays: 9, balanceMinor: 99_999, currency: 'USD' })).toMatchObject({
      rate: { percent: '30' },
    })
    expect(placementRate(byBalance, { ageDays: 9, balanceMinor: 100_000, currency: 'USD' })).toMatchObject({
      rate: { percent: '20' },
    })
    expect(placementRate(byBalance, { ageDays: 9, balanceMinor: 1, currency: 'EUR' })).toEqual({
      ok: false,
      reason: "the partner's terms are in USD, the account in EUR",
    })
  })

  it('computes commission exactly, rounding half-up once per line', () => {
    expect(contingencyCommission(10_000, '33.33')).toBe(3333)
    // 0.1 + 0.2 territory: 15 x 33.33% = 4.9995 -> 5; 1 x 50% = 0.5 -> 1 (the tie goes up).
    expect(contingencyCommission(15, '33.33')).toBe(5)
    expect(contingencyCommission(1, '50')).toBe(1)
    expect(contingencyCommission(3, '33.3333')).toBe(1)
    expect(contingencyCommission(0, '40')).toBe(0)
    // Large balances stay exact (no float): 9,007,199,254,740.99 at 12.5%.
    expect(contingencyCommission(900_719_925_474_099, '12.5')).toBe(112_589_990_684_262)
    const rate = { percent: '25', fixedFeeMinor: 2500 }
    expect(commissionOnCollection(10_000, rate, true)).toBe(5000)
    expect(commissionOnCollection(10_000, rate, false)).toBe(2500)
  })
})
