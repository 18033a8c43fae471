import { writeOffAccountIn } from '../../money/closure.service.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { dayIn, onAccount, optionalAmountIn } from './on-account.ts'

/** A write-off: `amount` (decimal, account currency) omitted writes off everything outstanding. */
export interface WriteOffAccountRequest {
  readonly account: string
  readonly amount?: string
  readonly reason: string
  /** Value date (default: today in the tenant's zone). */
  readonly on?: string
}

/** Writes off part or all of an account; a full write-off closes it, a partial one re-decides it. */
export async function writeOffAccount(ctx: AppContext, request: WriteOffAccountRequest) {
  authorize(ctx.actor, 'accounts.write_off')
  return onAccount(ctx, request.account, async ({ trx, account, today, actor }) => {
    const amount = optionalAmountIn('amount', request.amount, account)
    return writeOffAccountIn(trx, ctx.actor.tenant, {
      accountId: account.id,
      ...(amount === undefined ? {} : { amountMinor: amount }),
      reason: request.reason,
      on: request.on ? dayIn('on', request.on) : today,
      actor,
    })
  })
}
