import { checkReasonAndDay, closeAccountIn } from '../../money/closure.service.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { onAccount } from './on-account.ts'

/** Closing an account by hand: why, and the day (default: today in the tenant's zone). */
export interface CloseAccountRequest {
  readonly account: string
  readonly reason: string
  readonly on?: string
}

/**
 * Closes an open account as `closed` (the creditor recalled it, it was sold...) and cancels all its
 * pending actions; an account that is not open stays as it is (`closed: false`). Journaled.
 */
export async function closeAccount(ctx: AppContext, request: CloseAccountRequest) {
  authorize(ctx.actor, 'accounts.close')
  return onAccount(ctx, request.account, async ({ trx, account, today, actor }) => {
    const on = request.on ?? today
    checkReasonAndDay(request.reason, on)
    const closure = await closeAccountIn(trx, ctx.actor.tenant, account.id, {
      status: 'closed',
      on,
      reason: request.reason,
      actor,
    })
    return { ...closure, touched: [] }
  })
}
