import { isCurrencyCode } from '../money/currencies.ts'
import { parseAmount } from '../money/money.ts'

/**
 * Payment terms and credit limits (docs/credit-control.md): a client's default, a debtor's override,
 * and the strict checks of what a person sends. Terms are whole days from the invoice date; a limit
 * is integer minor units of one ISO 4217 currency. Pure.
 */

/** Terms when neither the debtor nor its client sets any. */
export const DEFAULT_TERMS_DAYS = 30
export const MAX_TERMS_DAYS = 365

/** A credit limit: minor units of one currency. */
export interface CreditLimit {
  readonly minor: number
  readonly currency: string
}

/** Where an effective value comes from. */
export type TermsSource = 'debtor' | 'client' | 'default'

export interface EffectiveTerms {
  readonly termsDays: number
  readonly termsSource: TermsSource
  readonly limit: CreditLimit | null
  readonly limitSource: TermsSource
}

/** What a client's policy and a debtor's override say (null: not set at that level). */
export interface TermsLevels {
  readonly client: { readonly termsDays: number; readonly limit: CreditLimit | null } | null
  readonly debtor: { readonly termsDays: number | null; readonly limit: CreditLimit | null } | null
}

/** The debtor's override wins field by field, then the client's policy, then the default (30 days, no limit). */
export function effectiveTerms(levels: TermsLevels): EffectiveTerms {
  const { client, debtor } = levels
  const [termsDays, termsSource]: [number, TermsSource] =
    debtor?.termsDays != null
      ? [debtor.termsDays, 'debtor']
      : client
        ? [client.termsDays, 'client']
        : [DEFAULT_TERMS_DAYS, 'default']
  const [limit, limitSource]: [CreditLimit | null, TermsSource] = debtor?.limit
    ? [debtor.limit, 'debtor']
    : client?.limit
      ? [client.limit, 'client']
      : [null, 'default']
  return { termsDays, termsSource, limit, limitSource }
}

export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly field: string; readonly reason: string; readonly code: CheckCode }

/** The catalogue code a failed check answers with. */
export type CheckCode = 'invalid_credit_terms' | 'invalid_amount' | 'invalid_currency'

/** Terms days as sent: a whole number 0..365 (a float, a string or a negative number is refused). */
export function checkTermsDays(value: unknown, field = 'termsDays'): Checked<number> {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TERMS_DAYS)
    return {
      ok: false,
      field,
      code: 'invalid_credit_terms',
      reason: `payment terms must be a whole number of days from 0 to ${MAX_TERMS_DAYS}, not ${JSON.stringify(value)}`,
    }
  return { ok: true, value }
}

/**
 * A limit as sent: the amount as decimal text in the currency ("5000.00"), never a float, never
 * negative, no more decimals than the currency has; the currency an ISO 4217 code.
 */
export function checkLimit(amount: unknown, currency: unknown, field = 'limit'): Checked<CreditLimit> {
  if (typeof currency !== 'string' || !isCurrencyCode(currency))
    return {
      ok: false,
      field: `${field}.currency`,
      code: 'invalid_currency',
      reason: `not an ISO 4217 currency: ${JSON.stringify(currency)}`,
    }
  if (typeof amount !== 'string')
    return {
      ok: false,
      field: `${field}.amount`,
      code: 'invalid_amount',
      reason: `the limit is decimal text in ${currency} (e.g. "5000.00"), not ${JSON.stringify(amount)}`,
    }
  const parsed = parseAmount(amount, currency)
  if (!parsed.ok)
    return { ok: false, field: `${field}.amount`, code: 'invalid_amount', reason: parsed.reason }
  if (parsed.minor < 0)
    return {
      ok: false,
      field: `${field}.amount`,
      code: 'invalid_amount',
      reason: 'a limit cannot be negative',
    }
  return { ok: true, value: { minor: parsed.minor, currency } }
}
