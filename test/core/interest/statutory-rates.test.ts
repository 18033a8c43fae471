import { describe, expect, it } from 'vitest'
import { addDays } from '../../../src/core/calendar/local-date.ts'
import {
  ECB_MRO_RATE,
  euCountrySettings,
  euLatePaymentRate,
  halfYearStart,
  indiaMsmedRate,
  nextHalfYear,
  type RateTable,
  RBI_BANK_RATE,
  rateInForce,
  UK_BANK_RATE,
  ukLatePaymentRate,
} from '../../../src/core/interest/statutory-rates.ts'

// The catalogue (docs/compliance-rules.md) lists these changes; every one must be in the tables.
const TABLES: Record<string, RateTable> = { uk: UK_BANK_RATE, ecb: ECB_MRO_RATE, rbi: RBI_BANK_RATE }
const CATALOGUE: [string, string, string][] = [
  ['uk', '2023-08-03', '5.25'],
  ['uk', '2024-08-01', '5.00'],
  ['uk', '2024-11-07', '4.75'],
  ['uk', '2025-02-06', '4.50'],
  ['uk', '2025-05-08', '4.25'],
  ['uk', '2025-08-07', '4.00'],
  ['uk', '2025-12-18', '3.75'],
  ['ecb', '2023-09-20', '4.50'],
  ['ecb', '2024-06-12', '4.25'],
  ['ecb', '2024-09-18', '3.65'],
  ['ecb', '2024-10-23', '3.40'],
  ['ecb', '2024-12-18', '3.15'],
  ['ecb', '2025-02-05', '2.90'],
  ['ecb', '2025-03-12', '2.65'],
  ['ecb', '2025-04-23', '2.40'],
  ['rbi', '2025-02-07', '6.50'],
  ['rbi', '2025-04-09', '6.25'],
  ['rbi', '2025-06-06', '5.75'],
]

describe('rate tables reproduce the catalogue', () => {
  it.each(CATALOGUE)('%s: %s -> %s', (id, on, rate) => {
    const table = TABLES[id]!
    expect(rateInForce(table, on)).toMatchObject({ ratePercent: rate, effectiveOn: on })
    if (table.changes[0]?.effectiveOn !== on)
      expect(rateInForce(table, addDays(on, -1)).ratePercent).not.toBe(rate)
  })

  it('cites a source for every table and keeps changes in date order', () => {
    for (const table of [UK_BANK_RATE, ECB_MRO_RATE, RBI_BANK_RATE]) {
      expect(table.source).toMatch(/compliance-rules\.md/)
      const dates = table.changes.map((c) => c.effectiveOn)
      expect(dates).toEqual([...dates].sort())
    }
  })

  it('has no answer before a table starts, and warns after it is known through', () => {
    expect(() => rateInForce(UK_BANK_RATE, '2023-08-02')).toThrow(
      expect.objectContaining({ code: 'rate_unknown' }),
    )
    expect(rateInForce(UK_BANK_RATE, '2025-12-31').warning).toBeUndefined()
    expect(rateInForce(UK_BANK_RATE, '2026-01-01').warning).toMatch(/assumed unchanged at 3.75%/)
  })
})

describe('ukLatePaymentRate: Bank Rate on 30 June or 31 December, + 8, fixed at the start', () => {
  it.each([
    ['2024-08-15', '2024-06-30', '5.25', '13.25'], // catalogue example
    ['2025-02-10', '2024-12-31', '4.75', '12.75'], // catalogue example
    ['2025-01-01', '2024-12-31', '4.75', '12.75'], // first day of the first half
    ['2025-06-30', '2024-12-31', '4.75', '12.75'], // last day of the first half: May's cut does not count
    ['2025-07-01', '2025-06-30', '4.25', '12.25'],
    ['2025-12-31', '2025-06-30', '4.25', '12.25'], // 18 Dec cut is after the reference date
    ['2024-07-01', '2024-06-30', '5.25', '13.25'], // 1 Aug 2024 cut is after the reference date
    ['2026-03-01', '2025-12-31', '3.75', '11.75'],
  ])('interest starting %s: Bank Rate on %s = %s, + 8 = %s', (start, referenceDate, reference, rate) => {
    expect(ukLatePaymentRate(start)).toEqual({
      ratePercent: rate,
      referenceDate,
      referenceRatePercent: reference,
    })
  })
})

describe('euLatePaymentRate: MRO on 1 January / 1 July + points', () => {
  const defaults = euCountrySettings('FR')
  it.each([
    ['2024-03-15', '2024-01-01', '4.50', '12.50'],
    ['2024-07-01', '2024-07-01', '4.25', '12.25'], // the 12 Jun 2024 cut is in force on 1 Jul
    ['2025-01-01', '2025-01-01', '3.15', '11.15'], // catalogue: 2025 H1
    ['2025-06-30', '2025-01-01', '3.15', '11.15'], // later cuts wait for the next half-year
    // 2025 H2: the catalogue's list ends at 2.40% (23 Apr 2025) but omits the ECB cut to 2.15% effective
    // 11 Jun 2025; the table adds it (see its note), so 1 Jul 2025 gives 2.15% + 8 = 10.15%.
    ['2025-09-30', '2025-07-01', '2.15', '10.15'],
  ])('on %s: reference rate on %s = %s, + 8 = %s', (on, referenceDate, reference, rate) => {
    expect(euLatePaymentRate(on, defaults)).toEqual({
      ratePercent: rate,
      referenceDate,
      referenceRatePercent: reference,
    })
  })

  it('takes the points from the country settings (catalogue point 13)', () => {
    expect(
      euLatePaymentRate('2025-02-01', euCountrySettings('DE', { pointsOverReference: '9' })).ratePercent,
    ).toBe('12.15')
    expect(euCountrySettings('IT')).toEqual({
      country: 'IT',
      pointsOverReference: '8',
      rateMode: 'half-yearly',
      basis: 'act/365',
      fixedCompensationMinor: 4000,
    })
  })

  it.each([
    ['2025-02-14', '2025-01-01', '2025-07-01'],
    ['2025-07-01', '2025-07-01', '2026-01-01'],
    ['2025-12-31', '2025-07-01', '2026-01-01'],
  ])('%s is in the half-year from %s; the next starts %s', (on, start, next) => {
    expect(halfYearStart(on)).toBe(start)
    expect(nextHalfYear(start)).toBe(next)
  })
})

describe('indiaMsmedRate: three times the Bank Rate in force', () => {
  it.each([
    ['2025-02-06', '6.75', '20.25'],
    ['2025-03-01', '6.50', '19.50'], // catalogue example
    ['2025-04-09', '6.25', '18.75'],
    ['2025-06-06', '5.75', '17.25'],
    ['2025-12-05', '5.50', '16.50'],
  ])('%s: Bank Rate %s x 3 = %s', (on, bank, rate) => {
    expect(indiaMsmedRate(on)).toEqual({ ratePercent: rate, referenceDate: on, referenceRatePercent: bank })
  })
})
