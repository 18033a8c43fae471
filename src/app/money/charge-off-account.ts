import { chargeOffAccountIn } from '../../money/closure.service.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { dayIn, onAccount } from './on-account.ts'

/** Records the day the creditor charged the account off (default: today in the tenant's zone). */
export async function chargeOffAccount(ctx: AppContext, request: { account: string; on?: string }) {
  authorize(ctx.actor, 'accounts.charge_off')
  return onAccount(ctx, request.account, async ({ trx, account, today, actor }) => ({
    ...(await chargeOffAccountIn(trx, ctx.actor.tenant, {
      accountId: account.id,
      on: request.on ? dayIn('on', request.on) : today,
      actor,
    })),
    touched: [],
  }))
}
