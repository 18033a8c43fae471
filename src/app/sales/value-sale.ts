import { AppError } from '../../core/errors/index.ts'
import { formatDecimal } from '../../core/money/decimal.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { saleAccountsOf, saleCandidates, updateSaleValuation } from '../../store/sales/sale.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { checkTerms, valuationDay } from './create-sale.ts'
import { loadDraftSale, loadSale } from './load-sale.ts'
import { currencyOf, valueCandidates } from './sale-selection.ts'
import { type SaleView, saleView } from './sale-view.ts'

export interface ValueSaleInput {
  readonly sale: number | string
  /** The valuation day (default today). */
  readonly asOf?: string
  /** New terms (default: the sale's own). */
  readonly pricePercent?: string
  readonly recoveryFraction?: string
}

/**
 * Values a draft sale again on its accounts' books of today (or `asOf`), with its terms or new ones:
 * balances, scores and ages are read afresh. An account that can no longer be sold (paid, closed,
 * placed, sold elsewhere) is refused by name (`sale_stale`): cancel the sale and select again.
 * Journaled as `sale.valued`.
 */
export async function valueSale(ctx: AppContext, input: ValueSaleInput): Promise<SaleView> {
  authorize(ctx.actor, 'sales.manage')
  requireAllClients(ctx.actor, 'value a debt sale')
  const tenant = ctx.actor.tenant
  const asOf = valuationDay(input.asOf, tenant.time_zone)
  return inTransaction(ctx, async (trx) => {
    const sale = await loadDraftSale(trx, tenant.id, input.sale)
    const terms = checkTerms({
      pricePercent: input.pricePercent ?? sale.price_percent,
      recoveryFraction: input.recoveryFraction ?? sale.recovery_fraction,
    })
    const lines = await saleAccountsOf(trx, tenant.id, sale.id)
    const candidates = await saleCandidates(trx, tenant.id, {
      status: 'open',
      accountIds: lines.map((l) => l.accountId),
    })
    const found = new Set(candidates.map((c) => c.accountId))
    const gone = lines.filter((l) => !found.has(l.accountId)).map((l) => l.externalId)
    if (gone.length > 0)
      throw new AppError(
        'sale_stale',
        `sale ${sale.id}: ${gone.join(', ')} can no longer be sold (paid, closed, placed or sold meanwhile); ` +
          'cancel the sale and create it again',
        { accounts: gone },
      )
    if (currencyOf(candidates) !== sale.currency) throw new Error(`sale ${sale.id} changed currency`)
    const valued = valueCandidates(candidates, asOf, terms)
    const priced = {
      price_percent: formatDecimal(terms.pricePercent),
      recovery_fraction: formatDecimal(terms.recoveryFraction),
      valued_on: asOf,
      balance_minor: valued.balanceMinor,
      expected_minor: valued.expectedMinor,
      price_minor: valued.priceMinor,
    }
    await updateSaleValuation(trx, tenant.id, sale.id, priced, valued.figures)
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'sale.valued',
      actor: actorLabel(ctx.actor),
      subject: `sale:${sale.id}`,
      payload: {
        saleId: sale.id,
        valuedOn: asOf,
        pricePercent: priced.price_percent,
        recoveryFraction: priced.recovery_fraction,
        balanceMinor: valued.balanceMinor,
        expectedMinor: valued.expectedMinor,
        priceMinor: valued.priceMinor,
      },
    })
    return saleView(await loadSale(trx, tenant.id, sale.id), lines.length)
  })
}
