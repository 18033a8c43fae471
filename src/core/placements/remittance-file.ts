import { type LocalDate, parseLocalDate } from '../calendar/local-date.ts'
import type { CsvRow } from '../intake/csv-parser.ts'
import type { FieldError } from '../intake/row-reader.ts'
import { isCurrencyCode } from '../money/currencies.ts'
import { parseAmount } from '../money/money.ts'
import { normalizeReference } from '../payments/payment-reference.ts'
import { commissionOnCollection, type PlacementRate, type RemitMode } from './commission-terms.ts'

/**
 * The remittance file a partner sends back (docs/placements.md, "Remittance file in"): one line per
 * collection, naming the placement (its id from the placement file) and the account, the day the
 * debtor paid, the amount collected, the commission the partner kept (net-remit partners) and what
 * it remitted to us, with the partner's own unique reference for the collection.
 */
export const REMITTANCE_COLUMNS = [
  'placement_id',
  'account',
  'paid_on',
  'collected',
  'net_remitted',
  'reference',
] as const
/** Optional columns; `commission_withheld` is required of a net-remit partner. */
export const REMITTANCE_OPTIONAL_COLUMNS = ['commission_withheld', 'currency', 'note'] as const

export type HeaderCheck = { ok: true; names: string[] } | { ok: false; reason: string }

/** The header's column names; unknown, repeated or missing columns refuse the whole file. */
export function checkRemittanceHeader(header: CsvRow, remit: RemitMode): HeaderCheck {
  const names = header.fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f).trim().toLowerCase())
  const known: readonly string[] = [...REMITTANCE_COLUMNS, ...REMITTANCE_OPTIONAL_COLUMNS]
  const required: string[] = [...REMITTANCE_COLUMNS, ...(remit === 'net' ? ['commission_withheld'] : [])]
  const expected = `expected ${required.join(',')} (optional: ${known.filter((k) => !required.includes(k)).join(', ')})`
  const unknown = names.filter((n) => !known.includes(n))
  if (unknown.length > 0)
    return { ok: false, reason: `unknown column(s) ${unknown.map((n) => `"${n}"`).join(', ')}; ${expected}` }
  const repeated = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))]
  if (repeated.length > 0) return { ok: false, reason: `column(s) ${repeated.join(', ')} appear twice` }
  const missing = required.filter((c) => !names.includes(c))
  if (missing.length > 0)
    return {
      ok: false,
      reason:
        `missing column(s) ${missing.join(', ')}` +
        (missing.includes('commission_withheld') ? ' (a net-remit partner reports what it kept)' : '') +
        `; ${expected}`,
    }
  return { ok: true, names }
}

/** One line as read: texts trimmed, the checks that need no placement done. */
export interface RemittanceLineText {
  readonly line: number
  readonly placementRef: string
  readonly account: string
  readonly reference: string
  readonly paidOn: LocalDate | null
  readonly collected: string
  readonly commissionWithheld: string
  readonly netRemitted: string
  readonly currency: string
  readonly problems: FieldError[]
}

