import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  dayNumber,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isTimeZone,
  localDateAt,
  parseLocalDate,
} from '../../src/core/calendar/local-date.ts'

describe('parseLocalDate', () => {
  it.each([
    ['2013-02-01', 'iso', '2013-02-01'],
    ['1/2/2013', 'm/d/yyyy', '2013-01-02'],
    ['12/31/2013', 'm/d/yyyy', '2013-12-31'],
    ['2/29/2012', 'm/d/yyyy', '2012-02-29'],
    ['31/12/2013', 'd/m/yyyy', '2013-12-31'],
    ['1.3.2024', 'd.m.yyyy', '2024-03-01'],
  ] as const)('%s (%s) → %s', (text, format, date) => {
    expect(parseLocalDate(text, format)).toEqual({ ok: true, date })
  })

  it.each([
    ['2/30/2013', 'm/d/yyyy', 'not a real calendar date'],
    ['2/29/2013', 'm/d/yyyy', 'not a real calendar date'],
    ['13/1/2013', 'm/d/yyyy', 'not a real calendar date'],
    ['2013-02-30', 'iso', 'not a real calendar date'],
    ['2013/02/01', 'iso', 'not a date'],
    ['', 'iso', 'not a date'],
    ['1/2/13', 'm/d/yyyy', 'not a date'],
  ] as const)('rejects %j (%s)', (text, format, reason) => {
    const result = parseLocalDate(text, format)
    expect(!result.ok && result.reason).toContain(reason)
  })
})

describe('calendar arithmetic', () => {
  it('counts days across month ends, leap days and DST changes without drift', () => {
    expect(daysBetween('2013-02-01', '2013-03-01')).toBe(28)
    expect(daysBetween('2012-02-01', '2012-03-01')).toBe(29)
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2)
    expect(daysBetween('2026-10-31', '2026-11-02')).toBe(2)
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01')
    expect(daysInMonth(2024, 2)).toBe(29)
    expect(daysInMonth(1900, 2)).toBe(28)
    expect(daysInMonth(2000, 2)).toBe(29)
  })

  it('day numbers and dates are inverse', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
        expect(dayNumber(fromDayNumber(day))).toBe(day)
      }),
    )
  })

  it('addDays and daysBetween agree', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: -5000, max: 5000 }),
        (start, delta) => {
          const from = fromDayNumber(start)
          expect(daysBetween(from, addDays(from, delta))).toBe(delta)
        },
      ),
    )
  })
})

describe("localDateAt: the creditor's today", () => {
  it.each([
    ['2026-11-23T04:30:00Z', 'America/New_York', '2026-11-22'],
    ['2026-11-23T05:30:00Z', 'America/New_York', '2026-11-23'],
    ['2026-11-22T19:00:00Z', 'Asia/Kolkata', '2026-11-23'],
    ['2026-11-22T18:00:00Z', 'Asia/Kolkata', '2026-11-22'],
    ['2026-03-08T06:59:00Z', 'America/New_York', '2026-03-08'],
    ['2026-03-29T00:30:00Z', 'Europe/London', '2026-03-29'],
    ['2026-10-25T23:30:00Z', 'Europe/London', '2026-10-25'],
    ['2026-06-30T23:30:00Z', 'Europe/London', '2026-07-01'],
  ])('%s in %s is %s', (instant, zone, date) => {
    expect(localDateAt(new Date(instant), zone)).toBe(date)
  })

  it('knows IANA zones', () => {
    expect(isTimeZone('Asia/Dubai')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
  })
})
