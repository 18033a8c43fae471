import { AppError } from '../../core/errors/index.ts'
import { pageRequest } from '../../core/paging/page-cursor.ts'
import { entityTag } from '../../core/records/entity-tag.ts'
import {
  contactPointRow,
  DEBTOR_SORTS,
  type DebtorRow,
  debtorContactRows,
  debtorRow,
  listDebtorRows,
} from '../../store/records/debtors-read.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'

/** The debtor list's filters and page. */
export interface ListDebtorsRequest {
  readonly namePrefix?: string
  readonly externalId?: string
  readonly limit?: number
  readonly cursor?: string
  readonly sort?: string
}

/** A debtor as the API shows it: its external id as `id`. */
export function publicDebtor({ id: _internal, externalId, ...rest }: DebtorRow) {
  return { id: externalId, ...rest }
}

/**
 * One page of the tenant's debtors (in the agency case, those with an account held for one of the
 * actor's clients), by name prefix or external id; sorted by name (default) or external id.
 */
export async function listDebtors(ctx: AppContext, request: ListDebtorsRequest) {
  authorize(ctx.actor, 'accounts.read')
  const page = pageRequest(request, DEBTOR_SORTS, { field: 'name', direction: 'asc' })
  const { tenant, clientIds } = ctx.actor
  const result = await listDebtorRows(
    ctx.store.db,
    tenant.id,
    {
      ...(request.namePrefix === undefined ? {} : { namePrefix: request.namePrefix }),
      ...(request.externalId === undefined ? {} : { externalId: request.externalId }),
      ...(clientIds === undefined ? {} : { clientIds }),
    },
    page,
  )
  return { items: result.items.map(publicDebtor), nextCursor: result.nextCursor }
}

/** `debtor_not_found` naming the external id (also for another tenant's or client's debtor). */
export const debtorNotFound = (externalId: string) =>
  new AppError('debtor_not_found', `no debtor with external id "${externalId}" in this tenant`)

/** A contact point as the API shows it, with its ETag (PATCH /contact-points/:id). */
export function publicContactPoint<R extends { debtorId: number }>({ debtorId: _debtor, ...point }: R) {
  return { ...point, etag: entityTag(point) }
}

/**
 * One debtor by external id with its contact points (consent and opt-out), addresses, and the ETag of
 * its editable fields (PATCH /debtors/:id).
 */
export async function getDebtor(ctx: AppContext, request: { debtor: string }) {
  authorize(ctx.actor, 'accounts.read')
  const { tenant, clientIds } = ctx.actor
  const row = await debtorRow(ctx.store.db, tenant.id, request.debtor, clientIds)
  if (!row) throw debtorNotFound(request.debtor)
  const { contactPoints, addresses } = await debtorContactRows(ctx.store.db, tenant.id, row.id)
  const debtor = publicDebtor(row)
  return {
    ...debtor,
    etag: entityTag(debtor),
    contactPoints: contactPoints.map(publicContactPoint),
    addresses,
  }
}

/** One contact point by id (its debtor in the actor's tenant and clients), with its ETag. */
export async function getContactPoint(ctx: AppContext, request: { contactPoint: number }) {
  authorize(ctx.actor, 'accounts.read')
  const { tenant, clientIds } = ctx.actor
  const row = await contactPointRow(ctx.store.db, tenant.id, request.contactPoint, clientIds)
  if (!row)
    throw new AppError('contact_point_not_found', `no contact point ${request.contactPoint} in this tenant`)
  return publicContactPoint(row)
}
