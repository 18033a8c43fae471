import { AppError } from '../../core/errors/index.ts'
import { forwardedPaymentsOf, listSaleRows, saleAccountsOf } from '../../store/sales/sale.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { loadSale } from './load-sale.ts'
import { type SaleDetail, type SaleView, saleAccountView, saleView } from './sale-view.ts'

/** A sale with its accounts, their valuation and the payments forwarded to the buyer. */
export async function showSale(ctx: AppContext, input: { sale: number | string }): Promise<SaleDetail> {
  authorize(ctx.actor, 'sales.read')
  requireAllClients(ctx.actor, 'read a debt sale')
  const tenantId = ctx.actor.tenant.id
  const sale = await loadSale(ctx.store.db, tenantId, input.sale)
  const lines = await saleAccountsOf(ctx.store.db, tenantId, sale.id)
  return {
    ...saleView(sale, lines.length),
    lines: lines.map(saleAccountView),
    forwarded: await forwardedPaymentsOf(ctx.store.db, tenantId, sale.id),
  }
}

const STATUSES = ['draft', 'closed', 'cancelled']

/** The tenant's sales, newest first, optionally of one status. */
export async function listSales(ctx: AppContext, input: { status?: string } = {}): Promise<SaleView[]> {
  authorize(ctx.actor, 'sales.read')
  requireAllClients(ctx.actor, 'list debt sales')
  if (input.status !== undefined && !STATUSES.includes(input.status))
    throw new AppError('invalid_option', `status: one of ${STATUSES.join(', ')}, not "${input.status}"`, {
      field: 'status',
    })
  const tenantId = ctx.actor.tenant.id
  const rows = await listSaleRows(ctx.store.db, tenantId, input.status)
  const out: SaleView[] = []
  for (const row of rows)
    out.push(saleView(row, (await saleAccountsOf(ctx.store.db, tenantId, row.id)).length))
  return out
}
