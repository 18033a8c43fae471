import { addDays, localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { type FollowUpRow, selectFollowUps } from '../../store/tasks/follow-up.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'

/** How far back a broken plan is still a follow-up for the queue. */
export const BROKEN_PLAN_FOLLOW_UP_DAYS = 14

export interface ListFollowUpsInput {
  readonly limit?: number
  /** The day (default today in the tenant's zone). */
  readonly asOf?: string
}

/**
 * The collectors' follow-ups beside the call tasks: open promises due by today and unpaid, and plans
 * broken in the last BROKEN_PLAN_FOLLOW_UP_DAYS days with no new plan since, on open accounts the actor
 * may see, the largest amount first (a promise's amount, a plan's total: what a call could recover).
 */
export async function listFollowUps(
  ctx: AppContext,
  input: ListFollowUpsInput = {},
): Promise<{ asOf: string; items: FollowUpRow[] }> {
  authorize(ctx.actor, 'tasks.list')
  const limit = input.limit ?? 50
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new AppError('invalid_option', `limit must be a whole number from 1 to 200, not ${limit}`, {
      field: 'limit',
    })
  const { tenant } = ctx.actor
  let today = localDateAt(new Date(), tenant.time_zone)
  if (input.asOf !== undefined) {
    const parsed = parseLocalDate(input.asOf)
    if (!parsed.ok) throw new AppError('invalid_date', `asOf: ${parsed.reason}`, { field: 'asOf' })
    today = parsed.date
  }
  const rows = await selectFollowUps(ctx.store.db, tenant.id, {
    today,
    brokenSince: addDays(today, -BROKEN_PLAN_FOLLOW_UP_DAYS),
    ...(ctx.actor.clientIds ? { clientIds: ctx.actor.clientIds } : {}),
    limit,
  })
  const items = rows.sort((a, b) => b.amountMinor - a.amountMinor || a.id - b.id).slice(0, limit)
  return { asOf: today, items }
}
