// Display formatting. Amounts arrive as integer minor units (or exact decimal strings) with an ISO 4217
// currency and are turned into text without floating point: the domain's own money functions
// (src/core/money, pure, shared with the server) make the exact decimal string, which Intl.NumberFormat
// formats exactly.
import { formatAmount, parseAmount } from '../../../src/core/money/money.ts'

/** Minor units as an exact decimal string ("-1234.50"), in the currency's ISO 4217 exponent. */
export function minorToDecimal(minor: number, currency: string): string {
  return formatAmount(minor, currency)
}

/** A decimal string ("12.5", "1,234.50") as minor units, or null when the server would refuse it. */
export function decimalToMinor(text: string, currency: string): number | null {
  const parsed = parseAmount(text, currency)
  return parsed.ok ? parsed.minor : null
}

/** A money amount for people: minor units or an exact decimal string, in a currency. */
export function money(amount: number | string, currency: string, locale?: string): string {
  const decimal = typeof amount === 'number' ? minorToDecimal(amount, currency) : amount
  try {
    // Intl formats numeric strings exactly (no float rounding).
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(decimal as unknown as number)
  } catch {
    return `${decimal} ${currency}`
  }
}

/** An ISO instant in a time zone, e.g. "3 Dec 2026, 14:05". */
export function instant(iso: string | null | undefined, timeZone?: string, locale?: string): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date)
}

/** A calendar date "YYYY-MM-DD" for people, without any time zone shift. */
export function day(date: string | null | undefined, locale?: string): string {
  if (!date) return '—'
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date)
  if (!match) return date
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(utc)
}

/** "3 of 10" style counts, with the locale's grouping. */
export function count(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value)
}

/** A ratio 0..1 as a percentage. */
export function percent(value: number | null | undefined, locale?: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value)
}

/** snake_case and kebab-case codes as words: "right_party_contact" → "Right party contact". */
export function words(code: string): string {
  const text = code.replace(/[_-]+/g, ' ').trim()
  return text.charAt(0).toUpperCase() + text.slice(1)
}
