import { localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { formatDecimal } from '../../core/money/decimal.ts'
import { DEFAULT_RECOVERY_FRACTION, saleDecimal } from '../../core/sales/sale-valuation.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { insertSale, saleById, saleCandidates } from '../../store/sales/sale.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { checkSaleFilter, currencyOf, type SaleFilterInput, valueCandidates } from './sale-selection.ts'
import { type SaleView, saleView } from './sale-view.ts'

/** Days an account may be put back after closing when the sale names none. */
export const DEFAULT_BUYBACK_DAYS = 90
const MAX_BUYBACK_DAYS = 3650

export interface CreateSaleInput {
  readonly buyer: string
  /** The price as a percentage of expected recovery, exact decimal text ("12.5"). */
  readonly pricePercent: string
  /** The share of a scored account's balance expected back if it pays (default "0.40"). */
  readonly recoveryFraction?: string
  /** The buy-back window in days after closing (default 90). */
  readonly buybackDays?: number
  /** The valuation day (default today in the tenant's zone). */
  readonly asOf?: string
  readonly filter?: SaleFilterInput
}

/** The sale's terms, checked field by field (shared with valueSale). */
export function checkTerms(input: { pricePercent?: unknown; recoveryFraction?: unknown }) {
  return {
    pricePercent: saleDecimal('pricePercent', input.pricePercent, '100'),
    recoveryFraction: saleDecimal(
      'recoveryFraction',
      input.recoveryFraction ?? DEFAULT_RECOVERY_FRACTION,
      '1',
    ),
  }
}

/** The valuation day: the one given, checked, else today in the tenant's zone. */
export function valuationDay(asOf: unknown, timeZone: string): string {
  if (asOf === undefined) return localDateAt(new Date(), timeZone)
  const parsed = typeof asOf === 'string' ? parseLocalDate(asOf) : null
  if (!parsed?.ok)
    throw new AppError('invalid_date', `asOf: a date YYYY-MM-DD, not ${JSON.stringify(asOf)}`, {
      field: 'asOf',
    })
  return parsed.date
}

/**
 * Creates a draft sale: selects the portfolio by the filter (open accounts owing something, not placed,
 * not sold, in one currency), values each account (docs/debt-sale.md, "Valuation") and stores the
 * figures. Journaled as `sale.created`. Nothing is sold until the sale is closed.
 */
export async function createSale(ctx: AppContext, input: CreateSaleInput): Promise<SaleView> {
  authorize(ctx.actor, 'sales.manage')
  requireAllClients(ctx.actor, 'create a debt sale')
  const tenant = ctx.actor.tenant
  const buyer = typeof input.buyer === 'string' ? input.buyer.trim() : ''
  if (!buyer || buyer.length > 200)
    throw new AppError('invalid_sale', 'buyer: the buyer’s name, at most 200 characters', { field: 'buyer' })
  const terms = checkTerms(input)
  const buybackDays = input.buybackDays ?? DEFAULT_BUYBACK_DAYS
  if (!Number.isSafeInteger(buybackDays) || buybackDays < 0 || buybackDays > MAX_BUYBACK_DAYS)
    throw new AppError('invalid_sale', `buybackDays: a whole number of days from 0 to ${MAX_BUYBACK_DAYS}`, {
      field: 'buybackDays',
    })
  const asOf = valuationDay(input.asOf, tenant.time_zone)
  const by = actorLabel(ctx.actor)
  return inTransaction(ctx, async (trx) => {
    const { selection, stored } = await checkSaleFilter(trx, tenant.id, input.filter)
    const candidates = await saleCandidates(trx, tenant.id, selection)
    if (selection.accountIds) {
      const found = new Set(candidates.map((c) => c.accountId))
      const names = (input.filter?.accounts ?? []) as readonly string[]
      const refused = names.filter((_, i) => !found.has(selection.accountIds?.[i] ?? 0))
      if (refused.length > 0)
        throw new AppError(
          'invalid_sale',
          `filter.accounts: ${refused.join(', ')} cannot be sold under this filter ` +
            '(not open, owing nothing, placed with a partner, already sold, or outside the other filter fields)',
          { field: 'filter.accounts' },
        )
    }
    if (candidates.length === 0)
      throw new AppError(
        'sale_empty',
        `the filter ${JSON.stringify(stored)} selects no account that can be sold`,
      )
    const currency = currencyOf(candidates)
    const valued = valueCandidates(candidates, asOf, terms)
    const id = await insertSale(
      trx,
      {
        tenant_id: tenant.id,
        buyer,
        status: 'draft',
        filter: JSON.stringify(stored),
        currency,
        price_percent: formatDecimal(terms.pricePercent),
        recovery_fraction: formatDecimal(terms.recoveryFraction),
        buyback_days: buybackDays,
        valued_on: asOf,
        balance_minor: valued.balanceMinor,
        expected_minor: valued.expectedMinor,
        price_minor: valued.priceMinor,
        created_by: by,
        closed_on: null,
        closed_by: null,
        cancelled_at: null,
        cancel_reason: null,
      },
      valued.figures,
    )
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'sale.created',
      actor: by,
      subject: `sale:${id}`,
      payload: {
        saleId: id,
        buyer,
        filter: stored,
        currency,
        pricePercent: formatDecimal(terms.pricePercent),
        recoveryFraction: formatDecimal(terms.recoveryFraction),
        buybackDays,
        valuedOn: asOf,
        accounts: candidates.map((c) => c.accountId),
        balanceMinor: valued.balanceMinor,
        expectedMinor: valued.expectedMinor,
        priceMinor: valued.priceMinor,
      },
    })
    const row = await saleById(trx, tenant.id, id)
    if (!row) throw new Error(`sale ${id} vanished in its own transaction`)
    return saleView(row, candidates.length)
  })
}
