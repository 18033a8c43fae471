/**
 * What every timeline source shares: the account it reads for, the row it returns with its key, and
 * the keyset spec (dated column, id, rank) of each source.
 */
import { type Kysely, sql } from 'kysely'
import type { TimelineKey, TimelineKind, TimelineRequest } from '../../core/timeline/timeline-page.ts'
import type { Database } from '../schema.ts'
import { type KeySpec, keyAfter, keyExpression, keyOrder, rowKey } from './timeline-keyset.ts'

/** The account a timeline is read for, with what the sources need of it. */
export interface TimelineScope {
  readonly tenantId: number
  readonly accountId: number
  readonly debtorId: number
  /** The tenant's zone: calendar dates sort as its midnight. */
  readonly timeZone: string
}

/** One row of one source, with its timeline key and the value it is dated by. */
export interface TimelineRow<K extends TimelineKind = TimelineKind, R = Record<string, unknown>> {
  readonly kind: K
  /** Which event of the row: a dispute is opened, then verified, then resolved. */
  readonly event: string
  readonly key: TimelineKey
  readonly at: string
  readonly row: R
}

export type Db = Kysely<Database>

const spec = (type: KeySpec['type'], column: string, id: string, rank: number): KeySpec => ({
  type,
  column: sql.ref(column),
  id,
  rank,
})

/** Ranks break ties between items at the same instant (a day's dated items all sit at its midnight). */
export const SPECS = {
  decision: spec('date', 'd.as_of', 'd.id', 1),
  stage_change: spec('date', 'd.as_of', 'd.id', 2),
  transaction: spec('date', 'l.effective_on', 'l.id', 3),
  plan: spec('date', 'p.created_on', 'p.id', 4),
  settlement: spec('date', 's.created_on', 's.id', 5),
  promise: spec('stamp', 'p.created_at', 'p.id', 6),
  hardship: spec('stamp', 'h.created_at', 'h.id', 7),
  dispute_opened: spec('stamp', 'd.received_at', 'd.id', 8),
  dispute_verification: spec('stamp', 'd.verification_sent_at', 'd.id', 9),
  dispute_resolved: spec('stamp', 'd.resolved_at', 'd.id', 10),
  message: spec('stamp', 'm.created_at', 'm.id', 11),
  document: spec('stamp', 'm.created_at', 'm.id', 12),
  call: { type: 'stamp', column: sql`coalesce(t.outcome_at, t.due_at)`, id: 't.id', rank: 13 },
  journal: spec('text', 'j.occurred_at', 'j.id', 14),
} as const satisfies Record<string, KeySpec>

/** The parts of one source's page query: dated `at`, after the cursor, newest first, `limit + 1` rows. */
export function paged(db: Db, s: KeySpec, request: TimelineRequest, zone: string) {
  return {
    at: keyExpression(db, s).as('at'),
    after: keyAfter(db, s, request.after, zone),
    order: keyOrder(db, s),
    limit: request.limit + 1,
  } as const
}

/** A source's rows with their timeline keys. */
export function rows<K extends TimelineKind, R extends { id: number; at: string }>(
  kind: K,
  event: string,
  s: KeySpec,
  found: readonly R[],
  zone: string,
): TimelineRow<K, R>[] {
  return found.map((row) => ({ kind, event, key: rowKey(s, row.at, row.id, zone), at: row.at, row }))
}
