import { describe, expect, it } from 'vitest'
import {
  euLatePayment,
  indiaMsmed,
  msmeDueDate,
  ukFixedSumMinor,
  ukLatePayment,
} from '../../../src/core/interest/statutory-interest.ts'

const rows = (claim: ReturnType<typeof ukLatePayment>) =>
  claim.statement.rows.map((r) => [r.firstDay, r.lastDay, r.ratePercent, r.balanceMinor, r.interestMinor])

describe('UK Late Payment Act', () => {
  it.each([
    [99_999, 4_000], // GBP 999.99 -> 40
    [100_000, 7_000], // GBP 1,000.00 -> 70
    [999_999, 7_000], // GBP 9,999.99 -> 70
    [1_000_000, 10_000], // GBP 10,000.00 -> 100
  ])('fixed sum for %s pence is %s pence', (principal, fixed) => {
    expect(ukFixedSumMinor(principal)).toBe(fixed)
  })

  it('GBP 10,000 due 14 Aug 2024, paid 13 Sep 2024: 13.25% for 30 days = 108.90 + 100.00', () => {
    const claim = ukLatePayment({
      principalMinor: 1_000_000,
      currency: 'GBP',
      dueOn: '2024-08-14',
      to: '2024-09-13',
    })
    // 10,000 x 13.25% x 30/365 = 108.9041 -> 108.90
    expect(claim.interestStartsOn).toBe('2024-08-15')
    expect(rows(claim)).toEqual([['2024-08-15', '2024-09-13', '13.25', 1_000_000, 10_890]])
    expect(claim.fixedCompensation).toEqual({ minor: 10_000, currency: 'GBP' })
    expect(claim.warnings).toEqual([])
  })

  it('interest starting 10 Feb 2025 is fixed at 12.75% even across later Bank Rate cuts', () => {
    const claim = ukLatePayment({
      principalMinor: 500_000,
      currency: 'GBP',
      dueOn: '2025-02-09',
      to: '2025-09-30',
      payments: [{ on: '2025-03-11', principalDeltaMinor: -200_000 }],
    })
    // 10 Feb..11 Mar, 30 days on 5,000: 637.50 x 30/365 = 52.3972 -> 52.40
    // 12 Mar..30 Sep, 203 days on 3,000: 382.50 x 203/365 = 212.7329 -> 212.73; total 265.13
    expect(rows(claim)).toEqual([
      ['2025-02-10', '2025-03-11', '12.75', 500_000, 5_240],
      ['2025-03-12', '2025-09-30', '12.75', 300_000, 21_273],
    ])
    expect(claim.statement.totalInterestMinor).toBe(26_513)
    expect(claim.fixedCompensation.minor).toBe(7_000)
  })

  it('nothing is owed before the debt is late, and the fixed sums are pounds only', () => {
    const early = ukLatePayment({
      principalMinor: 50_000,
      currency: 'GBP',
      dueOn: '2025-02-09',
      to: '2025-02-09',
    })
    expect([early.statement.totalInterestMinor, early.fixedCompensation.minor]).toEqual([0, 0])
    expect(() =>
      ukLatePayment({ principalMinor: 1, currency: 'EUR', dueOn: '2025-02-09', to: '2025-03-01' }),
    ).toThrow(expect.objectContaining({ code: 'invalid_currency' }))
  })
})

