import { describe, expect, it } from 'vitest'
import {
  addMonthsClamped,
  type DayCountBasis,
  isLeapYear,
  yearDaysOn,
  yearFraction,
} from '../../../src/core/interest/day-count.ts'

describe('yearFraction', () => {
  // [basis, from, to, numerator / denominator in lowest-effort form]
  it.each([
    // ISDA's own worked example: 61 days of 2003 over 365 plus 121 days of 2004 over 366 = 0.497724380567
    ['act/actual', '2003-11-01', '2004-05-01', 61 * 366 + 121 * 365, 365 * 366],
    ['act/365', '2003-11-01', '2004-05-01', 182, 365],
    ['act/360', '2003-11-01', '2004-05-01', 182, 360],
    ['act/actual', '2024-01-01', '2025-01-01', 366 * 365, 365 * 366], // exactly one leap year
    ['act/actual', '2025-03-01', '2025-03-31', 30 * 366, 365 * 366],
    ['act/365', '2025-03-01', '2025-03-01', 0, 365],
  ] as [DayCountBasis, string, string, number, number][])(
    '%s %s..%s',
    (basis, from, to, numerator, denominator) => {
      expect(yearFraction(basis, from, to)).toEqual({
        numerator: BigInt(numerator),
        denominator: BigInt(denominator),
      })
    },
  )

  it('ISDA example is 0.497724380567 to 12 places', () => {
    const { numerator, denominator } = yearFraction('act/actual', '2003-11-01', '2004-05-01')
    expect((numerator * 10n ** 12n) / denominator).toBe(497_724_380_567n)
  })

  it('rejects a backwards period', () => {
    expect(() => yearFraction('act/365', '2025-02-01', '2025-01-01')).toThrow(RangeError)
  })
})

describe('yearDaysOn and leap years', () => {
  it.each([
    ['act/365', '2024-06-01', 365],
    ['act/360', '2024-06-01', 360],
    ['act/actual', '2024-06-01', 366],
    ['act/actual', '2025-06-01', 365],
    ['act/actual', '2000-02-29', 366],
  ] as [DayCountBasis, string, number][])('%s on %s = %s', (basis, date, days) => {
    expect(yearDaysOn(basis, date)).toBe(days)
  })

  it.each([
    [2024, true],
    [2025, false],
    [1900, false],
    [2000, true],
  ])('%s leap = %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap)
  })
})

describe('addMonthsClamped', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 2, '2025-03-31'], // stepping from the anchor does not drift to the 28th
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-02-25', 11, '2026-01-25'],
  ])('%s + %s months = %s', (date, months, expected) => {
    expect(addMonthsClamped(date, months)).toBe(expected)
  })
})
