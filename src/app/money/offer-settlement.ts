import { offerSettlementIn } from '../../money/settlements.service.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { amountIn, dayIn, onAccount } from './on-account.ts'

/** A settlement offer: `amount` (decimal, account currency) settles the whole debt if paid by `expiresOn`. */
export interface OfferSettlementRequest {
  readonly account: string
  readonly amount: string
  readonly expiresOn: string
  /** The day of the offer (default: today in the tenant's zone). */
  readonly createdOn?: string
}

/** Offers a settlement within the tenant's bounds, one live offer per account, and re-decides the account. */
export async function offerSettlement(ctx: AppContext, request: OfferSettlementRequest) {
  authorize(ctx.actor, 'settlements.offer')
  const expiresOn = dayIn('expiresOn', request.expiresOn)
  return onAccount(ctx, request.account, async ({ trx, account, today, actor }) =>
    offerSettlementIn(trx, ctx.actor.tenant, {
      accountId: account.id,
      offerMinor: amountIn('amount', request.amount, account),
      expiresOn,
      createdOn: request.createdOn ? dayIn('createdOn', request.createdOn) : today,
      actor,
    }),
  )
}
