import { CompiledQuery, type Kysely } from 'kysely'
import { dialectOf } from './dialect.ts'

/**
 * One multi-row INSERT from plain value arrays, sent as a compiled query: the query builder's per-value
 * work (the bulk of a 500-row insert's cost on SQLite) is skipped, and same-sized chunks produce the
 * same SQL text, which SQLite's statement cache then reuses. For the hot write paths only; everything
 * else goes through the builder. `suffix` adds ON CONFLICT / RETURNING clauses.
 */
export async function insertRows<Row = unknown>(
  db: Kysely<unknown>,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  suffix = '',
): Promise<Row[]> {
  if (rows.length === 0) return []
  const postgres = dialectOf(db) === 'postgres'
  let position = 0
  const tuple = () => `(${columns.map(() => (postgres ? `$${++position}` : '?')).join(', ')})`
  const text = `insert into ${table} (${columns.join(', ')}) values ${rows.map(tuple).join(', ')}${suffix}`
  const result = await db.executeQuery<Row>(CompiledQuery.raw(text, rows.flat()))
  return [...result.rows]
}
