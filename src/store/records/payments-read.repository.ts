import { type Kysely, sql } from 'kysely'
import type { Page, PageRequest } from '../../core/paging/page-cursor.ts'
import { keysetAfter, keysetOrder } from '../paging.ts'
import type { Database } from '../schema.ts'
import { cutPage, type SortColumns, sortValue } from './record-page.ts'

export const PAYMENT_SORTS = ['receivedOn', 'id'] as const
export type PaymentSort = (typeof PAYMENT_SORTS)[number]
const PAYMENT_COLUMNS: SortColumns<PaymentSort> = { receivedOn: 'p.received_on', id: 'p.id' }

/** The filters of the payment list; `clientIds` is the agency scope (payments on the clients' accounts). */
export interface PaymentFilter {
  /** An account's external id. */
  readonly account?: string
  readonly status?: 'posted' | 'reversed'
  readonly source?: string
  readonly receivedFrom?: string
  readonly receivedTo?: string
  readonly clientIds?: readonly number[]
}

function paymentBase(db: Kysely<Database>, tenantId: number, clientIds: readonly number[] | undefined) {
  let query = db
    .selectFrom('payments as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select([
      'p.id as id',
      'p.external_id as reference',
      'a.external_id as account',
      'p.amount_minor as amountMinor',
      'p.currency as currency',
      'p.received_on as receivedOn',
      'p.source as source',
      'p.status as status',
      'p.policy_id as policyId',
      'p.credit_minor as creditMinor',
      'p.reversed_at as reversedAt',
      'p.reversal_reason as reversalReason',
    ])
    .where('p.tenant_id', '=', tenantId)
  if (clientIds !== undefined)
    query =
      clientIds.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('a.client_id', 'in', clientIds)
  return query
}

/** One page of the tenant's payments (one query). */
export async function listPaymentRows(
  db: Kysely<Database>,
  tenantId: number,
  filter: PaymentFilter,
  page: PageRequest<PaymentSort>,
) {
  const column = PAYMENT_COLUMNS[page.sort.field]
  let query = paymentBase(db, tenantId, filter.clientIds)
  if (filter.account !== undefined) query = query.where('a.external_id', '=', filter.account)
  if (filter.status !== undefined) query = query.where('p.status', '=', filter.status)
  if (filter.source !== undefined) query = query.where('p.source', '=', filter.source as 'api')
  if (filter.receivedFrom !== undefined) query = query.where('p.received_on', '>=', filter.receivedFrom)
  if (filter.receivedTo !== undefined) query = query.where('p.received_on', '<=', filter.receivedTo)
  const rows = await query
    .select(sortValue(column).as('sort_value'))
    .where(keysetAfter(column, 'p.id', page))
    .orderBy(keysetOrder(column, 'p.id', page))
    .limit(page.limit + 1)
    .execute()
  return cutPage(rows, page)
}

export type PaymentRow = Awaited<ReturnType<typeof listPaymentRows>>['items'][number]

/** The tenant's payment with this reference (inside the agency scope) and its allocation lines; or undefined. */
export async function paymentDetailRow(
  db: Kysely<Database>,
  tenantId: number,
  reference: string,
  clientIds: readonly number[] | undefined,
) {
  const payment = await paymentBase(db, tenantId, clientIds)
    .where('p.external_id', '=', reference)
    .executeTakeFirst()
  if (!payment) return undefined
  const lines = await db
    .selectFrom('ledger_entries as l')
    .innerJoin('accounts as a', 'a.id', 'l.account_id')
    .select([
      'a.external_id as account',
      'l.kind as kind',
      'l.component as component',
      'l.amount_minor as amountMinor',
      'l.effective_on as effectiveOn',
    ])
    .where('l.tenant_id', '=', tenantId)
    .where('l.payment_id', '=', payment.id)
    .orderBy('l.id')
    .execute()
  return { ...payment, entries: lines }
}

export type { Page }
