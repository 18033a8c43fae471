import { AppError } from '../errors/index.ts'
import { type LocalDate, parseLocalDate } from './local-date.ts'

/* Parsing of instants and calendar dates given as rule input: strict, with errors naming the field. */

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * Milliseconds since the epoch of an ISO 8601 instant that states its offset (`Z` or `±HH:MM`): an
 * instant without one would be read in the server's zone, which no rule may depend on.
 */
export function parseInstant(text: string, field: string): number {
  const instant = ISO_INSTANT.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(instant)) {
    throw new AppError('invalid_instant', `${field} "${text}" is not an ISO instant with Z or an offset`)
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
