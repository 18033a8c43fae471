import { addDays, daysBetween, daysInMonth, type LocalDate } from '../calendar/local-date.ts'

/**
 * Day-count conventions: how many days make the year that an annual rate is divided by.
 * - `act/365`: actual days over a fixed 365 (UK statutory default, India; "Actual/365 Fixed").
 * - `act/360`: actual days over 360 (money-market contracts; yields slightly more interest).
 * - `act/actual`: ISDA actual/actual; days in a leap year over 366, other days over 365 (catalogue
 *   point 12, "365 versus 366").
 */
export type DayCountBasis = 'act/365' | 'act/360' | 'act/actual'

/** The conventions, for validating settings and options. */
export const DAY_COUNT_BASES: readonly DayCountBasis[] = ['act/365', 'act/360', 'act/actual']

/** An exact year fraction; kept as a ratio because 30/365 has no finite decimal expansion. */
export interface YearFraction {
  readonly numerator: bigint
  readonly denominator: bigint
}

/** True for Gregorian leap years. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4))
}

/** The days in the year that one day's interest on `date` is divided by under `basis`. */
export function yearDaysOn(basis: DayCountBasis, date: LocalDate): number {
  if (basis === 'act/360') return 360
  if (basis === 'act/365') return 365
  return isLeapYear(yearOf(date)) ? 366 : 365
}

/**
 * The year fraction from `from` (included) to `to` (excluded), the ISDA convention: 1 Nov 2003 to
 * 1 May 2004 under act/actual is 61/365 + 121/366. An interest statement accrues for the days after
 * its start date up to and including its end date, i.e. yearFraction(start + 1, end + 1).
 */
export function yearFraction(basis: DayCountBasis, from: LocalDate, to: LocalDate): YearFraction {
  const days = daysBetween(from, to)
  if (days < 0) throw new RangeError(`year fraction from ${from} back to ${to}`)
  if (basis !== 'act/actual') return { numerator: BigInt(days), denominator: BigInt(yearDaysOn(basis, from)) }
  // Split at each 1 January so every piece lies in one calendar year, then put the pieces over 365 x 366.
  let leapDays = 0
  let commonDays = 0
  let cursor = from
  while (cursor < to) {
    const nextYear = `${String(yearOf(cursor) + 1).padStart(4, '0')}-01-01`
    const pieceEnd = nextYear < to ? nextYear : to
    const pieceDays = daysBetween(cursor, pieceEnd)
    if (isLeapYear(yearOf(cursor))) leapDays += pieceDays
    else commonDays += pieceDays
    cursor = pieceEnd
  }
  return { numerator: BigInt(leapDays * 365 + commonDays * 366), denominator: 365n * 366n }
}

/**
 * `date` moved by whole calendar months, clamped to the month's last day (31 Jan + 1 month = 28 or
 * 29 Feb). Callers step from a fixed anchor (anchor + k months) so a clamp never drifts the series.
 */
export function addMonthsClamped(date: LocalDate, months: number): LocalDate {
  const year = yearOf(date)
  const monthIndex = year * 12 + Number(date.slice(5, 7)) - 1 + months
  const targetYear = Math.floor(monthIndex / 12)
  const targetMonth = (monthIndex % 12) + 1
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(targetYear, targetMonth))
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The last day before `date` (a convenience that reads better than addDays(date, -1) at call sites). */
export function dayBefore(date: LocalDate): LocalDate {
  return addDays(date, -1)
}
