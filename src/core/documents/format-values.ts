import type { LocalDate } from '../calendar/local-date.ts'
import { formatAmount } from '../money/money.ts'

/**
 * Money and dates formatted for a reader. Amounts go to Intl as exact decimal strings made from integer
 * minor units (never through a float), so 1,23,456.78 is exactly what the ledger holds.
 */

const BIDI_MARKS = /[\u061c\u200e\u200f]/g
const moneyFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** Minor units in a currency as the locale writes them ("$1,234.50", "₹1,23,456.00", "1.234,50 €"). */
export function formatMoney(minor: number, currency: string, intlLocale: string): string {
  const key = `${intlLocale}|${currency}`
  let format = moneyFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(intlLocale, { style: 'currency', currency })
    moneyFormats.set(key, format)
  }
  // Intl.NumberFormat takes exact decimal strings (ES2023); the cast covers older lib typings.
  // Bidi marks Intl adds around Arabic currency symbols are dropped: the layout's bidi algorithm orders them.
  return format.format(formatAmount(minor, currency) as unknown as number).replace(BIDI_MARKS, '')
}

/** A calendar date as the locale writes it in full ("March 5, 2026", "5 mars 2026"). */
export function formatDate(date: LocalDate, intlLocale: string): string {
  let format = dateFormats.get(intlLocale)
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'long', timeZone: 'UTC' })
    dateFormats.set(intlLocale, format)
  }
  return format.format(new Date(`${date}T00:00:00Z`))
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * A value made safe to print: control characters and the bidirectional embedding, override and
 * isolate characters (which could reorder what a reader sees around them) are removed, and runs of
 * white space become one space. Every variable goes through this before HTML or PDF.
 */
export function cleanText(value: string): string {
  return value.replace(UNSAFE, '').replace(/\s+/g, ' ').trim()
}

/** HTML text content: the five characters with meaning in HTML become entities. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
