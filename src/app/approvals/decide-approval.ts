import type { Transaction } from 'kysely'
import { AppError } from '../../core/errors/index.ts'
import {
  type ApprovalRow,
  approvalById,
  rejectApproval as cancelRow,
  releaseApproval,
} from '../../store/approvals/approval.repository.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import type { Database } from '../../store/schema.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { requireAccountIdsInScope } from '../client-scope.ts'
import { type ApprovalView, approvalView } from './approval-view.ts'

const MAX_REASON = 2000

/** Approve or reject: which action awaiting approval, and for a rejection why. */
export interface DecideApprovalInput {
  readonly id: number
}

export interface RejectApprovalInput extends DecideApprovalInput {
  readonly reason: string
}

/**
 * Approves an action a playbook held: the outbox row becomes `pending`, so the dispatcher sends it at
 * its scheduled time (at once when that has passed) after its own send-time compliance check; the row
 * records the approver and the time; journaled as `escalation.approved`. A row no longer awaiting
 * approval (approved already, rejected, or cancelled by a payment, a dispute or a re-decision) is
 * `approval_not_pending` (409): the conditional update releases a row once, whoever races for it.
 */
export async function approveEscalation(ctx: AppContext, input: DecideApprovalInput): Promise<ApprovalView> {
  authorize(ctx.actor, 'escalations.approve')
  const by = actorLabel(ctx.actor)
  const at = new Date().toISOString()
  return inTransaction(ctx, async (trx) => {
    const row = await requireWaiting(ctx, trx, input.id)
    if (!(await releaseApproval(trx, ctx.actor.tenant.id, row.id, { by, at }))) throw notPending(row.id)
    await journal(trx, ctx, 'escalation.approved', row, {})
    return view(ctx, trx, row.id)
  })
}

/**
 * Rejects an action a playbook held: the outbox row is `cancelled` with a reason naming the rejecting
 * actor and theirs (required); journaled as `escalation.rejected`. The same 409 as `approveEscalation`
 * when the row no longer awaits approval.
 */
export async function rejectEscalation(ctx: AppContext, input: RejectApprovalInput): Promise<ApprovalView> {
  authorize(ctx.actor, 'escalations.approve')
  const reason = typeof input.reason === 'string' ? input.reason.trim() : ''
  if (!reason) throw new AppError('invalid_reason', 'reason: a rejection needs a reason', { field: 'reason' })
  if (reason.length > MAX_REASON)
    throw new AppError('invalid_reason', `reason: at most ${MAX_REASON} characters`, { field: 'reason' })
  const by = actorLabel(ctx.actor)
  const at = new Date().toISOString()
  return inTransaction(ctx, async (trx) => {
    const row = await requireWaiting(ctx, trx, input.id)
    const cancelReason = `rejected by ${by}: ${reason}`
    if (!(await cancelRow(trx, ctx.actor.tenant.id, row.id, { at, reason: cancelReason })))
      throw notPending(row.id)
    await journal(trx, ctx, 'escalation.rejected', row, { reason })
    return view(ctx, trx, row.id)
  })
}

const notFound = (id: number) =>
  new AppError('approval_not_found', `no action ${id} awaiting approval in this tenant`, { field: 'id' })

const notPending = (id: number) =>
  new AppError('approval_not_pending', `action ${id} no longer awaits approval`, { id })

/**
 * The row, in the actor's tenant and client scope (else `approval_not_found`, as for an id that does
 * not exist), still awaiting approval (else `approval_not_pending` naming its status and, for a
 * cancelled row, why: a rejection, a payment, a dispute, a re-decision).
 */
async function requireWaiting(ctx: AppContext, trx: Transaction<Database>, id: number): Promise<ApprovalRow> {
  const row = await approvalById(trx, ctx.actor.tenant.id, id)
  if (!row) throw notFound(id)
  await requireAccountIdsInScope(ctx, trx, [row.accountId], () => notFound(id))
  if (row.status !== 'awaiting_approval')
    throw new AppError(
      'approval_not_pending',
      `action ${id} no longer awaits approval: it is ${row.status}` +
        (row.approvedBy ? `, approved by ${row.approvedBy}` : '') +
        (row.cancelReason ? ` (${row.cancelReason})` : ''),
      { id, status: row.status },
    )
  return row
}

async function journal(
  trx: Transaction<Database>,
  ctx: AppContext,
  type: 'escalation.approved' | 'escalation.rejected',
  row: ApprovalRow,
  extra: Record<string, unknown>,
): Promise<void> {
  await appendJournalEvent(trx, {
    tenantId: ctx.actor.tenant.id,
    type,
    actor: actorLabel(ctx.actor),
    subject: `account:${row.accountId}`,
    payload: {
      outboxId: row.id,
      account: row.account,
      actionType: row.actionType,
      stage: row.stage,
      playbook: { id: row.playbookId, version: Number(row.playbookVersion) },
      ...extra,
    },
  })
}

async function view(ctx: AppContext, trx: Transaction<Database>, id: number): Promise<ApprovalView> {
  const row = await approvalById(trx, ctx.actor.tenant.id, id)
  if (!row) throw notFound(id)
  return approvalView(row)
}
