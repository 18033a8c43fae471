import { localDateAt } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import type { Page } from '../../core/paging/page-cursor.ts'
import { encodeTimelineCursor, mergeTimeline, timelineRequest } from '../../core/timeline/timeline-page.ts'
import { timelineAccount, timelineSourceRows } from '../../store/records/account-timeline.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { type TimelineItem, timelineItem } from './timeline-items.ts'

/** The account (external id) and the page: `limit` (1-1000, default 100), `kinds` ("message,call"), `cursor`. */
export interface GetAccountTimelineRequest {
  readonly account: string
  readonly limit?: number
  readonly kinds?: string
  readonly cursor?: string
  readonly now?: Date
}

/**
 * One page of everything on an account, newest first: ledger entries, messages and letters with their
 * send-time checks, call tasks, promises, plans, settlements, disputes, hardship pauses, decisions,
 * stage changes and the journal events no other kind shows (docs/api.md, "Account timeline"). Each
 * kind is read by its own keyset query of at most `limit + 1` rows and the lists are merged, so a page
 * costs the same however long the account's history is. Another tenant's or client's account is
 * `account_not_found`.
 */
export async function getAccountTimeline(
  ctx: AppContext,
  input: GetAccountTimelineRequest,
): Promise<Page<TimelineItem>> {
  authorize(ctx.actor, 'accounts.read')
  const request = timelineRequest(input)
  const { tenant, clientIds } = ctx.actor
  const account = await timelineAccount(ctx.store.db, tenant.id, input.account, clientIds)
  if (!account)
    throw new AppError('account_not_found', `no account with external id "${input.account}" in this tenant`)
  const scope = {
    tenantId: tenant.id,
    accountId: account.id,
    debtorId: account.debtorId,
    timeZone: tenant.time_zone,
  }
  const lists = await timelineSourceRows(ctx.store.db, scope, request)
  const page = mergeTimeline(lists, request)
  const view = {
    tenantSlug: tenant.slug,
    externalId: account.externalId,
    currency: account.currency,
    jurisdiction: account.jurisdiction,
    today: localDateAt(input.now ?? new Date(), tenant.time_zone),
    timeZone: tenant.time_zone,
  }
  return {
    items: page.items.map((row) => timelineItem(row, view)),
    nextCursor: page.next === null ? null : encodeTimelineCursor(page.next, request.kinds),
  }
}
