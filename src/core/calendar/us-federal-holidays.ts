/**
 * US federal legal public holidays (5 USC 6103(a)) with their observed days: a fixed-date holiday on a
 * Saturday is observed the Friday before, on a Sunday the Monday after (5 USC 6103(b); EO 11582).
 * New Year's Day on a Saturday is therefore observed on 31 December of the previous year.
 * Inauguration Day (6103(c)) is not listed in 6103(a) and is left out.
 */
import { AppError } from '../errors/index.ts'
import { addDays, dayNumber, type LocalDate } from './local-date.ts'

/** One 6103(a) holiday in a given year. */
export interface FederalHoliday {
  /** The name as 5 USC 6103(a) spells it. */
  name: string
  /** The date the statute names (may fall on a weekend). */
  legalDate: LocalDate
  /** The weekday federal employees get off; equals `legalDate` unless that is a Saturday or Sunday. */
  observedDate: LocalDate
}

/**
 * Which dates count as holidays. `observed` (default) excludes the observed weekday: when the two differ
 * the legal date is a weekend, which a business-day count excludes anyway. `legal` is the literal text.
 */
export type HolidayDates = 'observed' | 'legal'

/** The first year the current list applies in full (Martin Luther King Jr. Day was first observed in 1986). */
export const FIRST_SUPPORTED_YEAR = 1986
/** The last year a four-digit `LocalDate` can spell. */
export const LAST_SUPPORTED_YEAR = 9999

const MONDAY = 1
const THURSDAY = 4

/** Day of the week, 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(date: LocalDate): number {
  return (((dayNumber(date) + THURSDAY) % 7) + 7) % 7
}

const ymd = (year: number, month: number, day: number): LocalDate =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`

/** The `nth` (1-based) `weekday` of a month. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): LocalDate {
  const first = ymd(year, month, 1)
  return addDays(first, ((weekday - dayOfWeek(first) + 7) % 7) + 7 * (nth - 1))
}

/** The last `weekday` of a month with 31 days. */
function lastWeekdayOf31DayMonth(year: number, month: number, weekday: number): LocalDate {
  const last = ymd(year, month, 31)
  return addDays(last, -((dayOfWeek(last) - weekday + 7) % 7))
}

function observed(date: LocalDate): LocalDate {
  const weekday = dayOfWeek(date)
  if (weekday === 6) return addDays(date, -1)
  if (weekday === 0) return addDays(date, 1)
  return date
}

/** The 6103(a) holidays whose legal date falls in `year`, in calendar order. */
export function usFederalHolidayDetails(year: number): FederalHoliday[] {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new AppError(
      'unsupported_holiday_year',
      `US federal holidays are known for ${FIRST_SUPPORTED_YEAR}-${LAST_SUPPORTED_YEAR}, not ${year}`,
    )
  }
  const fixed = (name: string, month: number, day: number): FederalHoliday => {
    const legalDate = ymd(year, month, day)
    return { name, legalDate, observedDate: observed(legalDate) }
  }
  const floating = (name: string, legalDate: LocalDate): FederalHoliday => ({
    name,
    legalDate,
    observedDate: legalDate,
  })
  return [
    fixed("New Year's Day", 1, 1),
    floating('Birthday of Martin Luther King, Jr.', nthWeekday(year, 1, MONDAY, 3)),
    floating("Washington's Birthday", nthWeekday(year, 2, MONDAY, 3)),
    floating('Memorial Day', lastWeekdayOf31DayMonth(year, 5, MONDAY)),
    // Added by Pub. L. 117-17 (17 June 2021), first observed on Friday 18 June 2021.
    ...(year >= 2021 ? [fixed('Juneteenth National Independence Day', 6, 19)] : []),
    fixed('Independence Day', 7, 4),
    floating('Labor Day', nthWeekday(year, 9, MONDAY, 1)),
    floating('Columbus Day', nthWeekday(year, 10, MONDAY, 2)),
    fixed('Veterans Day', 11, 11),
    floating('Thanksgiving Day', nthWeekday(year, 11, THURSDAY, 4)),
    fixed('Christmas Day', 12, 25),
  ]
}

/**
 * The holiday dates that fall in calendar year `year`, sorted. With `observed`, 31 December is included
 * when the next New Year's Day is a Saturday, and a 1 January on a Saturday is not (it belongs to the
 * previous year's list).
 */
export function usFederalHolidays(year: number, dates: HolidayDates = 'observed'): LocalDate[] {
  const pick = (holiday: FederalHoliday) => (dates === 'observed' ? holiday.observedDate : holiday.legalDate)
  const prefix = String(year).padStart(4, '0')
  const candidates = usFederalHolidayDetails(year).map(pick)
  if (dates === 'observed' && year < LAST_SUPPORTED_YEAR) {
    candidates.push(...usFederalHolidayDetails(year + 1).map(pick))
  }
  return [...new Set(candidates.filter((date) => date.startsWith(`${prefix}-`)))].sort()
}
