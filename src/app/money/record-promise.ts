import { recordPromiseIn } from '../../money/promises.service.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { amountIn, dayIn, onAccount } from './on-account.ts'

/** A promise to pay as the collector took it; the amount is a decimal string in the account's currency. */
export interface RecordPromiseRequest {
  readonly account: string
  readonly amount: string
  readonly dueOn: string
  /** How it was given: phone, email, portal, letter... */
  readonly channel: string
  /** Who took it (a user, or "portal"). */
  readonly takenBy: string
  /** The day it was taken (default: today in the tenant's zone). */
  readonly takenOn?: string
}

/** Records a promise to pay on an open account and re-decides it (the playbooks wait while it is open). */
export async function recordPromise(ctx: AppContext, request: RecordPromiseRequest) {
  authorize(ctx.actor, 'promises.record')
  const dueOn = dayIn('dueOn', request.dueOn)
  return onAccount(ctx, request.account, async ({ trx, account, today, actor }) =>
    recordPromiseIn(trx, ctx.actor.tenant, {
      accountId: account.id,
      amountMinor: amountIn('amount', request.amount, account),
      dueOn,
      channel: request.channel,
      takenBy: request.takenBy,
      takenOn: request.takenOn ? dayIn('takenOn', request.takenOn) : today,
      actor,
    }),
  )
}