/** Reads one data row by the header's names: required fields, the date, the reference. */
export function readRemittanceRow(
  row: CsvRow,
  names: readonly string[],
  remit: RemitMode,
): RemittanceLineText {
  const at = (name: string) => {
    const index = names.indexOf(name)
    return index < 0 ? '' : (row.fields[index] ?? '').trim()
  }
  const problems: FieldError[] = []
  if (row.error) problems.push({ field: 'row', reason: row.error })
  else if (row.fields.length > names.length)
    problems.push({
      field: 'row',
      reason: `the row has ${row.fields.length} fields, the header ${names.length}`,
    })
  const placementRef = at('placement_id')
  if (!placementRef) problems.push({ field: 'placement_id', reason: 'the placement id is required' })
  else if (!/^[1-9][0-9]{0,15}$/.test(placementRef))
    problems.push({
      field: 'placement_id',
      reason: `"${placementRef}" is not a placement id (a whole number)`,
    })
  const account = at('account')
  if (!account) problems.push({ field: 'account', reason: 'the account is required' })
  let paidOn: LocalDate | null = null
  const date = parseLocalDate(at('paid_on'))
  if (!date.ok)
    problems.push({ field: 'paid_on', reason: at('paid_on') ? date.reason : 'the day paid is required' })
  else paidOn = date.date
  const ref = normalizeReference(at('reference'))
  if (!ref.ok)
    problems.push({
      field: 'reference',
      reason: `${ref.reason}: the partner's unique reference of the collection is required (it makes re-imports safe)`,
    })
  const currency = at('currency').toUpperCase()
  if (currency && !isCurrencyCode(currency))
    problems.push({ field: 'currency', reason: `"${currency}" is not an ISO 4217 currency` })
  for (const field of ['collected', 'net_remitted', ...(remit === 'net' ? ['commission_withheld'] : [])])
    if (!at(field)) problems.push({ field, reason: `the amount ${field} is required` })
  return {
    line: row.line,
    placementRef,
    account,
    reference: ref.ok ? ref.reference : at('reference'),
    paidOn,
    collected: at('collected'),
    commissionWithheld: at('commission_withheld'),
    netRemitted: at('net_remitted'),
    currency,
    problems,
  }
}

/** The line's amounts in minor units of the placement's currency, or the problems with them. */
export interface RemittanceAmounts {
  readonly collectedMinor: number | null
  readonly commissionWithheldMinor: number | null
  readonly netRemittedMinor: number | null
  readonly problems: FieldError[]
}

/** Parses the amounts in the currency (decimal text with at most its ISO 4217 exponent of places). */
export function remittanceAmounts(text: RemittanceLineText, currency: string): RemittanceAmounts {
  const problems: FieldError[] = []
  const amount = (field: string, value: string, positive: boolean): number | null => {
    if (value === '') return null
    const parsed = parseAmount(value, currency)
    if (!parsed.ok) {
      problems.push({ field, reason: `"${value}": ${parsed.reason}` })
      return null
    }
    if (positive ? parsed.minor <= 0 : parsed.minor < 0) {
      problems.push({ field, reason: `"${value}" must be ${positive ? 'more than zero' : 'zero or more'}` })
      return null
    }
    return parsed.minor
  }
  const collectedMinor = amount('collected', text.collected, true)
  const commissionWithheldMinor = amount('commission_withheld', text.commissionWithheld, false)
  const netRemittedMinor = amount('net_remitted', text.netRemitted, false)
  if (text.currency && text.currency !== currency)
    problems.push({
      field: 'currency',
      reason: `the placement is in ${currency}, the line in ${text.currency}`,
    })
  return { collectedMinor, commissionWithheldMinor, netRemittedMinor, problems }
}

/** A booked line's reconciliation, to the minor unit. */
export interface LineReconciliation {
  readonly commissionDueMinor: number
  /** What the partner should have remitted: all it collected (gross), or that less the commission (net). */
  readonly netExpectedMinor: number
  /** `net remitted - net expected`: positive when the partner remitted too much. */
  readonly differenceMinor: number
  readonly status: 'matched' | 'difference'
}

/**
 * Reconciles one collected line: the commission due by the placement's rate (contingency rounded
 * half-up on this line, plus the fixed fee when this line is the one it is charged with), what the
 * partner should have remitted by its remit mode, and the difference with what it remitted.
 */
export function reconcileLine(
  line: { collectedMinor: number; commissionWithheldMinor: number; netRemittedMinor: number },
  rate: PlacementRate,
  remit: RemitMode,
  fixedFeeOwed: boolean,
): LineReconciliation {
  const commissionDueMinor = commissionOnCollection(line.collectedMinor, rate, fixedFeeOwed)
  const netExpectedMinor = remit === 'net' ? line.collectedMinor - commissionDueMinor : line.collectedMinor
  const differenceMinor = line.netRemittedMinor - netExpectedMinor
  return {
    commissionDueMinor,
    netExpectedMinor,
    differenceMinor,
    status: differenceMinor === 0 ? 'matched' : 'difference',
  }
}
