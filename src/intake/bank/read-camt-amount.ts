import { type LocalDate, parseLocalDate } from '../../core/calendar/local-date.ts'
import { isCurrencyCode } from '../../core/money/currencies.ts'
import { formatAmount, parseAmount } from '../../core/money/money.ts'
import { text, type XmlNode } from './camt-tree.ts'

/** An amount in integer minor units with its currency. */
export type CamtAmount = { minor: number; currency: string }

/** Either a value or why it could not be read. */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string }

/** Reads `<Amt Ccy="EUR">12.50</Amt>`: unsigned decimal, ISO 4217 currency, never rounded. */
export function readAmount(node: XmlNode | undefined): Read<CamtAmount> {
  const value = text(node)
  const currency = node?.['@_Ccy']
  if (value === undefined) return { ok: false, reason: 'amount is missing' }
  if (typeof currency !== 'string' || !isCurrencyCode(currency)) {
    return { ok: false, reason: `currency "${String(currency ?? '')}" is not an ISO 4217 code` }
  }
  // XML decimals have no sign (CdtDbtInd carries it) and no thousands separators.
  if (!/^\d+(\.\d+)?$/.test(value))
    return { ok: false, reason: `"${value}" is not an unsigned decimal amount` }
  const parsed = parseAmount(value, currency)
  if (!parsed.ok) return { ok: false, reason: parsed.reason }
  return { ok: true, value: { minor: parsed.minor, currency } }
}

/** "120.00 EUR": how messages show money (display units, never minor units). */
export function showAmount(amount: CamtAmount): string {
  return `${formatAmount(amount.minor, amount.currency)} ${amount.currency}`
}

/** Booking dates outside this range are typing or export errors, not real bookings (camt dates from 2009). */
export const EARLIEST_BOOKING_DATE = '2000-01-01'
export const LATEST_BOOKING_DATE = '2099-12-31'

/** Reads `<BookgDt><Dt>` or the date part of `<DtTm>`; undefined when absent. */
export function readDate(node: XmlNode | undefined): Read<LocalDate> | undefined {
  const value = text(node, 'Dt') ?? text(node, 'DtTm')?.slice(0, 10)
  if (value === undefined) return undefined
  return readIsoDate(value)
}

/** A `YYYY-MM-DD` (or the date part of a date-time) within the plausible booking range. */
export function readIsoDate(value: string): Read<LocalDate> {
  const parsed = parseLocalDate(value.slice(0, 10))
  if (!parsed.ok) return { ok: false, reason: parsed.reason }
  if (parsed.date < EARLIEST_BOOKING_DATE || parsed.date > LATEST_BOOKING_DATE) {
    return {
      ok: false,
      reason: `${parsed.date} is outside the plausible range ${EARLIEST_BOOKING_DATE} to ${LATEST_BOOKING_DATE}`,
    }
  }
  return { ok: true, value: parsed.date }
}
