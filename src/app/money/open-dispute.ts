import { openDisputeIn } from '../../money/disputes.service.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { onAccount, optionalAmountIn } from './on-account.ts'

/** A dispute as the debtor raised it; `amount` (decimal, account currency) omitted disputes the whole debt. */
export interface OpenDisputeRequest {
  readonly account: string
  readonly reason: string
  /** Written disputes carry the FDCPA 1692g(b) verification duty; oral ones do not. */
  readonly written: boolean
  /** How it arrived (default: letter if written, else phone). */
  readonly channel?: string
  readonly amount?: string
  readonly documents?: readonly unknown[]
  /** When it was received (ISO instant; default now). */
  readonly receivedAt?: string
}

/** Opens a dispute on an open account: collection of the disputed debt stops, the account is re-decided. */
export async function openDispute(ctx: AppContext, request: OpenDisputeRequest) {
  authorize(ctx.actor, 'disputes.open')
  return onAccount(ctx, request.account, async ({ trx, account, actor }) => {
    const amount = optionalAmountIn('amount', request.amount, account)
    return openDisputeIn(trx, ctx.actor.tenant, {
      accountId: account.id,
      channel: request.channel ?? (request.written ? 'letter' : 'phone'),
      written: request.written,
      ...(amount === undefined ? {} : { amountMinor: amount }),
      reason: request.reason,
      documents: request.documents ?? [],
      ...(request.receivedAt ? { receivedAt: request.receivedAt } : {}),
      actor,
    })
  })
}
