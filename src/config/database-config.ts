import { resolve } from 'node:path'
import { AppError } from '../core/errors/index.ts'

/** Which database Recoup talks to, read from the environment once at start-up. */
export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string }

/** Default SQLite file, relative to the working directory, when nothing is configured. */
export const DEFAULT_SQLITE_FILE = './data/recoup.sqlite'

/** A PostgreSQL schema name Recoup can create and put on the search_path unquoted. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/

/** A URL scheme at the start of a value ("mysql:", "postgress:"); a Windows drive ("C:\") is a path. */
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/

function invalid(message: string): AppError {
  return new AppError('invalid_configuration', message)
}

/** A URL as it may be printed: the password (if any) replaced, and nothing at all when unparsable. */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text)
    if (url.password) url.password = '***'
    return url.href
  } catch {
    const scheme = SCHEME.exec(text)?.[1]
    return scheme ? `${scheme}:...` : '(unparsable)'
  }
}

/**
 * DATABASE_URL picks the database: `postgres://` or `postgresql://` selects PostgreSQL; `sqlite:PATH`
 * (also `sqlite://PATH`) or a plain file path selects that SQLite file; unset or empty means the
 * embedded default file. Any other scheme (`mysql://`, the typo `postgress://`) is refused rather than
 * taken for a file name. RECOUP_DB_SCHEMA (PostgreSQL only) isolates Recoup in a schema, which the
 * tests use. Throws `invalid_configuration` naming the variable.
 */
export function parseDatabaseConfig(env: NodeJS.ProcessEnv): DatabaseConfig {
  const url = env.DATABASE_URL?.trim() ?? ''
  const schema = env.RECOUP_DB_SCHEMA?.trim() ?? ''
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url)
    } catch {
      throw invalid(`DATABASE_URL is not a valid PostgreSQL URL: ${redactUrl(url)}`)
    }
    if (schema === '') return { kind: 'postgres', url }
    if (!SCHEMA_NAME.test(schema))
      throw invalid(`RECOUP_DB_SCHEMA must be a lower-case schema name ([a-z_][a-z0-9_]*), not "${schema}"`)
    return { kind: 'postgres', url, schema }
  }
  if (schema !== '')
    throw invalid(
      'RECOUP_DB_SCHEMA applies to PostgreSQL only; unset it, or set DATABASE_URL to postgres://...',
    )
  let file = url === '' ? DEFAULT_SQLITE_FILE : url
  if (/^sqlite:/.test(url)) file = url.replace(/^sqlite:(\/\/)?/, '')
  else if (SCHEME.test(url) && !/^[a-zA-Z]:[\\/]/.test(url))
    throw invalid(
      `DATABASE_URL must be postgres://..., postgresql://..., sqlite:PATH or a file path, not ${redactUrl(url)}`,
    )
  if (file === '') throw invalid('DATABASE_URL names no SQLite file after "sqlite:"')
  return { kind: 'sqlite', file: file === ':memory:' ? file : resolve(file) }
}

/** The database configuration from `env` (by default the process's). */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return parseDatabaseConfig(env)
}

/** A description of the database safe to print: never includes a password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'sqlite') return `SQLite ${config.file}`
  const parsed = new URL(config.url)
  return `PostgreSQL ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}${config.schema ? ` schema ${config.schema}` : ''}`
}
