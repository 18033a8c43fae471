import type { Kysely } from 'kysely'
import { daysBetween, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { parseAmount } from '../../core/money/money.ts'
import { type ValuationTerms, valueAccount } from '../../core/sales/sale-valuation.ts'
import {
  accountIdsByExternalIds,
  clientIdOf,
  type SaleAccountFigures,
  type SaleCandidate,
  type SaleSelection,
} from '../../store/sales/sale.repository.ts'
import type { AccountStatus, Database, DebtKind } from '../../store/schema.ts'
import { ACCOUNT_STATUSES } from '../records/list-accounts.ts'

/** The portfolio filter as a person or a request gives it (docs/debt-sale.md, "Selecting"). */
export interface SaleFilterInput {
  /** The client's external id (agencies). */
  readonly client?: string
  readonly debtKind?: string
  /** ISO 4217; needed for minBalance and maxBalance (decimal text in it). */
  readonly currency?: string
  readonly chargeOffFrom?: string
  readonly chargeOffTo?: string
  readonly minBalance?: string
  readonly maxBalance?: string
  /** The accounts' status (default open). */
  readonly status?: string
  /** Explicit accounts by external id. */
  readonly accounts?: readonly string[]
}

const bad = (field: string, message: string) =>
  new AppError('invalid_sale', `filter.${field}: ${message}`, { field: `filter.${field}` })

function day(field: string, text: unknown): string {
  const parsed = typeof text === 'string' ? parseLocalDate(text) : null
  if (!parsed?.ok) throw bad(field, `a date YYYY-MM-DD, not ${JSON.stringify(text)}`)
  return parsed.date
}

/**
 * Checks the filter field by field (an unknown field, a malformed date or amount, an unknown client
 * or account is refused naming it) and resolves names to ids in the tenant: another tenant's accounts
 * and clients are never found. Returns the selection and the filter as stored (JSON of the input).
 */
export async function checkSaleFilter(
  db: Kysely<Database>,
  tenantId: number,
  filter: SaleFilterInput | undefined,
): Promise<{ selection: SaleSelection; stored: Record<string, unknown> }> {
  const f = (filter ?? {}) as Record<string, unknown>
  if (typeof f !== 'object' || Array.isArray(f)) throw bad('', 'an object')
  const known = [
    'client',
    'debtKind',
    'currency',
    'chargeOffFrom',
    'chargeOffTo',
    'minBalance',
    'maxBalance',
    'status',
    'accounts',
  ]
  for (const key of Object.keys(f))
    if (!known.includes(key)) throw bad(key, `not a filter field (one of ${known.join(', ')})`)
  const selection: {
    -readonly [K in keyof SaleSelection]: SaleSelection[K]
  } = { status: 'open' }
  if (f.client !== undefined) {
    if (typeof f.client !== 'string' || !f.client) throw bad('client', 'a client external id')
    const id = await clientIdOf(db, tenantId, f.client)
    if (id === undefined) throw bad('client', `no client "${f.client}" in this tenant`)
    selection.clientId = id
  }
  if (f.debtKind !== undefined) {
    if (f.debtKind !== 'consumer' && f.debtKind !== 'commercial')
      throw bad('debtKind', `consumer or commercial, not ${JSON.stringify(f.debtKind)}`)
    selection.debtKind = f.debtKind as DebtKind
  }
  if (f.currency !== undefined) {
    if (typeof f.currency !== 'string' || !/^[A-Z]{3}$/.test(f.currency) || !parseAmount('0', f.currency).ok)
      throw bad('currency', `an ISO 4217 code such as USD, not ${JSON.stringify(f.currency)}`)
    selection.currency = f.currency
  }
  if (f.chargeOffFrom !== undefined) selection.chargeOffFrom = day('chargeOffFrom', f.chargeOffFrom)
  if (f.chargeOffTo !== undefined) selection.chargeOffTo = day('chargeOffTo', f.chargeOffTo)
  if (selection.chargeOffFrom && selection.chargeOffTo && selection.chargeOffFrom > selection.chargeOffTo)
    throw bad('chargeOffTo', `${selection.chargeOffTo} is before chargeOffFrom ${selection.chargeOffFrom}`)
  for (const field of ['minBalance', 'maxBalance'] as const) {
    if (f[field] === undefined) continue
    if (!selection.currency) throw bad(field, 'an amount needs filter.currency (the currency it is in)')
    const parsed = typeof f[field] === 'string' ? parseAmount(f[field] as string, selection.currency) : null
    if (!parsed?.ok || parsed.minor < 0)
      throw bad(
        field,
        `a decimal amount in ${selection.currency} such as "100.00", not ${JSON.stringify(f[field])}`,
      )
    if (field === 'minBalance') selection.minBalanceMinor = parsed.minor
    else selection.maxBalanceMinor = parsed.minor
  }
  if (
    selection.minBalanceMinor !== undefined &&
    selection.maxBalanceMinor !== undefined &&
    selection.minBalanceMinor > selection.maxBalanceMinor
  )
    throw bad('maxBalance', 'below minBalance')
  if (f.status !== undefined) {
    if (typeof f.status !== 'string' || !(ACCOUNT_STATUSES as readonly string[]).includes(f.status))
      throw bad('status', `one of ${ACCOUNT_STATUSES.join(', ')}, not ${JSON.stringify(f.status)}`)
    selection.status = f.status as AccountStatus
  }
  if (f.accounts !== undefined) {
    if (
      !Array.isArray(f.accounts) ||
      f.accounts.length === 0 ||
      f.accounts.some((a) => typeof a !== 'string' || !a)
    )
      throw bad('accounts', 'a non-empty list of account external ids')
    const names = [...new Set(f.accounts as string[])]
    const ids = await accountIdsByExternalIds(db, tenantId, names)
    const missing = names.filter((n) => !ids.has(n))
    if (missing.length > 0)
      throw new AppError(
        'account_not_found',
        `filter.accounts: no account "${missing.join('", "')}" in this tenant`,
        {
          field: 'filter.accounts',
        },
      )
    selection.accountIds = names.map((n) => ids.get(n) ?? 0)
  }
  return { selection, stored: { ...f } }
}

/** The candidates' valuation figures and the totals, as of `asOf`. */
export function valueCandidates(
  candidates: readonly SaleCandidate[],
  asOf: string,
  terms: ValuationTerms,
): { figures: SaleAccountFigures[]; balanceMinor: number; expectedMinor: number; priceMinor: number } {
  const figures = candidates.map((c) => {
    const v = valueAccount(
      {
        balanceMinor: c.balanceMinor,
        ageDays: Math.max(0, daysBetween(c.chargeOffOn ?? c.dueOn, asOf)),
        badPpm: c.badPpm,
      },
      terms,
    )
    return {
      account_id: c.accountId,
      balance_minor: c.balanceMinor,
      basis: v.basis,
      payment_ppm: v.paymentPpm,
      recovery_rate: v.recoveryRate,
      expected_minor: v.expectedMinor,
      price_minor: v.priceMinor,
    }
  })
  const sum = (k: 'balance_minor' | 'expected_minor' | 'price_minor') => figures.reduce((s, f) => s + f[k], 0)
  return {
    figures,
    balanceMinor: sum('balance_minor'),
    expectedMinor: sum('expected_minor'),
    priceMinor: sum('price_minor'),
  }
}

/** The one currency of the selection, or `invalid_sale` naming the mix. */
export function currencyOf(candidates: readonly SaleCandidate[]): string {
  const currencies = [...new Set(candidates.map((c) => c.currency))].sort()
  if (currencies.length > 1)
    throw new AppError(
      'invalid_sale',
      `filter.currency: the selection holds ${currencies.join(', ')}; a sale is in one currency, name it`,
      { field: 'filter.currency' },
    )
  return currencies[0] ?? ''
}
