import { AppError } from '../../core/errors/index.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { cancelSaleRow, saleAccountsOf } from '../../store/sales/sale.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { loadDraftSale, loadSale } from './load-sale.ts'
import { type SaleView, saleView } from './sale-view.ts'

/** Cancels a draft sale with a reason (nothing was sold); journaled as `sale.cancelled`. */
export async function cancelSale(
  ctx: AppContext,
  input: { sale: number | string; reason: string },
): Promise<SaleView> {
  authorize(ctx.actor, 'sales.manage')
  requireAllClients(ctx.actor, 'cancel a debt sale')
  const reason = typeof input.reason === 'string' ? input.reason.trim() : ''
  if (!reason || reason.length > 2000)
    throw new AppError('invalid_reason', 'reason: a cancellation needs a reason of at most 2000 characters', {
      field: 'reason',
    })
  const tenant = ctx.actor.tenant
  return inTransaction(ctx, async (trx) => {
    const sale = await loadDraftSale(trx, tenant.id, input.sale)
    if (!(await cancelSaleRow(trx, tenant.id, sale.id, reason)))
      throw new AppError('sale_not_draft', `sale ${sale.id} is no longer a draft`)
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'sale.cancelled',
      actor: actorLabel(ctx.actor),
      subject: `sale:${sale.id}`,
      payload: { saleId: sale.id, reason },
    })
    const lines = await saleAccountsOf(trx, tenant.id, sale.id)
    return saleView(await loadSale(trx, tenant.id, sale.id), lines.length)
  })
}
