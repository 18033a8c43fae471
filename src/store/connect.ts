import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { type DatabaseConfig, describeDatabase } from '../config/database-config.ts'
import { AppError } from '../core/errors/index.ts'
import type { DialectName } from './dialect.ts'
import { migrateToLatest } from './migrate.ts'
import { registerPostgresPool, registerSqliteHandle } from './prepared-query.ts'
import type { Database } from './schema.ts'

/** An open connection to the system of record, with the native handle kept for bulk paths. */
export type Store =
  | {
      readonly dialect: 'sqlite'
      readonly db: Kysely<Database>
      readonly native: SqliteDatabase.Database
      close(): Promise<void>
    }
  | {
      readonly dialect: 'postgres'
      readonly db: Kysely<Database>
      readonly native: pg.Pool
      close(): Promise<void>
    }

function toSafeNumber(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new RangeError(`integer ${text} is beyond the safe range`)
  return value
}

/**
 * Type parsers for PostgreSQL so rows look the same as SQLite's: BIGINT and SUM() results as numbers
 * (amounts are minor units, far inside 2^53), calendar dates as "YYYY-MM-DD", instants as ISO strings.
 */
function postgresTypes(): pg.CustomTypesConfig {
  const { types } = pg
  const parsers: Record<number, (value: string) => unknown> = {
    [types.builtins.INT8]: toSafeNumber,
    [types.builtins.NUMERIC]: (value) => (value.includes('.') ? Number(value) : toSafeNumber(value)),
    [types.builtins.DATE]: (value) => value,
    [types.builtins.TIMESTAMPTZ]: (value) => new Date(value).toISOString(),
    [types.builtins.TIMESTAMP]: (value) => new Date(`${value}Z`).toISOString(),
  }
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      parsers[oid] ?? types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
  }
}

function openSqlite(file: string, create: boolean): Store {
  if (file !== ':memory:') {
    if (!create && !existsSync(file))
      throw new Error(
        'no such file; create it with `recoup tenant create`, `recoup import`, `recoup demo` or `npm start`',
      )
    if (create) mkdirSync(dirname(file), { recursive: true })
  }
  const native = new SqliteDatabase(file, { fileMustExist: !create })
  // WAL lets readers (the HTTP server) run beside one writer; NORMAL sync is durable at checkpoints and
  // safe against corruption, the usual pairing for WAL.
  native.pragma('journal_mode = WAL')
  native.pragma('synchronous = NORMAL')
  native.pragma('foreign_keys = ON')
  native.pragma('busy_timeout = 10000')
  native.pragma('cache_size = -65536')
  const database = withStatementCache(native)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) })
  registerSqliteHandle(db, database)
  return { dialect: 'sqlite', db, native, close: () => db.destroy() }
}

/** Prepared statements kept per SQL text; old ones are dropped first once this many are cached. */
const STATEMENT_CACHE_SIZE = 256

/**
 * The native handle as Kysely sees it, with `prepare` answered from a cache keyed by SQL text: Kysely's
 * SQLite driver prepares every query it runs, which cost more than executing the batch statements of
 * the engine and the payment paths. Reuse is safe because Kysely runs one query at a time per
 * connection, and SQLite re-prepares a cached statement itself after a schema change.
 */
function withStatementCache(native: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>()
  const prepare = (source: string) => {
    let statement = cache.get(source)
    if (statement === undefined) {
      statement = native.prepare(source)
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string)
      cache.set(source, statement)
    }
    return statement
  }
  return new Proxy(native, {
    get(target, property) {
      if (property === 'prepare') return prepare
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

async function openPostgres(url: string, schema: string | undefined): Promise<Store> {
  if (schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema))
      throw new AppError('invalid_configuration', `invalid schema name "${schema}"`)
    const admin = new pg.Client({ connectionString: url })
    await admin.connect().catch(async (error: unknown) => {
      await admin.end().catch(() => {})
      throw error
    })
    try {
      await admin.query(`create schema if not exists ${schema}`)
    } finally {
      await admin.end()
    }
  }
  const native = new pg.Pool({
    connectionString: url,
    max: 10,
    types: postgresTypes(),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  })
  // The pool connects lazily; one connection now makes an unreachable server fail here, at the open.
  try {
    ;(await native.connect()).release()
  } catch (error) {
    await native.end().catch(() => {})
    throw error
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: native }) })
  registerPostgresPool(db, native)
  return { dialect: 'postgres', db, native, close: () => db.destroy() }
}

/** What went wrong opening a database, in words: the driver's code where it has one. */
function connectionProblem(error: unknown): string {
  const failure = error as { code?: string; message?: string; errors?: { code?: string }[] }
  const code = failure.code ?? failure.errors?.[0]?.code
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host not found (DNS lookup failed)',
    ETIMEDOUT: 'connection timed out',
    ECONNRESET: 'connection reset by the server',
    EACCES: 'permission denied',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is not a folder',
    EEXIST: 'a part of the path is a file, not a folder',
    '3D000': failure.message ?? 'the database does not exist',
    '28P01': 'password authentication failed',
    '28000': failure.message ?? 'authentication refused',
    '57P03': 'the server is starting up or shutting down',
    SQLITE_CANTOPEN: 'unable to open the file (missing folder or no permission)',
    SQLITE_READONLY: 'the file is read-only',
    SQLITE_NOTADB: 'the file is not a SQLite database',
  }
  if (code !== undefined && Object.hasOwn(known, code)) return known[code] as string
  return (failure.message || String(error)).split('\n')[0] ?? 'unknown error'
}

/**
 * The one-line error for a database that cannot be opened, naming it without its password (a
 * connection string's password never reaches the message: only describeDatabase's parts do).
 */
function databaseUnavailable(config: DatabaseConfig, error: unknown): AppError {
  const what = describeDatabase(config)
  return new AppError(
    'database_unavailable',
    `cannot ${config.kind === 'sqlite' ? 'open' : 'connect to'} ${what}: ${connectionProblem(error)}`,
  )
}

/**
 * Opens the configured database and brings its schema up to date. `create: false` (read-only
 * commands) refuses a SQLite file that does not exist rather than creating it and its folder. A
 * database that cannot be reached or opened is one `database_unavailable` error.
 */
export async function openStore(
  config: DatabaseConfig,
  options: { migrate?: boolean; create?: boolean } = {},
): Promise<Store> {
  let store: Store
  try {
    store =
      config.kind === 'sqlite'
        ? openSqlite(config.file, options.create !== false)
        : await openPostgres(config.url, config.schema)
  } catch (error) {
    if (error instanceof AppError) throw error
    throw databaseUnavailable(config, error)
  }
  if (options.migrate !== false) {
    try {
      await migrateToLatest(
        store.db as Kysely<unknown>,
        config.kind === 'postgres' ? config.schema : undefined,
      )
    } catch (error) {
      await store.close()
      throw error
    }
  }
  return store
}

export type { DialectName }
