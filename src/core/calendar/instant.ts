import { AppError } from '../errors/index.ts'
import { daysInMonth, type LocalDate, parseLocalDate } from './local-date.ts'

/* Parsing of instants and calendar dates given as rule input: strict, with errors naming the field. */

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,3})?)?(Z|[+-](\d{2}):(\d{2}))$/

/**
 * Milliseconds since the epoch of an ISO 8601 instant that states its offset (`Z` or `±HH:MM`): an
 * instant without one would be read in the server's zone, which no rule may depend on.
 */
export function parseInstant(text: string, field: string): number {
  const m = ISO_INSTANT.exec(text)
  const instant = m ? Date.parse(text) : Number.NaN
  if (m === null || Number.isNaN(instant)) {
    throw new AppError('invalid_instant', `${field} "${text}" is not an ISO instant with Z or an offset`)
  }
  // Date.parse rolls 2026-02-30 into March and reads 24:00 as the next day: an impossible instant is
  // a typo, never a time a rule may judge.
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as number[]
  const second = m[7] === undefined ? 0 : Number(m[7])
  const offsetOk = m[10] === undefined || (Number(m[10]) <= 23 && Number(m[11]) <= 59)
  const dayOk = (month ?? 0) >= 1 && (month ?? 0) <= 12 && (day ?? 0) >= 1
  if (!dayOk || (day ?? 0) > daysInMonth(year ?? 0, month ?? 0)) {
    throw new AppError('invalid_instant', `${field} "${text}" names a day that does not exist`)
  }
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || second > 59 || !offsetOk) {
    throw new AppError('invalid_instant', `${field} "${text}" names a time of day that does not exist`)
  }
  return instant
}

/** A strict "YYYY-MM-DD" calendar date given as input, or an invalid_date error naming the field. */
export function requireLocalDate(text: LocalDate, field: string): LocalDate {
  const parsed = parseLocalDate(text)
  if (!parsed.ok) throw new AppError('invalid_date', `${field} ${parsed.reason}`, { field })
  if (parsed.date !== text) {
    throw new AppError('invalid_date', `${field} "${text}" is not a YYYY-MM-DD calendar date`, { field })
  }
  return parsed.date
}
