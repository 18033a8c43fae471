import type SqliteDatabase from 'better-sqlite3'
import { type Compilable, CompiledQuery, type Kysely } from 'kysely'
import type pg from 'pg'
import { type DialectName, dialectOf } from './dialect.ts'
import type { Database } from './schema.ts'

/** The SQLite handle (with its statement cache) behind each SQLite store's Kysely instance. */
const sqliteHandles = new WeakMap<object, SqliteDatabase.Database>()

/** Called by connect.ts when it opens a SQLite store. */
export function registerSqliteHandle(db: Kysely<Database>, handle: SqliteDatabase.Database): void {
  sqliteHandles.set(db, handle)
}

/** The pool behind each PostgreSQL store's Kysely instance (its transactions are other objects). */
const postgresPools = new WeakMap<object, pg.Pool>()

/** Called by connect.ts when it opens a PostgreSQL store. */
export function registerPostgresPool(db: Kysely<Database>, pool: pg.Pool): void {
  postgresPools.set(db, pool)
}

/** Names of the server-side prepared statements, one per prepared query (each connection prepares it once). */
let statements = 0

/** Stands in for an argument while a prepared query is built; its index says which one. */
class Slot {
  constructor(readonly index: number) {}
}

interface Compiled {
  readonly sql: string
  /** The name of its PostgreSQL prepared statement. */
  readonly name: string
  /** For each bound parameter, the argument it takes (a number) or the constant the builder used. */
  readonly parameters: readonly ({ readonly arg: number } | { readonly value: unknown })[]
}

/**
 * A query of the hot paths (authentication, the account read) built and compiled once per dialect
 * instead of on every request: Kysely's builder and compiler cost more than SQLite's execution of a
 * short indexed query. `build` receives one placeholder per argument and must use each as a
 * plain value (`where(col, '=', p)`), never in `in` lists or raw SQL text; the SQL does not depend on
 * the arguments, so the text compiled the first time serves every call. The SQL is the same for a
 * transaction and its database, and SQLite's statement cache (connect.ts) prepares it once. On
 * PostgreSQL, outside a transaction, it runs as a named prepared statement: each pooled connection
 * parses and plans it once instead of on every call.
 *
 *   const findKey = preparedQuery((db, hash) => db.selectFrom('api_keys').selectAll()
 *     .where('token_hash', '=', hash as string))
 *   const rows = await findKey(db, tokenHash)
 */
export function preparedQuery<R, A extends unknown[]>(
  build: (db: Kysely<Database>, ...args: A) => Compilable<R>,
): (db: Kysely<Database>, ...args: A) => Promise<R[]> {
  const compiled = compiler(build)
  return async (db, ...args) => {
    const { sql, name, parameters } = compiled(db, args)
    // SQLite outside any transaction: the statement runs synchronously, so nothing can interleave with
    // it, which is all Kysely's connection mutex would ensure; its executor costs more than the query.
    // Inside a transaction (the caller's, or another request's that is open on the one connection),
    // the query goes through Kysely and waits its turn like any other.
    const handle = sqliteHandles.get(db)
    if (handle !== undefined && !handle.inTransaction) return handle.prepare(sql).all(parameters) as R[]
    // PostgreSQL on the store itself (a transaction is another object, and goes through Kysely on its
    // own connection): the pool runs the named statement on whichever connection it hands out.
    const pool = postgresPools.get(db)
    if (pool !== undefined) {
      try {
        const result = await pool.query({ name, text: sql, values: parameters })
        return result.rows as R[]
      } catch (error) {
        // A table changed under a statement prepared earlier ("cached plan must not change result
        // type"): that connection's statement is stale; the unnamed statement below is planned anew.
        if ((error as { code?: string }).code !== '0A000') throw error
      }
    }
    const result = await db.executeQuery<R>(CompiledQuery.raw(sql, parameters))
    return result.rows as R[]
  }
}

/**
 * `preparedQuery` for the bulk reads (the Metro 2 export's batches): each row comes back as an array of
 * its values in the order the query selects them, without a property name per value. SQLite builds no
 * object per row (its raw mode, about 40% cheaper on a 5,000-row batch); through Kysely (PostgreSQL, a
 * transaction) the row object's values are taken in column order, so the selected names must differ.
 */
export function preparedRowsQuery<A extends unknown[]>(
  build: (db: Kysely<Database>, ...args: A) => Compilable<unknown>,
): (db: Kysely<Database>, ...args: A) => Promise<unknown[][]> {
  const compiled = compiler(build)
  return async (db, ...args) => {
    const { sql, parameters } = compiled(db, args)
    const handle = sqliteHandles.get(db)
    if (handle !== undefined && !handle.inTransaction) {
      // The statement is shared by SQL text (connect.ts): raw for this call only, whatever happens.
      const statement = handle.prepare(sql)
      statement.raw(true)
      try {
        return statement.all(parameters) as unknown[][]
      } finally {
        statement.raw(false)
      }
    }
    const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(sql, parameters))
    return result.rows.map((row) => Object.values(row))
  }
}

/** The SQL compiled once per dialect and the parameters of one call. */
function compiler<A extends unknown[]>(
  build: (db: Kysely<Database>, ...args: A) => Compilable<unknown>,
): (db: Kysely<Database>, args: A) => { sql: string; name: string; parameters: unknown[] } {
  const compiled = new Map<DialectName, Compiled>()
  return (db, args) => {
    const dialect = dialectOf(db as Kysely<unknown>)
    let query = compiled.get(dialect)
    if (!query) {
      const slots = args.map((_, i) => new Slot(i)) as unknown as A
      const first = build(db, ...slots).compile()
      query = {
        sql: first.sql,
        name: `recoup_prepared_${++statements}`,
        parameters: first.parameters.map((p) => (p instanceof Slot ? { arg: p.index } : { value: p })),
      }
      const bound = new Set(query.parameters.flatMap((p) => ('arg' in p ? [p.arg] : [])))
      if (bound.size !== args.length)
        throw new Error('preparedQuery: every argument must be bound as a plain value')
      compiled.set(dialect, query)
    }
    return {
      sql: query.sql,
      name: query.name,
      parameters: query.parameters.map((p) => ('arg' in p ? args[p.arg] : p.value)),
    }
  }
}
