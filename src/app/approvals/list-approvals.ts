import { type Page, pageOf, pageRequest } from '../../core/paging/page-cursor.ts'
import { APPROVAL_SORT_COLUMNS, listAwaitingApproval } from '../../store/approvals/approval.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { type ApprovalView, approvalView } from './approval-view.ts'

export const APPROVAL_SORT_FIELDS = Object.keys(
  APPROVAL_SORT_COLUMNS,
) as (keyof typeof APPROVAL_SORT_COLUMNS)[]

export interface ListApprovalsInput {
  readonly limit?: number
  readonly cursor?: string
  /** scheduledAt (default, soonest first) or createdAt; `-field` descending. */
  readonly sort?: string
}

/**
 * The approval queue: the tenant's outbox rows a playbook step held in `awaiting_approval` (letters
 * of claim, legal steps, escalations), soonest first, with the account, debtor, stage, the action,
 * its decision-time compliance verdict and the playbook version that proposed it. An actor limited to
 * some clients sees only their accounts' rows. Cursor-paginated.
 */
export async function listApprovals(ctx: AppContext, input: ListApprovalsInput): Promise<Page<ApprovalView>> {
  authorize(ctx.actor, 'escalations.approve')
  const page = pageRequest(input, APPROVAL_SORT_FIELDS, { field: 'scheduledAt', direction: 'asc' })
  const scope = ctx.actor.clientIds ? { clientIds: ctx.actor.clientIds } : {}
  const rows = await listAwaitingApproval(ctx.store.db, ctx.actor.tenant.id, scope, page)
  const cut = pageOf(rows, page, (r) => ({
    value: page.sort.field === 'scheduledAt' ? r.scheduledAt : r.createdAt,
    id: r.id,
  }))
  return { items: cut.items.map(approvalView), nextCursor: cut.nextCursor }
}
