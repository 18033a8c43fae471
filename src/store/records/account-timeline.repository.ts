import { sql } from 'kysely'
import type { TimelineKind, TimelineRequest } from '../../core/timeline/timeline-page.ts'
import { calls, decisions, journal, messages } from './timeline-contact-sources.ts'
import { disputes, hardship, plans, promises, settlements, transactions } from './timeline-money-sources.ts'
import type { Db, TimelineScope } from './timeline-source.ts'

export type { TimelineRow, TimelineScope } from './timeline-source.ts'

/**
 * The sources of an account's timeline: one keyset query per source (a table, the column its items
 * are dated by, a rank), each reading at most `limit + 1` rows after the cursor on the account's index
 * of that table. The use case merges them (mergeTimeline); a page therefore costs the same however
 * many items the account has. The caller has found the account in the tenant and the actor's scope.
 */
const SOURCES = {
  transaction: transactions,
  message: (db: Db, at: TimelineScope, r: TimelineRequest) => messages(db, at, r, false),
  document: (db: Db, at: TimelineScope, r: TimelineRequest) => messages(db, at, r, true),
  call: calls,
  promise: promises,
  plan: plans,
  settlement: settlements,
  dispute: disputes,
  hardship,
  decision: (db: Db, at: TimelineScope, r: TimelineRequest) => decisions(db, at, r, false),
  stage_change: (db: Db, at: TimelineScope, r: TimelineRequest) => decisions(db, at, r, true),
  journal,
} as const satisfies Record<TimelineKind, (db: Db, at: TimelineScope, r: TimelineRequest) => Promise<unknown>>

/** Rows of a source kind, as its query returns them. */
export type TimelineSourceRow<K extends TimelineKind> = Awaited<ReturnType<(typeof SOURCES)[K]>>[number]

/** The newest `limit + 1` rows after the cursor of every kind asked for, one list per source. */
export async function timelineSourceRows(db: Db, at: TimelineScope, request: TimelineRequest) {
  const lists: TimelineSourceRow<TimelineKind>[][] = []
  // One after the other: on SQLite the queries share one connection anyway, on PostgreSQL a page
  // must not take a dozen pool connections at once.
  for (const kind of request.kinds) lists.push(await SOURCES[kind](db, at, request))
  return lists
}

/** The account a timeline is for, by external id inside the tenant and the client scope (absent: none). */
export async function timelineAccount(
  db: Db,
  tenantId: number,
  externalId: string,
  clientIds: readonly number[] | undefined,
) {
  let query = db
    .selectFrom('accounts')
    .select(['id', 'debtor_id as debtorId', 'currency', 'jurisdiction', 'external_id as externalId'])
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', externalId)
  if (clientIds !== undefined)
    query =
      clientIds.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('client_id', 'in', clientIds)
  return query.executeTakeFirst()
}
