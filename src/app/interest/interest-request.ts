import { type LocalDate, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import type { PrincipalChange } from '../../core/interest/accrue-interest.ts'
import { parseDecimal } from '../../core/money/decimal.ts'
import { parseAmount } from '../../core/money/money.ts'

/**
 * An interest statement as asked for, every value as text the way a person or a JSON body gives it
 * (amounts are decimal strings in the currency, dates YYYY-MM-DD). Which fields apply depends on the
 * jurisdiction: `rate`, `compound` and `from` only to `contract`; `acceptance` and `rateMode` to IN;
 * `points` to EU-<member state>.
 */
export interface InterestRequest {
  readonly principal?: string
  readonly currency?: string
  readonly due?: string
  readonly to?: string
  /** contract (default), GB, IN or EU-<member state>. */
  readonly jurisdiction?: string
  readonly rate?: string
  readonly basis?: string
  readonly compound?: string
  readonly from?: string
  /** Payments reducing the principal, each "YYYY-MM-DD:amount". */
  readonly payments?: readonly string[]
  readonly acceptance?: string
  readonly rateMode?: string
  readonly points?: string
}

/** A request field's name as the caller's surface spells it (the CLI: `--rate-mode`). */
export type FieldLabel = (field: keyof InterestRequest) => string

/** The default spelling: the CLI option of the field. */
export const optionLabel: FieldLabel = (field) =>
  field === 'payments' ? '--payment' : `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`

/** Parses request fields, each problem an `invalid_option` naming the field (bad input, exit 2). */
export function requestReader(label: FieldLabel) {
  const bad = (field: keyof InterestRequest, message: string): never => {
    throw new AppError('invalid_option', `${label(field)} ${message}`, { field })
  }
  const required = (field: keyof InterestRequest, value: string | undefined): string =>
    value === undefined ? bad(field, 'is required') : value
  const date = (field: keyof InterestRequest, text: string): LocalDate => {
    const parsed = parseLocalDate(text)
    return parsed.ok ? parsed.date : bad(field, `${parsed.reason}; use YYYY-MM-DD`)
  }
  const amount = (field: keyof InterestRequest, text: string, currency: string): number => {
    const parsed = parseAmount(text, currency)
    if (!parsed.ok) return bad(field, parsed.reason)
    return parsed.minor > 0 ? parsed.minor : bad(field, `must be more than zero, not "${text}"`)
  }
  const oneOf = <T extends string>(field: keyof InterestRequest, text: string, allowed: readonly T[]): T =>
    allowed.includes(text as T)
      ? (text as T)
      : bad(field, `must be one of ${allowed.join(', ')}, not "${text}"`)
  const percent = (field: keyof InterestRequest, text: string): string => {
    const parsed = parseDecimal(text)
    return !parsed.ok || parsed.value.units < 0n
      ? bad(field, `must be a decimal percent ≥ 0, not "${text}"`)
      : text
  }
  /** "2025-03-01:200.00" as a principal reduction on that day. */
  const payment = (text: string, currency: string): PrincipalChange => {
    const [day = '', value = ''] = text.split(/:(.*)/s)
    return { on: date('payments', day), principalDeltaMinor: -amount('payments', value, currency) }
  }
  return { bad, required, date, amount, oneOf, percent, payment, label }
}

/** The reader `requestReader` returns. */
export type RequestReader = ReturnType<typeof requestReader>
