import { AppError } from '../../core/errors/index.ts'
import { pageRequest } from '../../core/paging/page-cursor.ts'
import {
  listPaymentRows,
  PAYMENT_SORTS,
  type PaymentRow,
  paymentDetailRow,
} from '../../store/records/payments-read.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'

/** The payment list's filters and page. */
export interface ListPaymentsRequest {
  /** An account's external id. */
  readonly account?: string
  readonly status?: 'posted' | 'reversed'
  readonly source?: string
  readonly receivedFrom?: string
  readonly receivedTo?: string
  readonly limit?: number
  readonly cursor?: string
  readonly sort?: string
}

/** A payment as the API shows it: named by its reference (the bank's or provider's id). */
function publicPayment<R extends PaymentRow>({ id: _internal, ...rest }: R) {
  return rest
}

/**
 * One page of the tenant's payments (only on the actor's clients' accounts in the agency case), by
 * account, status, source and received dates; newest first unless sorted otherwise.
 */
export async function listPayments(ctx: AppContext, request: ListPaymentsRequest) {
  authorize(ctx.actor, 'accounts.read')
  const page = pageRequest(request, PAYMENT_SORTS, { field: 'receivedOn', direction: 'desc' })
  const { tenant, clientIds } = ctx.actor
  const { limit: _l, cursor: _c, sort: _s, ...filter } = request
  const result = await listPaymentRows(
    ctx.store.db,
    tenant.id,
    { ...filter, ...(clientIds === undefined ? {} : { clientIds }) },
    page,
  )
  return { items: result.items.map(publicPayment), nextCursor: result.nextCursor }
}

/** One payment by reference with the ledger entries it wrote (its allocation and any reversal). */
export async function getPayment(ctx: AppContext, request: { reference: string }) {
  authorize(ctx.actor, 'accounts.read')
  const { tenant, clientIds } = ctx.actor
  const row = await paymentDetailRow(ctx.store.db, tenant.id, request.reference.trim(), clientIds)
  if (!row)
    throw new AppError('payment_not_found', `no payment with reference "${request.reference}" in this tenant`)
  return publicPayment(row)
}
