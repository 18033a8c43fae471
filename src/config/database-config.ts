import { resolve } from 'node:path'

/** Which database Recoup talks to, read from the environment once at start-up. */
export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string }

/** Default SQLite file, relative to the working directory, when nothing is configured. */
export const DEFAULT_SQLITE_FILE = './data/recoup.sqlite'

/**
 * DATABASE_URL picks the database: `postgres://` or `postgresql://` selects PostgreSQL;
 * `sqlite:PATH` (or a bare path) selects that SQLite file; unset means the embedded default file.
 * RECOUP_DB_SCHEMA (PostgreSQL only) isolates Recoup in a schema, which the tests use.
 */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim()
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const schema = env.RECOUP_DB_SCHEMA?.trim()
    return schema ? { kind: 'postgres', url, schema } : { kind: 'postgres', url }
  }
  const file = url ? url.replace(/^sqlite:(\/\/)?/, '') : DEFAULT_SQLITE_FILE
  return { kind: 'sqlite', file: file === ':memory:' ? file : resolve(file) }
}

/** A description of the database safe to print: never includes a password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'sqlite') return `SQLite ${config.file}`
  const parsed = new URL(config.url)
  return `PostgreSQL ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}${config.schema ? ` schema ${config.schema}` : ''}`
}
