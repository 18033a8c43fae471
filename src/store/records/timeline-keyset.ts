import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely'
import { localDateAt } from '../../core/calendar/local-date.ts'
import { dateKeyMs, type TimelineKey } from '../../core/timeline/timeline-page.ts'
import { dialectOf } from '../dialect.ts'
import type { Database } from '../schema.ts'

/**
 * The keyset of one timeline source (src/core/timeline/timeline-page.ts): the column its items are
 * dated by, normalised so that the database compares exactly what the cursor holds, and the condition
 * "after the cursor in newest-first order" for that source's rank.
 *
 * - `date` columns (PostgreSQL `date`, SQLite text) sort as midnight of the day in the tenant's zone.
 * - `stamp` columns (PostgreSQL timestamptz, SQLite ISO text) are cut to milliseconds, the precision
 *   of a JavaScript instant and so of the cursor: a microsecond PostgreSQL default would otherwise
 *   fall between two cursors. On SQLite `strftime` rewrites any ISO spelling (no fraction, an offset)
 *   as the canonical `...sssZ` text, which then compares as an instant.
 * - `text` columns hold an ISO instant as text in both databases (the journal's `occurred_at`).
 */
export type KeyColumnType = 'date' | 'stamp' | 'text'

export interface KeySpec {
  readonly type: KeyColumnType
  /** The column (or expression) the items are dated by. */
  readonly column: RawBuilder<unknown>
  /** The row id column, the last tie-breaker. */
  readonly id: string
  readonly rank: number
}

/** The normalised key column, selected as the item's `at` and ordered by. */
export function keyExpression(db: Kysely<Database>, spec: KeySpec): RawBuilder<string> {
  if (spec.type === 'date') return sql<string>`${spec.column}`
  if (dialectOf(db as Kysely<unknown>) === 'postgres')
    return spec.type === 'stamp'
      ? sql<string>`date_trunc('milliseconds', ${spec.column})`
      : sql<string>`date_trunc('milliseconds', cast(${spec.column} as timestamptz))`
  return sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${spec.column})`
}

/** ORDER BY newest first: the key, then the id (the rank is the same for every row of a source). */
export function keyOrder(db: Kysely<Database>, spec: KeySpec): RawBuilder<unknown> {
  return sql`${keyExpression(db, spec)} desc, ${sql.ref(spec.id)} desc`
}

/** Rows of this source that come after `after` in the timeline (all rows without a cursor). */
export function keyAfter(
  db: Kysely<Database>,
  spec: KeySpec,
  after: TimelineKey | undefined,
  timeZone: string,
): Expression<SqlBool> {
  const key = keyExpression(db, spec)
  if (after === undefined) return sql<SqlBool>`${key} is not null`
  let value: string
  let exact = true
  if (spec.type === 'date') {
    // The cursor's day in the zone; its items sort at midnight, so a cursor later that day is after all of them.
    value = localDateAt(new Date(after.ms), timeZone)
    exact = dateKeyMs(value, timeZone) === after.ms
    if (!exact) return sql<SqlBool>`${key} <= ${value}`
  } else value = new Date(after.ms).toISOString()
  if (spec.rank < after.rank) return sql<SqlBool>`${key} <= ${value}`
  if (spec.rank > after.rank) return sql<SqlBool>`${key} < ${value}`
  return sql<SqlBool>`(${key} < ${value} or (${key} = ${value} and ${sql.ref(spec.id)} < ${after.id}))`
}

/** The timeline key of a row read with `keyExpression` as `at`. */
export function rowKey(spec: KeySpec, at: string, id: number, timeZone: string): TimelineKey {
  return { ms: spec.type === 'date' ? dateKeyMs(at, timeZone) : Date.parse(at), rank: spec.rank, id }
}
