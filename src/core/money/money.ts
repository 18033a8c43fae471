import { currencyExponent } from './currencies.ts'

/** An amount of money: integer minor units (cents, fils, yen) and its ISO 4217 currency. */
export interface Money {
  readonly minor: number
  readonly currency: string
}

export type ParseAmountResult = { ok: true; minor: number } | { ok: false; reason: string }

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/
/** Commas are accepted only as thousands separators ("1,234,567.89"); "10,50" is ambiguous, so rejected. */
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/

/**
 * Parses a decimal string ("1234.5", "-0.25") into integer minor units of `currency` without ever
 * going through a float. More fractional digits than the currency allows are an error, not rounded:
 * an importer must not silently change an amount.
 */
export function parseAmount(text: string, currency: string): ParseAmountResult {
  const exponent = currencyExponent(currency)
  if (exponent === undefined) return { ok: false, reason: `unknown currency "${currency}"` }
  let trimmed = text.trim()
  if (trimmed.includes(',')) {
    if (!THOUSANDS.test(trimmed)) {
      return { ok: false, reason: `"${text}" is not a decimal number (a comma may only separate thousands)` }
    }
    trimmed = trimmed.replaceAll(',', '')
  }
  const match = DECIMAL.exec(trimmed)
  if (!match) return { ok: false, reason: `"${text}" is not a decimal number` }
  const [, sign, whole = '', fraction = ''] = match
  const significantFraction = fraction.replace(/0+$/, '')
  if (significantFraction.length > exponent) {
    return { ok: false, reason: `"${text}" has more than ${exponent} decimal places for ${currency}` }
  }
  const digits = (whole + fraction.padEnd(exponent, '0').slice(0, exponent)).replace(/^0+(?=\d)/, '')
  const minor = Number(digits)
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: `"${text}" is too large` }
  return { ok: true, minor: sign === '-' && minor !== 0 ? -minor : minor }
}

/** Formats minor units as a plain decimal string in the currency's exponent ("1234.50", "-7", "1.250"). */
export function formatAmount(minor: number, currency: string): string {
  const exponent = currencyExponent(currency) ?? 2
  const negative = minor < 0
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0')
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent)
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`
  return `${negative ? '-' : ''}${whole}${fraction}`
}

/** Adds amounts of one currency; mixing currencies is a programming error. */
export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error(`cannot add ${a.currency} to ${b.currency}`)
  const minor = a.minor + b.minor
  if (!Number.isSafeInteger(minor)) throw new RangeError('amount overflow')
  return { minor, currency: a.currency }
}
