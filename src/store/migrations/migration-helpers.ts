import { type CreateTableBuilder, type Kysely, sql } from 'kysely'
import { dialectOf } from '../dialect.ts'

/**
 * CHECK that a column holds one of a fixed set of values, spelled as ORs: SQLite evaluates
 * `IN (list)` by building a temporary lookup per row, which measurably slows million-row inserts.
 */
export function oneOf(column: string, values: readonly string[]) {
  return sql.raw(`(${values.map((value) => `${column} = '${value}'`).join(' or ')})`)
}

/**
 * The column types that differ between the databases: the id column (identity vs SQLite rowid), the
 * calendar-date type (PostgreSQL `date`, SQLite text) and the instant type with its default "now".
 */
export function columnTypes(db: Kysely<unknown>) {
  const pg = dialectOf(db) === 'postgres'
  return {
    pg,
    dateType: pg ? 'date' : 'text',
    stampType: pg ? 'timestamptz' : 'text',
    now: pg ? sql`now()` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
    withId: <T extends string>(table: CreateTableBuilder<T, never>) =>
      pg
        ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
        : table.addColumn('id', 'integer', (c) => c.primaryKey()),
  } as const
}
