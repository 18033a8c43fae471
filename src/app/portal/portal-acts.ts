import { addDays, localDateAt } from '../../core/calendar/local-date.ts'
import type { AppContext } from '../app-context.ts'
import { addHardshipPause } from '../money/add-hardship-pause.ts'
import { createPlan } from '../money/create-plan.ts'
import { openDispute } from '../money/open-dispute.ts'
import { recordPromise } from '../money/record-promise.ts'
import { portalAccountOf } from './portal-account.ts'

/**
 * The debtor's acts on their account through the portal. Each calls the use case a collector's act
 * calls (src/app/money), with the debtor as actor: the same checks and policy bounds, the journal
 * names `debtor:<id>`, and the account is re-decided in the same transaction.
 */

/** How long a hardship pause asked for on the portal lasts before a collector reviews it. */
export const PORTAL_HARDSHIP_DAYS = 30

/** A promise to pay `amount` on `dueOn`, taken by the portal. */
export function promiseOnPortal(ctx: AppContext, input: { amount: string; dueOn: string }) {
  const { account } = portalAccountOf(ctx)
  return recordPromise(ctx, { account, ...input, channel: 'portal', takenBy: 'portal' })
}

/** A payment plan within the tenant's policy (no exception: a debtor approves none). */
export function planOnPortal(
  ctx: AppContext,
  input: {
    total?: string
    downPayment?: string
    downPaymentOn?: string
    frequency?: string
    instalments?: number
    instalmentAmount?: string
    firstDueOn?: string
  },
) {
  const { account } = portalAccountOf(ctx)
  return createPlan(ctx, { account, ...input })
}

/** A written dispute (the portal is writing: 15 USC 1692g(b) verification duty), of all or part of the debt. */
export function disputeOnPortal(ctx: AppContext, input: { reason: string; amount?: string }) {
  const { account } = portalAccountOf(ctx)
  return openDispute(ctx, {
    account,
    reason: input.reason,
    written: true,
    channel: 'portal',
    ...(input.amount === undefined ? {} : { amount: input.amount }),
  })
}

/** A hardship pause from today for PORTAL_HARDSHIP_DAYS days, for the reason the debtor gives. */
export function hardshipOnPortal(ctx: AppContext, input: { reason: string }) {
  const { account } = portalAccountOf(ctx)
  const from = localDateAt(new Date(), ctx.actor.tenant.time_zone)
  return addHardshipPause(ctx, {
    account,
    reason: input.reason,
    from,
    to: addDays(from, PORTAL_HARDSHIP_DAYS - 1),
  })
}
