import { addDays } from '../../core/calendar/local-date.ts'
import { formatAmount } from '../../core/money/money.ts'
import { renderBillOfSalePdf } from '../../documents/render-bill-of-sale-pdf.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { saleAccountsOf } from '../../store/sales/sale.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { loadSale } from './load-sale.ts'

/**
 * The bill of sale PDF of a sale (a draft's says DRAFT): parties, transfer clause, price, buy-back
 * window and Schedule A with each account's balance and price. Journaled (`sale.bill_exported`).
 */
export async function billOfSale(
  ctx: AppContext,
  input: { sale: number | string },
): Promise<{ sale: number; pdf: Uint8Array }> {
  authorize(ctx.actor, 'sales.manage')
  requireAllClients(ctx.actor, 'render a bill of sale')
  const tenant = ctx.actor.tenant
  const { sale, lines } = await inTransaction(ctx, async (trx) => {
    const sale = await loadSale(trx, tenant.id, input.sale)
    const lines = (await saleAccountsOf(trx, tenant.id, sale.id)).filter(
      (l) => sale.status !== 'closed' || l.status !== 'selected',
    )
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'sale.bill_exported',
      actor: actorLabel(ctx.actor),
      subject: `sale:${sale.id}`,
      payload: { saleId: sale.id, status: sale.status },
    })
    return { sale, lines }
  })
  const money = (minor: number) => formatAmount(minor, sale.currency)
  const pdf = await renderBillOfSalePdf({
    saleId: sale.id,
    seller: tenant.name,
    buyer: sale.buyer,
    status: sale.status,
    closedOn: sale.closed_on,
    valuedOn: sale.valued_on,
    currency: sale.currency,
    pricePercent: sale.price_percent,
    buybackDays: sale.buyback_days,
    buybackUntil: sale.closed_on ? addDays(sale.closed_on, sale.buyback_days) : null,
    totalBalance: money(sale.balance_minor),
    totalExpected: money(sale.expected_minor),
    totalPrice: money(sale.price_minor),
    accounts: lines.map((l) => ({
      account: l.externalId,
      debtor: l.debtorName,
      balance: money(l.balanceMinor),
      price: money(l.priceMinor),
    })),
  })
  return { sale: sale.id, pdf }
}
