import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addBusinessDays,
  businessCalendar,
  isBusinessDay,
  usFederalBusinessCalendar,
} from '../../../src/core/calendar/business-days.ts'
import { addDays, daysBetween, fromDayNumber } from '../../../src/core/calendar/local-date.ts'

const US = usFederalBusinessCalendar()
const US_LEGAL = usFederalBusinessCalendar('legal')

/** Dates from 1990 to 2100. */
const date = fc.integer({ min: 7305, max: 47_482 }).map(fromDayNumber)

describe('isBusinessDay', () => {
  it.each([
    ['2026-07-03', US, false], // Independence Day observed (Friday)
    ['2026-07-03', US_LEGAL, true],
    ['2026-07-04', US, false], // Saturday
    ['2026-07-06', US, true],
    ['2021-12-31', US, false], // New Year's Day 2022 observed
    ['2021-12-31', US_LEGAL, true],
    ['2026-11-26', US, false], // Thanksgiving
    ['2026-11-27', US, true], // the Friday after is not a federal holiday
    ['2026-01-19', US, false], // Martin Luther King Jr. Day
  ] as const)('%s → %s', (day, calendar, expected) => {
    expect(isBusinessDay(day, calendar)).toBe(expected)
  })

  it('honours custom weekends and holidays', () => {
    const gulf = businessCalendar({ weekendDays: [5, 6], holidays: () => ['2026-03-20'] })
    expect(isBusinessDay('2026-03-20', gulf)).toBe(false) // Friday, weekend and holiday
    expect(isBusinessDay('2026-03-22', gulf)).toBe(true) // Sunday
    expect(isBusinessDay('2026-03-21', gulf)).toBe(false) // Saturday
  })

  it('builds each year once', () => {
    const years: number[] = []
    const calendar = businessCalendar({
      holidays: (year) => {
        years.push(year)
        return []
      },
    })
    addBusinessDays('2026-01-01', 600, calendar)
    expect(years).toEqual([2026, 2027, 2028])
  })

  it.each([[[0, 1, 2, 3, 4, 5, 6]], [[7]], [[-1]]])('rejects weekend days %j', (weekendDays) => {
    expect(() => businessCalendar({ weekendDays, holidays: () => [] })).toThrow(
      expect.objectContaining({ code: 'invalid_business_calendar' }),
    )
  })
})

describe('addBusinessDays', () => {
  it.each([
    ['2026-01-05', 0, '2026-01-05'], // n = 0 is the date itself
    ['2026-01-03', 0, '2026-01-03'], // even a Saturday
    ['2026-01-05', 1, '2026-01-06'],
    ['2026-01-09', 1, '2026-01-12'], // Friday → Monday
    ['2026-01-03', 1, '2026-01-05'], // Saturday → Monday
    ['2026-01-16', 1, '2026-01-20'], // over the MLK Day weekend
    ['2026-11-25', 1, '2026-11-27'], // over Thanksgiving
    ['2026-12-24', 1, '2026-12-28'], // over Christmas and the weekend
    ['2021-12-30', 1, '2022-01-03'], // over observed New Year's Day on 31 Dec
    ['2026-01-05', 5, '2026-01-12'],
    ['2026-01-05', 10, '2026-01-20'],
  ])('%s + %i → %s', (from, n, expected) => {
    expect(addBusinessDays(from, n, US)).toBe(expected)
  })

  it.each([-1, 1.5, Number.NaN])('rejects n = %d', (n) => {
    expect(() => addBusinessDays('2026-01-05', n, US)).toThrow(
      expect.objectContaining({ code: 'invalid_business_days' }),
    )
  })

  it('lands on a business day for n >= 1', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 60 }), (from, n) => {
        expect(isBusinessDay(addBusinessDays(from, n, US), US)).toBe(true)
      }),
    )
  })

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 30 }), (from, n, k) => {
        const a = addBusinessDays(from, n, US)
        const b = addBusinessDays(from, n + k, US)
        expect(daysBetween(a, b)).toBeGreaterThan(0)
      }),
    )
  })

  it('leaves exactly n business days after the date, up to and including the result', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 60 }), fc.boolean(), (from, n, legal) => {
        const calendar = legal ? US_LEGAL : US
        const to = addBusinessDays(from, n, calendar)
        let count = 0
        for (let day = addDays(from, 1); daysBetween(day, to) >= 0; day = addDays(day, 1)) {
          if (isBusinessDay(day, calendar)) count++
        }
        expect(count).toBe(n)
      }),
    )
  })
})
