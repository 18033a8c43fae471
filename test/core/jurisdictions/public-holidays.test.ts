import { describe, expect, it } from 'vitest'
import { addBusinessDays, isBusinessDay } from '../../../src/core/calendar/business-days.ts'
import {
  PUBLIC_HOLIDAY_CALENDARS,
  publicHolidayCalendar,
  publicHolidays,
} from '../../../src/core/calendar/public-holidays.ts'
import { jurisdictionFor } from '../../../src/core/jurisdictions/registry.ts'

/*
 * Known public holidays 2025-2027 from the official lists (GOV.UK bank holidays, mygov.scot, nidirect,
 * Indian national holidays, the German, French, Irish and Dutch national lists, UAE Cabinet announcements,
 * the Australian state lists, 5 USC 6103), checked against the calendar each jurisdiction resolves to.
 */
const HOLIDAYS: readonly (readonly [jurisdiction: string, date: string, name: string])[] = [
  ['GB', '2025-04-18', 'Good Friday'],
  ['GB', '2025-08-25', 'Summer bank holiday (England and Wales)'],
  ['GB', '2026-12-28', 'Boxing Day substitute'],
  ['GB', '2027-03-29', 'Easter Monday'],
  ['GB', '2027-12-27', 'Christmas Day substitute'],
  ['GB-WLS', '2026-08-31', 'Summer bank holiday (Wales as England)'],
  ['GB-SCT', '2025-01-02', '2nd January'],
  ['GB-SCT', '2025-08-04', 'Summer bank holiday (Scotland)'],
  ['GB-SCT', '2025-12-01', "St Andrew's Day substitute"],
  ['GB-SCT', '2027-01-04', '2nd January substitute'],
  ['GB-NIR', '2025-03-17', "St Patrick's Day"],
  ['GB-NIR', '2025-07-14', 'Battle of the Boyne substitute'],
  ['GB-NIR', '2026-07-13', 'Battle of the Boyne substitute'],
  ['GB-NIR', '2027-07-12', 'Battle of the Boyne'],
  ['IN', '2025-08-15', 'Independence Day'],
  ['IN', '2026-01-26', 'Republic Day'],
  ['IN', '2027-10-02', 'Gandhi Jayanti'],
  ['DE', '2025-05-29', 'Christi Himmelfahrt'],
  ['DE', '2025-06-09', 'Pfingstmontag'],
  ['DE', '2026-10-03', 'Tag der Deutschen Einheit'],
  ['DE', '2027-05-17', 'Pfingstmontag'],
  ['FR', '2025-07-14', 'Fete nationale'],
  ['FR', '2027-11-11', 'Armistice'],
  ['IE', '2025-02-03', "St Brigid's Day"],
  ['IE', '2027-02-01', "St Brigid's Day"],
  ['NL', '2025-04-26', "King's Day (27 April is a Sunday)"],
  ['ES', '2026-10-12', 'Fiesta Nacional'],
  ['AE', '2025-01-01', "New Year's Day"],
  ['AE', '2025-03-30', 'Eid al-Fitr'],
  ['AE', '2025-06-05', 'Arafat Day'],
  ['AE', '2025-06-08', 'Eid al-Adha (third day)'],
  ['AE', '2026-12-02', 'National Day'],
  ['AE', '2027-12-03', 'National Day (second day)'],
  ['US-NY', '2025-01-20', 'Birthday of Martin Luther King, Jr.'],
  ['US-NY', '2026-07-03', 'Independence Day observed'],
  ['US-NY', '2027-12-24', 'Christmas Day observed'],
  ['US-NY', '2027-12-31', "New Year's Day 2028 observed"],
]

const NOT_HOLIDAYS: readonly (readonly [jurisdiction: string, date: string, why: string])[] = [
  ['IN', '2025-01-27', 'Republic Day is the 26th'],
  ['GB', '2025-01-02', '2 January is Scottish only'],
  ['GB-SCT', '2025-04-21', 'Easter Monday is not a Scottish bank holiday'],
  ['GB', '2025-03-17', "St Patrick's Day is Northern Irish only"],
  ['AE', '2026-02-18', 'the first day of Ramadan is not a public holiday'],
  ['US-MA', '2026-04-20', "Patriots' Day: state holidays are not in the federal calendar"],
]

describe('public holidays per jurisdiction, 2025-2027', () => {
  it.each(HOLIDAYS)('%s %s is a holiday (%s)', (code, date) => {
    expect(isBusinessDay(date, jurisdictionFor(code).calendar())).toBe(false)
  })

  it.each(NOT_HOLIDAYS)('%s %s is a business day (%s)', (code, date) => {
    expect(isBusinessDay(date, jurisdictionFor(code).calendar())).toBe(true)
  })

  it.each([
    ['AU', '2025-01-27', 'Australia Day substitute'],
    ['AU', '2026-04-25', 'Anzac Day'],
    ['AU-NSW', '2025-06-09', "King's Birthday"],
    ['AU-NSW', '2026-10-05', 'Labour Day'],
    ['AU-VIC', '2025-11-04', 'Melbourne Cup'],
    ['AU-VIC', '2027-03-08', 'Labour Day'],
    ['AU-QLD', '2026-05-04', 'Labour Day'],
  ])('Australia: %s %s (%s)', (id, date) => {
    expect(publicHolidays(id, Number(date.slice(0, 4)))).toContain(date)
  })

  it('counts business days across holidays', () => {
    expect(addBusinessDays('2025-12-24', 1, jurisdictionFor('GB').calendar())).toBe('2025-12-29')
    expect(addBusinessDays('2025-12-24', 1, jurisdictionFor('GB-SCT').calendar())).toBe('2025-12-29')
    // Eid al-Fitr 2026 is Friday to Sunday; the UAE weekend is Saturday and Sunday.
    expect(addBusinessDays('2026-03-19', 1, jurisdictionFor('AE').calendar())).toBe('2026-03-23')
    expect(addBusinessDays('2026-10-01', 1, jurisdictionFor('IN').calendar())).toBe('2026-10-05')
  })

  it('takes announced corrections: the UAE moved Hijri New Year 2025 to Friday 27 June', () => {
    const announced = publicHolidayCalendar('AE', { add: ['2025-06-27'], remove: ['2025-06-26'] })
    expect(isBusinessDay('2025-06-26', announced)).toBe(true)
    expect(isBusinessDay('2025-06-27', announced)).toBe(false)
    // The shared calendar is untouched.
    expect(isBusinessDay('2025-06-26', publicHolidayCalendar('AE'))).toBe(false)
  })

  it('refuses unknown calendars and years outside the snapshot with one clear error', () => {
    expect(() => publicHolidays('XX', 2026)).toThrow(/no public-holiday calendar "XX"/)
    expect(() => publicHolidays('DE', 1999)).toThrow(/DE public holidays are known for 2000-2040, not 1999/)
    expect(() => publicHolidays('DE', 2041)).toThrow(/not 2041/)
  })

  it('has at least the fixed national holidays in every calendar and year', () => {
    for (const id of PUBLIC_HOLIDAY_CALENDARS) {
      for (let year = 2000; year <= 2040; year++) {
        const days = publicHolidays(id, year)
        expect(days.length, `${id} ${year}`).toBeGreaterThanOrEqual(3)
        expect([...days].sort(), `${id} ${year}`).toEqual(days)
        for (const d of days) expect(d.startsWith(`${year}-`)).toBe(true)
      }
    }
  })
})
