import { addDays, localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { parseAmount } from '../../core/money/money.ts'
import type { AppContext } from '../app-context.ts'
import { addHardshipPause } from '../money/add-hardship-pause.ts'
import { createPlan } from '../money/create-plan.ts'
import { openDispute } from '../money/open-dispute.ts'
import { recordPromise } from '../money/record-promise.ts'
import { getAccount } from '../records/get-account.ts'
import { listAccountRecords } from '../records/list-account-records.ts'
import { portalAccountOf } from './portal-account.ts'
import { PORTAL_PROMISE_MAX_DAYS } from './portal-limits.ts'

/**
 * The debtor's acts on their account through the portal. Each calls the use case a collector's act
 * calls (src/app/money), with the debtor as actor: the same checks and policy bounds, the journal
 * names `debtor:<id>`, and the account is re-decided in the same transaction.
 */

/** How long a hardship pause asked for on the portal lasts before a collector reviews it. */
export const PORTAL_HARDSHIP_DAYS = 30

/**
 * A promise to pay `amount` on `dueOn`, taken by the portal: at most the balance, due within
 * PORTAL_PROMISE_MAX_DAYS, and none while another is open (an open promise holds collection, so a
 * debtor alone may not hold it for years or twice over; a collector can agree to more).
 */
export async function promiseOnPortal(ctx: AppContext, input: { amount: string; dueOn: string }) {
  const { account } = portalAccountOf(ctx)
  const today = localDateAt(new Date(), ctx.actor.tenant.time_zone)
  const latest = addDays(today, PORTAL_PROMISE_MAX_DAYS)
  const due = parseLocalDate(input.dueOn)
  if (due.ok && due.date > latest)
    throw new AppError(
      'invalid_promise',
      `dueOn: a promise on the portal is due within ${PORTAL_PROMISE_MAX_DAYS} days, by ${latest} at the latest`,
      { field: 'dueOn' },
    )
  const detail = await getAccount(ctx, { account })
  const amount = parseAmount(input.amount, detail.currency)
  if (amount.ok && amount.minor > detail.balanceMinor)
    throw new AppError('invalid_promise', 'amount: a promise is for at most the balance', { field: 'amount' })
  const promises = await listAccountRecords(ctx, 'promises', { account, limit: 500 })
  if (promises.items.some((p) => p.state === 'open'))
    throw new AppError('invalid_promise', 'a promise is already open on this account', { field: 'dueOn' })
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
