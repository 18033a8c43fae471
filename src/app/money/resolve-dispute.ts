import { resolveDisputeIn } from '../../money/disputes.service.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { onDispute } from './on-dispute.ts'

/** Resolving a dispute: for the debtor (the disputed amount is credited) or the creditor (the debt stands). */
export interface ResolveDisputeRequest {
  readonly disputeId: number
  readonly for: 'debtor' | 'creditor'
  /** ISO instant (default now). */
  readonly resolvedAt?: string
}

/** Resolves a dispute and re-decides the account (the playbooks leave their disputed stage). */
export async function resolveDispute(ctx: AppContext, request: ResolveDisputeRequest) {
  authorize(ctx.actor, 'disputes.resolve')
  return onDispute(ctx, request.disputeId, (trx, actor) =>
    resolveDisputeIn(trx, ctx.actor.tenant, {
      disputeId: request.disputeId,
      for: request.for,
      ...(request.resolvedAt ? { resolvedAt: request.resolvedAt } : {}),
      actor,
    }),
  )
}
