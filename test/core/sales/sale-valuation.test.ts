import { describe, expect, it } from 'vitest'
import { decimal } from '../../../src/core/money/decimal.ts'
import { ageBucketRate, saleDecimal, valueAccount } from '../../../src/core/sales/sale-valuation.ts'

const terms = { pricePercent: decimal('12.5'), recoveryFraction: decimal('0.40') }

describe('sale valuation', () => {
  it('scores: balance x (1 - bad) x fraction, half-up once, then the price half-up once', () => {
    // 12001 x 0.3 x 0.4 = 1440.12 -> 1440; x 0.125 = 180
    expect(valueAccount({ balanceMinor: 12_001, ageDays: 10, badPpm: 700_000 }, terms)).toEqual({
      basis: 'score',
      paymentPpm: 300_000,
      recoveryRate: '0.12',
      expectedMinor: 1440,
      priceMinor: 180,
    })
    // 125 x 0.5 x 0.4 = 25 exactly; 25 x 0.125 = 3.125 -> 3; at 14%: 3.5 -> 4 (half-up)
    expect(valueAccount({ balanceMinor: 125, ageDays: 0, badPpm: 500_000 }, terms).priceMinor).toBe(3)
    expect(
      valueAccount(
        { balanceMinor: 125, ageDays: 0, badPpm: 500_000 },
        { ...terms, pricePercent: decimal('14') },
      ).priceMinor,
    ).toBe(4)
  })

  it('unscored: the age bucket, boundaries inclusive', () => {
    expect([0, 180, 181, 365, 366, 730, 731, 1095, 1096, 5000].map(ageBucketRate)).toEqual([
      '0.15',
      '0.15',
      '0.10',
      '0.10',
      '0.06',
      '0.06',
      '0.04',
      '0.04',
      '0.02',
      '0.02',
    ])
    // 1005 x 0.06 = 60.3 -> 60
    expect(valueAccount({ balanceMinor: 1005, ageDays: 400, badPpm: null }, terms)).toMatchObject({
      basis: 'age',
      paymentPpm: null,
      recoveryRate: '0.06',
      expectedMinor: 60,
      priceMinor: 8,
    })
  })

  it('takes the price and fraction only as exact decimal text within bounds', () => {
    expect(saleDecimal('pricePercent', '12.50', '100')).toEqual({ units: 1250n, scale: 2 })
    for (const bad of ['12,5', '1e2', '-1', '100.001', 12.5, ''])
      expect(() => saleDecimal('pricePercent', bad, '100')).toThrow(/pricePercent/)
  })
})
