/**
 * Calendar dates without a time or zone ("2013-02-01"), as due dates and as-of dates are in law and
 * on invoices. Arithmetic goes through a day number so it never meets a DST transition.
 */
export type LocalDate = string

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/
const MS_PER_DAY = 86_400_000

export type DateFormat = 'iso' | 'm/d/yyyy' | 'd/m/yyyy' | 'd.m.yyyy'

export type ParseDateResult = { ok: true; date: LocalDate } | { ok: false; reason: string }

/**
 * The dates any input may carry (files, options, requests): nothing in collections happens before
 * 1900 or after 2199, and a year such as 0000 or 9999 is a typo or a placeholder that would break
 * day arithmetic further on (docs/import.md). Computed dates are not limited, only what comes in.
 */
export const MIN_INPUT_DATE: LocalDate = '1900-01-01'
export const MAX_INPUT_DATE: LocalDate = '2199-12-31'

function isValidDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year, month)
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function toLocalDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * Parses a date in the given format, rejecting impossible dates such as 2/30/2013 and dates outside
 * MIN_INPUT_DATE..MAX_INPUT_DATE.
 */
export function parseLocalDate(text: string, format: DateFormat = 'iso'): ParseDateResult {
  const value = text.trim()
  let parts: [number, number, number] | undefined
  if (format === 'iso') {
    const m = ISO_DATE.exec(value)
    if (m) parts = [Number(m[1]), Number(m[2]), Number(m[3])]
  } else {
    const m = (format === 'd.m.yyyy' ? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/ : US_DATE).exec(value)
    if (m) {
      const [first, second, year] = [Number(m[1]), Number(m[2]), Number(m[3])]
      parts = format === 'm/d/yyyy' ? [year, first, second] : [year, second, first]
    }
  }
  if (!parts) return { ok: false, reason: `"${text}" is not a date in ${format} format` }
  const [year, month, day] = parts
  if (!isValidDay(year, month, day)) return { ok: false, reason: `"${text}" is not a real calendar date` }
  const date = toLocalDate(year, month, day)
  if (date < MIN_INPUT_DATE || date > MAX_INPUT_DATE) {
    return {
      ok: false,
      reason: `"${text}" is outside the accepted dates ${MIN_INPUT_DATE} to ${MAX_INPUT_DATE}`,
    }
  }
  return { ok: true, date }
}

/** Days since 1970-01-01 for a valid LocalDate. */
export function dayNumber(date: LocalDate): number {
  const m = ISO_DATE.exec(date)
  if (!m) throw new RangeError(`not an ISO date: ${date}`)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY
}

/** The LocalDate for a day number. */
export function fromDayNumber(day: number): LocalDate {
  const d = new Date(day * MS_PER_DAY)
  return toLocalDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
}

/** `date` moved by `days` calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days)
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from)
}

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const dateFormatters = new Map<string, Intl.DateTimeFormat>()

function dateFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    // Zones are few; the bound only guards against a caller looping over made-up ones.
    if (dateFormatters.size < 1_000) dateFormatters.set(timeZone, formatter)
  }
  return formatter
}

/** The calendar date at `instant` in the IANA time zone `timeZone` (the creditor's "today"). */
export function localDateAt(instant: Date, timeZone: string): LocalDate {
  const parts = dateFormatter(timeZone).formatToParts(instant)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone.length > 0
  } catch {
    return false
  }
}
