import { addHardshipPauseIn } from '../../money/hardship.service.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { onAccount } from './on-account.ts'

/** A hardship pause: collection contacts stop from `from` to `to` (YYYY-MM-DD, both inclusive). */
export interface AddHardshipPauseRequest {
  readonly account: string
  readonly reason: string
  readonly from: string
  readonly to: string
}

/** Pauses collection contacts on an account for a stated reason, cancels what was scheduled, re-decides it. */
export async function addHardshipPause(ctx: AppContext, request: AddHardshipPauseRequest) {
  authorize(ctx.actor, 'hardship.pause')
  return onAccount(ctx, request.account, async ({ trx, account, actor }) =>
    addHardshipPauseIn(trx, ctx.actor.tenant, {
      accountId: account.id,
      reason: request.reason,
      from: request.from,
      to: request.to,
      actor,
    }),
  )
}
