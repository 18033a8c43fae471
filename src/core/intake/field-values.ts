import { type DateFormat, isTimeZone, type LocalDate, parseLocalDate } from '../calendar/local-date.ts'
import type { AttributeType } from './import-mapping.ts'

/** A value or the reason the text could not be one; reasons are written for the person fixing the file. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

const ISO_PREFIX = /^\d{4}-/
/**
 * Parsed dates by text, per format. A file of a million rows holds a few thousand distinct dates, and
 * calendar validation is the costliest part of mapping a row; results are immutable so sharing is safe.
 */
const dateCaches = new Map<DateFormat, Map<string, Parsed<LocalDate>>>()
const DATE_CACHE_SIZE = 50_000

/**
 * A date in the mapping's format; ISO dates are always accepted too, because XLSX date cells arrive
 * as ISO whatever the format of the CSV export of the same data.
 */
export function parseDateText(text: string, format: DateFormat): Parsed<LocalDate> {
  let cache = dateCaches.get(format)
  if (!cache) {
    cache = new Map()
    dateCaches.set(format, cache)
  }
  let parsed = cache.get(text)
  if (parsed === undefined) {
    const result = parseLocalDate(text, format !== 'iso' && ISO_PREFIX.test(text) ? 'iso' : format)
    parsed = result.ok ? { ok: true, value: result.date } : result
    if (cache.size >= DATE_CACHE_SIZE) cache.clear()
    cache.set(text, parsed)
  }
  return parsed
}

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1'])
const FALSE_WORDS = new Set(['no', 'n', 'false', '0'])

/** Yes/No, Y/N, true/false or 1/0, any case. */
export function parseBooleanText(text: string): Parsed<boolean> {
  const word = text.toLowerCase()
  if (TRUE_WORDS.has(word)) return { ok: true, value: true }
  if (FALSE_WORDS.has(word)) return { ok: true, value: false }
  return { ok: false, reason: `"${text}" is not yes or no` }
}

const INTEGER = /^[+-]?\d+$/
const DECIMAL = /^[+-]?\d+(\.\d+)?$/

/** An attribute cell as the type the mapping declares (decimals stay strings so no digit is lost). */
export function parseAttribute(text: string, type: AttributeType, format: DateFormat): Parsed<unknown> {
  switch (type) {
    case 'string':
      return { ok: true, value: text }
    case 'date':
      return parseDateText(text, format)
    case 'boolean':
      return parseBooleanText(text)
    case 'integer': {
      const value = Number(text)
      return INTEGER.test(text) && Number.isSafeInteger(value)
        ? { ok: true, value }
        : { ok: false, reason: `"${text}" is not a whole number` }
    }
    case 'decimal':
      return DECIMAL.test(text)
        ? { ok: true, value: text }
        : { ok: false, reason: `"${text}" is not a decimal number` }
  }
}

const E164 = /^\+[1-9]\d{6,14}$/
const PHONE_PUNCTUATION = /[\s().-]/g

/** A phone number in E.164 ("+16175550100"); spaces, dots, dashes and brackets are dropped first. */
export function parsePhone(text: string): Parsed<string> {
  const compact = text.replace(PHONE_PUNCTUATION, '')
  const value = compact.startsWith('00') ? `+${compact.slice(2)}` : compact
  return E164.test(value)
    ? { ok: true, value }
    : { ok: false, reason: `"${text}" is not an international phone number such as +16175550100` }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** A plausible e-mail address; deliverability is the channel's problem, not the importer's. */
export function parseEmail(text: string): Parsed<string> {
  return EMAIL.test(text)
    ? { ok: true, value: text }
    : { ok: false, reason: `"${text}" is not an e-mail address` }
}

const zoneCache = new Map<string, boolean>()

/** True for an IANA zone; cached because Intl look-ups are slow and a file repeats a handful of zones. */
export function isKnownTimeZone(zone: string): boolean {
  let known = zoneCache.get(zone)
  if (known === undefined) {
    known = isTimeZone(zone)
    if (zoneCache.size < 1000) zoneCache.set(zone, known)
  }
  return known
}

/** One of `choices` (case-insensitive), or a reason listing them. */
export function parseChoice<T extends string>(text: string, choices: readonly T[]): Parsed<T> {
  const lower = text.toLowerCase() as T
  return choices.includes(lower)
    ? { ok: true, value: lower }
    : { ok: false, reason: `"${text}" is not one of ${choices.join(', ')}` }
}
