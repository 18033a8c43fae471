import { AppError } from '../errors.ts'

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
