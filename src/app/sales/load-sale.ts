import type { Kysely } from 'kysely'
import { AppError } from '../../core/errors/index.ts'
import { type SaleRow, saleById } from '../../store/sales/sale.repository.ts'
import type { Database } from '../../store/schema.ts'

/** A sale id as given (number or digits), or `invalid_sale`. */
export function saleIdOf(sale: unknown): number {
  const id =
    typeof sale === 'number' ? sale : typeof sale === 'string' && /^\d{1,15}$/.test(sale) ? Number(sale) : NaN
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new AppError(
      'invalid_sale',
      `sale: a sale id (a positive whole number), not ${JSON.stringify(sale)}`,
      {
        field: 'sale',
      },
    )
  return id
}

/** The tenant's sale, or `sale_not_found` (another tenant's sale is not found either). */
export async function loadSale(db: Kysely<Database>, tenantId: number, sale: unknown): Promise<SaleRow> {
  const id = saleIdOf(sale)
  const row = await saleById(db, tenantId, id)
  if (!row) throw new AppError('sale_not_found', `no sale ${id} in this tenant`)
  return row
}

/** The same, refusing a sale that is no longer a draft. */
export async function loadDraftSale(db: Kysely<Database>, tenantId: number, sale: unknown): Promise<SaleRow> {
  const row = await loadSale(db, tenantId, sale)
  if (row.status !== 'draft') throw new AppError('sale_not_draft', `sale ${row.id} is ${row.status}`)
  return row
}
