import { type Kysely, type RawBuilder, sql } from 'kysely'
import { dialectOf } from '../dialect.ts'

/*
 * The few spellings the analytics queries need that differ between SQLite (dates as ISO text, JSON as
 * text) and PostgreSQL (date columns, jsonb operators).
 */

/** "YYYY-MM" of a date column. */
export function monthOfSql(db: Kysely<unknown>, column: RawBuilder<unknown>): RawBuilder<string> {
  return dialectOf(db) === 'postgres'
    ? sql<string>`to_char(${column}, 'YYYY-MM')`
    : sql<string>`substr(${column}, 1, 7)`
}

/** A date column plus a whole number of days. */
export function plusDaysSql(
  db: Kysely<unknown>,
  column: RawBuilder<unknown>,
  days: number,
): RawBuilder<string> {
  return dialectOf(db) === 'postgres'
    ? sql<string>`(${column} + ${sql.lit(days)})`
    : sql<string>`date(${column}, ${sql.lit(`+${days} days`)})`
}

/** A top-level string field of a JSON text column, '' when absent. */
export function jsonTextSql(
  db: Kysely<unknown>,
  column: RawBuilder<unknown>,
  field: string,
): RawBuilder<string> {
  return dialectOf(db) === 'postgres'
    ? sql<string>`coalesce(${column}::jsonb ->> ${sql.lit(field)}, '')`
    : sql<string>`coalesce(json_extract(${column}, ${sql.lit(`$.${field}`)}), '')`
}

/** A date literal of the dialect (PostgreSQL: typed, so it compares and subtracts as a date). */
export function dateLiteralSql(db: Kysely<unknown>, date: string): RawBuilder<string> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date: ${date}`)
  return dialectOf(db) === 'postgres' ? sql<string>`date ${sql.lit(date)}` : sql<string>`${sql.lit(date)}`
}

/** `case <selector> when 0 then <column(0)> when 1 ... end`: picks one of a row's wide columns. */
export function pickSql(
  selector: RawBuilder<unknown>,
  count: number,
  column: (i: number) => string,
): RawBuilder<number> {
  const whens = Array.from({ length: count }, (_, i) => sql`when ${sql.lit(i)} then ${sql.raw(column(i))}`)
  return sql<number>`case ${selector} ${sql.join(whens, sql` `)} end`
}
