/**
 * Business-day arithmetic over a calendar of weekend days plus non-business dates. Holiday lists are
 * built once per year and cached inside the calendar, so counting stays a set lookup per day.
 */
import { AppError } from '../errors/index.ts'
import { addDays, type LocalDate } from './local-date.ts'
import { dayOfWeek, type HolidayDates, usFederalHolidays } from './us-federal-holidays.ts'

/** Which days are not business days. Build one with `businessCalendar`. */
export interface BusinessCalendar {
  /** Days of the week that are never business days, 0 = Sunday ... 6 = Saturday. */
  readonly weekendDays: ReadonlySet<number>
  /** The non-business dates of `year` (cached). */
  holidaysIn(year: number): ReadonlySet<LocalDate>
}

export interface BusinessCalendarOptions {
  /** Days of the week that are never business days; default Saturday and Sunday. */
  weekendDays?: readonly number[]
  /** The non-business dates falling in `year`; called at most once per year. */
  holidays: (year: number) => readonly LocalDate[]
}

/** A calendar that caches each year's holidays on first use. */
export function businessCalendar(options: BusinessCalendarOptions): BusinessCalendar {
  const weekendDays = new Set(options.weekendDays ?? [0, 6])
  for (const day of weekendDays) {
    if (!Number.isInteger(day) || day < 0 || day > 6) {
      throw new AppError('invalid_business_calendar', `weekend day ${day} is not 0 (Sunday) to 6 (Saturday)`)
    }
  }
  // Without a working weekday, addBusinessDays could never finish.
  if (weekendDays.size === 7) throw new AppError('invalid_business_calendar', 'every day is a weekend day')
  const byYear = new Map<number, ReadonlySet<LocalDate>>()
  return {
    weekendDays,
    holidaysIn(year) {
      let dates = byYear.get(year)
      if (!dates) {
        dates = new Set(options.holidays(year))
        byYear.set(year, dates)
      }
      return dates
    },
  }
}

const US_FEDERAL_OBSERVED = businessCalendar({ holidays: (year) => usFederalHolidays(year, 'observed') })
const US_FEDERAL_LEGAL = businessCalendar({ holidays: (year) => usFederalHolidays(year, 'legal') })

/** Saturday, Sunday and the 5 USC 6103(a) holidays, taking either observed (default) or legal dates. */
export function usFederalBusinessCalendar(dates: HolidayDates = 'observed'): BusinessCalendar {
  return dates === 'observed' ? US_FEDERAL_OBSERVED : US_FEDERAL_LEGAL
}

/** True when `date` is neither a weekend day nor a holiday of `calendar`. */
export function isBusinessDay(date: LocalDate, calendar: BusinessCalendar): boolean {
  if (calendar.weekendDays.has(dayOfWeek(date))) return false
  return !calendar.holidaysIn(Number(date.slice(0, 4))).has(date)
}

/**
 * The `n`th business day after `date`: counting starts the day after, so `date` itself never counts and
 * `n = 0` returns `date` unchanged, business day or not.
 */
export function addBusinessDays(date: LocalDate, n: number, calendar: BusinessCalendar): LocalDate {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new AppError('invalid_business_days', `business-day count must be a whole number >= 0, not ${n}`)
  }
  let cursor = date
  for (let counted = 0; counted < n; ) {
    cursor = addDays(cursor, 1)
    if (isBusinessDay(cursor, calendar)) counted++
  }
  return cursor
}
