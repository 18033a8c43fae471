import { type Kysely, type RawBuilder, sql } from 'kysely'
import { zoneOffsetSpans } from '../../core/calendar/zone-offset-spans.ts'
import { dialectOf } from '../dialect.ts'
import type { Database } from '../schema.ts'

/** A stored UTC timestamp read as the tenant's wall clock, in each database's terms. */
export interface LocalClock {
  /** "YYYY-MM-DD HH" on the wall clock of the zone. */
  stamp(column: RawBuilder<unknown>): RawBuilder<string>
  /** The calendar day (a date on PostgreSQL, "YYYY-MM-DD" text on SQLite) on the wall clock. */
  day(column: RawBuilder<unknown>): RawBuilder<string>
  /** The day `days` after a `day(...)` value, comparable with a date column. */
  plusDays(day: RawBuilder<string>, days: number): RawBuilder<string>
  /** The month ("YYYY-MM") of a date column. */
  monthOfDate(column: RawBuilder<unknown>): RawBuilder<string>
}

/** A report window as UTC instants [fromIso, toIso), with the tenant's clock to read months and hours in. */
export interface InstantWindow {
  readonly tenantId: number
  readonly fromIso: string
  readonly toIso: string
  readonly clock: LocalClock
}

/**
 * PostgreSQL knows the zone (`at time zone`); SQLite does not, so its timestamps are shifted by the
 * zone's offset as of the instant, from a CASE over the offset changes between `fromMs` and `toMs`
 * (an instant outside keeps the nearest span's offset: callers filter to the window anyway).
 */
export function localClock(db: Kysely<Database>, timeZone: string, fromMs: number, toMs: number): LocalClock {
  if (dialectOf(db as Kysely<unknown>) === 'postgres')
    return {
      stamp: (c) => sql<string>`to_char(${c} at time zone ${timeZone}, 'YYYY-MM-DD HH24')`,
      day: (c) => sql<string>`(${c} at time zone ${timeZone})::date`,
      plusDays: (d, days) => sql<string>`(${d} + ${sql.lit(days)})`,
      monthOfDate: (c) => sql<string>`to_char(${c}, 'YYYY-MM')`,
    }
  const hour = 3_600_000
  const spans = zoneOffsetSpans(timeZone, Math.floor(fromMs / hour) * hour, Math.ceil(toMs / hour) * hour)
  const modifier = (c: RawBuilder<unknown>) => {
    const [first, ...rest] = spans
    if (rest.length === 0) return sql.lit(`${first?.offsetMinutes ?? 0} minutes`)
    const whens = rest.map(
      (s, i) =>
        sql`when ${c} < ${new Date(s.startMs).toISOString()} then ${sql.lit(`${spans[i]?.offsetMinutes} minutes`)}`,
    )
    return sql`case ${sql.join(whens, sql` `)} else ${sql.lit(`${spans.at(-1)?.offsetMinutes} minutes`)} end`
  }
  // A zone at UTC over the whole window (UTC itself, or Iceland) needs no shift: SQLite's date
  // functions are then about twice as fast per row without the modifier.
  if (spans.every((s) => s.offsetMinutes === 0))
    return {
      stamp: (c) => sql<string>`strftime('%Y-%m-%d %H', ${c})`,
      day: (c) => sql<string>`date(${c})`,
      plusDays: (d, days) => sql<string>`date(${d}, ${sql.lit(`+${days} days`)})`,
      monthOfDate: (c) => sql<string>`substr(${c}, 1, 7)`,
    }
  return {
    stamp: (c) => sql<string>`strftime('%Y-%m-%d %H', ${c}, ${modifier(c)})`,
    day: (c) => sql<string>`date(${c}, ${modifier(c)})`,
    plusDays: (d, days) => sql<string>`date(${d}, ${sql.lit(`+${days} days`)})`,
    monthOfDate: (c) => sql<string>`substr(${c}, 1, 7)`,
  }
}
