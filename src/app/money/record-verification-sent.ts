import { recordVerificationSentIn } from '../../money/disputes.service.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { onDispute } from './on-dispute.ts'

/** Records that verification of the debt was sent for a dispute (it stays open) and re-decides the account. */
export async function recordVerificationSent(
  ctx: AppContext,
  request: { disputeId: number; sentAt?: string },
) {
  authorize(ctx.actor, 'disputes.verify')
  return onDispute(ctx, request.disputeId, (trx, actor) =>
    recordVerificationSentIn(trx, ctx.actor.tenant, {
      disputeId: request.disputeId,
      ...(request.sentAt ? { sentAt: request.sentAt } : {}),
      actor,
    }),
  )
}
