import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, daysBetween } from '../../../src/core/calendar/local-date.ts'
import { usFederalHolidayDetails, usFederalHolidays } from '../../../src/core/calendar/us-federal-holidays.ts'

/** Observed dates of each year's holidays in statute order, from the OPM federal holiday tables. */
const OBSERVED: [number, string[]][] = [
  // 2020: no Juneteenth yet; July 4 is a Saturday.
  [2020, ['01-01', '01-20', '02-17', '05-25', '07-03', '09-07', '10-12', '11-11', '11-26', '12-25']],
  // 2021: Juneteenth Sat → Fri 18; July 4 Sun → Mon 5; Christmas Sat → Fri 24.
  [2021, ['01-01', '01-18', '02-15', '05-31', '06-18', '07-05', '09-06', '10-11', '11-11', '11-25', '12-24']],
  // 2022: New Year Sat → Fri 31 Dec 2021; Juneteenth Sun → Mon 20; Christmas Sun → Mon 26.
  [
    2022,
    ['2021-12-31', '01-17', '02-21', '05-30', '06-20', '07-04', '09-05', '10-10', '11-11', '11-24', '12-26'],
  ],
  // 2023: New Year Sun → Mon 2; Veterans Day Sat → Fri 10.
  [2023, ['01-02', '01-16', '02-20', '05-29', '06-19', '07-04', '09-04', '10-09', '11-10', '11-23', '12-25']],
  [2024, ['01-01', '01-15', '02-19', '05-27', '06-19', '07-04', '09-02', '10-14', '11-11', '11-28', '12-25']],
  [2025, ['01-01', '01-20', '02-17', '05-26', '06-19', '07-04', '09-01', '10-13', '11-11', '11-27', '12-25']],
  // 2026: July 4 Sat → Fri 3.
  [2026, ['01-01', '01-19', '02-16', '05-25', '06-19', '07-03', '09-07', '10-12', '11-11', '11-26', '12-25']],
  // 2027: Juneteenth Sat → Fri 18; July 4 Sun → Mon 5; Christmas Sat → Fri 24.
  [2027, ['01-01', '01-18', '02-15', '05-31', '06-18', '07-05', '09-06', '10-11', '11-11', '11-25', '12-24']],
]

const full = (year: number, date: string) => (date.length === 5 ? `${year}-${date}` : date)

describe('usFederalHolidayDetails', () => {
  it.each(OBSERVED)('%i observed dates', (year, dates) => {
    expect(usFederalHolidayDetails(year).map((h) => h.observedDate)).toEqual(dates.map((d) => full(year, d)))
  })

  it.each([
    [2026, 'Independence Day', '2026-07-04', '2026-07-03'],
    [2022, 'Christmas Day', '2022-12-25', '2022-12-26'],
    [2022, "New Year's Day", '2022-01-01', '2021-12-31'],
    [2023, "New Year's Day", '2023-01-01', '2023-01-02'],
    [2023, 'Veterans Day', '2023-11-11', '2023-11-10'],
    [2021, 'Juneteenth National Independence Day', '2021-06-19', '2021-06-18'],
    [2024, 'Juneteenth National Independence Day', '2024-06-19', '2024-06-19'],
  ])('%i %s: legal %s, observed %s', (year, name, legalDate, observedDate) => {
    expect(usFederalHolidayDetails(year).find((h) => h.name === name)).toEqual({
      name,
      legalDate,
      observedDate,
    })
  })

  it('has Juneteenth only from 2021', () => {
    const names = (year: number) => usFederalHolidayDetails(year).map((h) => h.name)
    expect(names(2020)).not.toContain('Juneteenth National Independence Day')
    expect(names(2021)).toContain('Juneteenth National Independence Day')
    expect(names(2020)).toHaveLength(10)
    expect(names(2021)).toHaveLength(11)
  })

  it.each([1985, 10_000, 2020.5])('rejects unsupported year %d', (year) => {
    expect(() => usFederalHolidayDetails(year)).toThrow(
      expect.objectContaining({ code: 'unsupported_holiday_year' }),
    )
  })
})

describe('usFederalHolidays', () => {
  it('lists observed dates inside the year, moving a Saturday New Year to the previous 31 December', () => {
    expect(usFederalHolidays(2021)).toContain('2021-12-31')
    expect(usFederalHolidays(2021)).toHaveLength(12)
    expect(usFederalHolidays(2022)).not.toContain('2021-12-31')
    expect(usFederalHolidays(2022)).not.toContain('2022-01-01')
    expect(usFederalHolidays(2022)).toHaveLength(10)
  })

  it('lists legal dates on request', () => {
    expect(usFederalHolidays(2026, 'legal')).toContain('2026-07-04')
    expect(usFederalHolidays(2026, 'legal')).not.toContain('2026-07-03')
    expect(usFederalHolidays(2022, 'legal')[0]).toBe('2022-01-01')
  })

  it.each(OBSERVED)('%i: sorted, unique, all in the year', (year) => {
    for (const mode of ['observed', 'legal'] as const) {
      const dates = usFederalHolidays(year, mode)
      expect(dates).toEqual([...new Set(dates)].sort())
      expect(dates.every((d) => d.startsWith(`${year}-`))).toBe(true)
    }
  })
})

/** Day of the week from the platform's Date, independent of the module's own arithmetic. */
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay()

describe('usFederalHolidayDetails properties', () => {
  it('observed dates are weekdays within a day of the legal date, which differs only on weekends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1986, max: 2400 }), (year) => {
        for (const h of usFederalHolidayDetails(year)) {
          const shift = daysBetween(h.legalDate, h.observedDate)
          expect([1, 2, 3, 4, 5]).toContain(weekday(h.observedDate))
          expect(shift).toBe(weekday(h.legalDate) === 6 ? -1 : weekday(h.legalDate) === 0 ? 1 : 0)
        }
      }),
    )
  })

  it('floating holidays fall on the right weekday and week of the month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1986, max: 2400 }), (year) => {
        const byName = new Map(usFederalHolidayDetails(year).map((h) => [h.name, h.legalDate]))
        const check = (name: string, month: number, day: number, from: number, to: number) => {
          const date = byName.get(name)!
          expect(weekday(date)).toBe(day)
          expect(Number(date.slice(5, 7))).toBe(month)
          expect(Number(date.slice(8))).toBeGreaterThanOrEqual(from)
          expect(Number(date.slice(8))).toBeLessThanOrEqual(to)
        }
        check('Birthday of Martin Luther King, Jr.', 1, 1, 15, 21)
        check("Washington's Birthday", 2, 1, 15, 21)
        check('Memorial Day', 5, 1, 25, 31)
        check('Labor Day', 9, 1, 1, 7)
        check('Columbus Day', 10, 1, 8, 14)
        check('Thanksgiving Day', 11, 4, 22, 28)
        // Memorial Day is the last Monday: a week later is June.
        expect(addDays(byName.get('Memorial Day')!, 7).slice(5, 7)).toBe('06')
      }),
    )
  })
})
