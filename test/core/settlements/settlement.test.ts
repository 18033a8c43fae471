import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkSettlementOffer,
  type SettlementOfferInput,
  type SettlementViolationCode,
  settleOnPayment,
} from '../../../src/core/settlements/settlement.ts'

const base: SettlementOfferInput = {
  balanceMinor: 100_000,
  offerMinor: 70_000,
  createdOn: '2024-01-31',
  expiresOn: '2024-02-29',
  policy: { maxDiscountPercent: '30', maxValidityDays: 30 },
}

describe('checkSettlementOffer', () => {
  it.each<[string, Partial<SettlementOfferInput>, SettlementViolationCode[]]>([
    ['30% off for 29 days', {}, []],
    ['exactly the maximum validity', { expiresOn: '2024-03-01' }, []],
    ['one day too long', { expiresOn: '2024-03-02' }, ['validity_too_long']],
    ['one cent over the discount', { offerMinor: 69_999 }, ['discount_too_large']],
    [
      'fractional percent, exact',
      { offerMinor: 72_500, policy: { maxDiscountPercent: '27.5', maxValidityDays: 30 } },
      [],
    ],
    [
      'fractional percent, one cent over',
      { offerMinor: 72_499, policy: { maxDiscountPercent: '27.5', maxValidityDays: 30 } },
      ['discount_too_large'],
    ],
    ['full balance is not a discount', { offerMinor: 100_000 }, []],
    ['offer above balance', { offerMinor: 100_001 }, ['offer_above_balance']],
    [
      'zero offer',
      { offerMinor: 0, policy: { maxDiscountPercent: '100', maxValidityDays: 30 } },
      ['offer_not_positive'],
    ],
    ['expires before created', { expiresOn: '2024-01-30' }, ['expires_before_created']],
  ])('%s', (_, input, codes) => {
    const result = checkSettlementOffer({ ...base, ...input })
    expect(result.ok ? [] : result.violations.map((v) => v.code)).toEqual(codes)
  })

  it('reports the discount and validity', () => {
    expect(checkSettlementOffer(base)).toEqual({ ok: true, discountMinor: 30_000, validityDays: 29 })
  })

  it.each<[string, Partial<SettlementOfferInput>]>([
    ['negative balance', { balanceMinor: -1 }],
    ['bad date', { expiresOn: '2023-02-29' }],
    ['bad percent', { policy: { maxDiscountPercent: 'ten', maxValidityDays: 30 } }],
  ])('rejects %s', (_, input) => {
    expect(() => checkSettlementOffer({ ...base, ...input })).toThrow()
  })
})

describe('settleOnPayment', () => {
  it.each<[string, number, string, boolean, number, number, boolean]>([
    // [case, paid, paidOn, accepted, writeOff, short, expired]
    ['paid in full before expiry', 70_000, '2024-02-10', true, 30_000, 0, false],
    ['paid on the expiry day', 70_000, '2024-02-29', true, 30_000, 0, false],
    ['paid the day after expiry', 70_000, '2024-03-01', false, 0, 0, true],
    ['short by one cent', 69_999, '2024-02-10', false, 0, 1, false],
    ['overpaid: less is written off', 80_000, '2024-02-10', true, 20_000, 0, false],
    ['paid more than the balance: nothing written off', 120_000, '2024-02-10', true, 0, 0, false],
  ])('%s', (_, paidMinor, paidOn, accepted, writeOffMinor, shortMinor, expired) => {
    expect(
      settleOnPayment({
        offerMinor: 70_000,
        balanceMinor: 100_000,
        expiresOn: '2024-02-29',
        paidMinor,
        paidOn,
      }),
    ).toEqual({
      accepted,
      writeOffMinor,
      shortMinor,
      expired,
    })
  })

  it('paid plus write-off never exceeds the balance, and the write-off is never negative', () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.nat(1_000_000),
        fc.nat(1_000_000),
        (balanceMinor, offerMinor, paidMinor) => {
          const r = settleOnPayment({
            balanceMinor,
            offerMinor,
            paidMinor,
            expiresOn: '2024-02-29',
            paidOn: '2024-02-01',
          })
          expect(r.writeOffMinor).toBeGreaterThanOrEqual(0)
          expect(r.accepted).toBe(paidMinor >= offerMinor)
          if (r.accepted) expect(Math.min(paidMinor, balanceMinor) + r.writeOffMinor).toBe(balanceMinor)
          else expect(r.writeOffMinor).toBe(0)
        },
      ),
    )
  })
})
