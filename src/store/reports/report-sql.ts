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