describe('EU Late Payment Directive', () => {
  it('EUR 10,000 due 31 Mar 2025 to 30 Sep 2025: a row per half-year, + EUR 40', () => {
    const claim = euLatePayment({
      principalMinor: 1_000_000,
      currency: 'EUR',
      dueOn: '2025-03-31',
      to: '2025-09-30',
      country: 'DE',
    })
    // 1 Apr..30 Jun, 91 days at 11.15%: 1,115 x 91/365 = 277.9863 -> 277.99
    // 1 Jul..30 Sep, 92 days at 10.15%: 1,015 x 92/365 = 255.8356 -> 255.84; total 533.83
    expect(claim.jurisdiction).toBe('EU-DE')
    expect(rows(claim)).toEqual([
      ['2025-04-01', '2025-06-30', '11.15', 1_000_000, 27_799],
      ['2025-07-01', '2025-09-30', '10.15', 1_000_000, 25_584],
    ])
    expect(claim.statement.totalInterestMinor).toBe(53_383)
    expect(claim.fixedCompensation).toEqual({ minor: 4_000, currency: 'EUR' })
    expect(claim.warnings).toEqual([
      "no verified national settings for DE: the Directive's minimum terms are applied",
    ])
  })

  it('a country that fixes the rate at the start keeps one rate; points and day count are settings', () => {
    const claim = euLatePayment({
      principalMinor: 1_000_000,
      currency: 'EUR',
      dueOn: '2025-03-31',
      to: '2025-09-30',
      country: 'NL',
      settings: { rateMode: 'fixed', pointsOverReference: '9', basis: 'act/360' },
    })
    // 183 days at 3.15 + 9 = 12.15%: 1,215 x 183/360 = 617.625 -> 617.62 (half-even tie to the even cent)
    expect(rows(claim)).toEqual([['2025-04-01', '2025-09-30', '12.15', 1_000_000, 61_762]])
  })
})

describe('India MSMED Act', () => {
  it.each([
    ['2025-03-01', undefined, '2025-03-16'], // no agreement: pay by day 15, interest from the appointed day
    ['2025-03-01', '2025-03-31', '2025-03-31'], // agreed 30 days: kept
    ['2025-03-01', '2025-04-15', '2025-04-15'], // agreed exactly 45 days: kept
    ['2025-03-01', '2025-05-15', '2025-04-15'], // agreed 75 days: capped at 45
  ])('accepted %s, agreed %s -> last day to pay %s', (accepted, agreed, due) => {
    expect(msmeDueDate(accepted, agreed)).toBe(due)
  })

  it('INR 1,00,000 accepted 10 Feb 2025: 19.50% compounded at monthly rests from the appointed day', () => {
    const claim = indiaMsmed({
      principalMinor: 10_000_000,
      currency: 'INR',
      acceptedOn: '2025-02-10',
      to: '2025-04-08',
    })
    // appointed day 26 Feb (the day after 15 days from acceptance); Bank Rate 6.50% x 3 = 19.50%
    // 26 Feb..25 Mar, 28 days on 1,00,000: 19,500 x 28/365 = 1,495.8904 -> 1,495.89, capitalised on 25 Mar
    // 26 Mar..8 Apr, 14 days on 1,01,495.89: x 0.195 x 14/365 = 759.1336 -> 759.13; total 2,255.02
    expect(claim.interestStartsOn).toBe('2025-02-26')
    expect(rows(claim)).toEqual([
      ['2025-02-26', '2025-03-25', '19.50', 10_000_000, 149_589],
      ['2025-03-26', '2025-04-08', '19.50', 10_149_589, 75_913],
    ])
    expect(claim.statement.rests).toEqual([{ on: '2025-03-25', capitalisedMinor: 149_589 }])
    expect(claim.statement.totalInterestMinor).toBe(225_502)
    expect(claim.fixedCompensation.minor).toBe(0)
  })

  it('floats with each Bank Rate change by default; fixed keeps the first day’s rate (catalogue point 11)', () => {
    const input = { principalMinor: 10_000_000, currency: 'INR', acceptedOn: '2025-02-10', to: '2025-04-20' }
    // 9 Apr 2025: Bank Rate 6.25% -> 18.75% from that day
    expect(indiaMsmed(input).statement.rows.map((r) => [r.firstDay, r.ratePercent])).toEqual([
      ['2025-02-26', '19.50'],
      ['2025-03-26', '19.50'],
      ['2025-04-09', '18.75'],
    ])
    expect(indiaMsmed({ ...input, rateMode: 'fixed' }).statement.rows.map((r) => r.ratePercent)).toEqual([
      '19.50',
      '19.50',
    ])
  })
})
