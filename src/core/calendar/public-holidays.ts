/**
 * Public-holiday business calendars outside the US federal list, read from the snapshot generated from
 * the `date-holidays` library (public-holidays.generated.ts; docs/jurisdictions.md "Holiday sources").
 * Holidays that depend on an announcement (moon sighting, yearly gazettes) are the library's computed
 * dates; a caller that knows the announced dates passes them as `add` and `remove`.
 */
import { AppError } from '../errors/index.ts'
import { type BusinessCalendar, businessCalendar } from './business-days.ts'
import type { LocalDate } from './local-date.ts'
import { HOLIDAY_ROWS, HOLIDAY_SNAPSHOT } from './public-holidays.generated.ts'

// A Map, so a calendar id such as "constructor" is simply unknown.
const ROWS = new Map<string, string>(HOLIDAY_ROWS)

/** The ids `publicHolidays` and `publicHolidayCalendar` accept, e.g. `GB-ENG`, `DE`, `AU-NSW`. */
export const PUBLIC_HOLIDAY_CALENDARS: readonly string[] = HOLIDAY_ROWS.map(([id]) => id)

/** The snapshot row of calendar `id`; an unknown id is not found, naming the known ones. */
function rowOf(id: string): string {
  const row = ROWS.get(id)
  if (row === undefined) {
    throw new AppError(
      'unknown_holiday_calendar',
      `no public-holiday calendar "${id}"; known: ${PUBLIC_HOLIDAY_CALENDARS.join(', ')}`,
    )
  }
  return row
}

/** The public holidays of calendar `id` in `year`, sorted; an unknown id or a year outside the snapshot is refused. */
export function publicHolidays(id: string, year: number): LocalDate[] {
  const row = rowOf(id)
  const { firstYear, lastYear } = HOLIDAY_SNAPSHOT
  if (!Number.isInteger(year) || year < firstYear || year > lastYear) {
    throw new AppError(
      'unsupported_holiday_year',
      `${id} public holidays are known for ${firstYear}-${lastYear}, not ${year} (regenerate the snapshot: docs/jurisdictions.md)`,
    )
  }
  const days = row.split('|')[year - firstYear] ?? ''
  return days === '' ? [] : days.split(' ').map((mmdd) => `${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2)}`)
}

/** Announced corrections to a calendar: dates that are holidays though the snapshot lacks them, and the reverse. */
export interface HolidayCorrections {
  add?: readonly LocalDate[]
  remove?: readonly LocalDate[]
}

export interface PublicHolidayCalendarOptions extends HolidayCorrections {
  /** Days of the week that are never business days, 0 = Sunday ... 6 = Saturday; default Saturday and Sunday. */
  weekendDays?: readonly number[]
}

const shared = new Map<string, BusinessCalendar>()

/** A business calendar of weekend days plus calendar `id`'s public holidays; uncorrected calendars are shared. */
export function publicHolidayCalendar(
  id: string,
  options: PublicHolidayCalendarOptions = {},
): BusinessCalendar {
  rowOf(id) // an unknown id fails here, not at the first business-day count
  const plain = options.add === undefined && options.remove === undefined && options.weekendDays === undefined
  const cached = plain ? shared.get(id) : undefined
  if (cached) return cached
  const add = options.add ?? []
  const remove = new Set(options.remove ?? [])
  const calendar = businessCalendar({
    ...(options.weekendDays ? { weekendDays: options.weekendDays } : {}),
    holidays: (year) => {
      const prefix = `${String(year).padStart(4, '0')}-`
      return [...publicHolidays(id, year), ...add.filter((d) => d.startsWith(prefix))].filter(
        (d) => !remove.has(d),
      )
    },
  })
  if (plain) shared.set(id, calendar)
  return calendar
}
