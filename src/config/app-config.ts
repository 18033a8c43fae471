import { MAX_DEMO_ACCOUNTS } from '../core/demo/generate-demo-portfolio.ts'
import { AppError } from '../core/errors/index.ts'
import { type DatabaseConfig, parseDatabaseConfig } from './database-config.ts'
import { OUTREACH_VARIABLES, type OutreachConfig, parseOutreachConfig } from './outreach-config.ts'
import { PORTAL_VARIABLES } from './portal-config.ts'
import { parseWebhookConfig, WEBHOOK_VARIABLES, type WebhookConfig } from './webhook-config.ts'

/**
 * Recoup's configuration: every environment variable the application reads, parsed and checked once
 * at start-up (src/cli/main.ts), so a typo or a malformed value stops the process with one
 * `error [invalid_configuration]` line instead of surfacing later.
 */
export interface AppConfig {
  /** DATABASE_URL and RECOUP_DB_SCHEMA: the system of record (see parseDatabaseConfig). */
  readonly database: DatabaseConfig
  /** PORT: the TCP port `recoup serve` listens on, 1 to 65535 (default 3000; --port overrides it). */
  readonly port: number
  /** HOST: the interface `recoup serve` listens on (default 127.0.0.1, this machine only; --host overrides it). */
  readonly host: string
  /**
   * RECOUP_DEMO_ACCOUNTS: accounts `recoup serve` loads into the demo tenant on its first start,
   * 0 to 10,000,000 (default 10,000); 0 turns the demo load off.
   */
  readonly demoAccounts: number
  /** RECOUP_DEBUG: `1` prints the stack of an unexpected error (default: one line and a hint). */
  readonly debug: boolean
  /**
   * RECOUP_RATE_LIMIT: requests per minute the API accepts from one API key, session or client
   * address, 1 to 1,000,000 (default 6,000); logins are limited separately (10 per minute per address).
   */
  readonly rateLimitPerMinute: number
  /**
   * RECOUP_TRUST_PROXY: the proxies in front of `recoup serve` whose X-Forwarded-For and
   * X-Forwarded-Proto are believed, so that rate limits count the client's address and cookies are
   * Secure over HTTPS: a number of hops (1: one proxy), or comma-separated addresses or CIDR ranges
   * (e.g. `127.0.0.1,10.0.0.0/8`). Default: none (the connection's own address and protocol).
   */
  readonly trustProxy: number | string | false
  /**
   * RECOUP_ADMIN_PASSWORD: the password of the admin the first start creates for the demo tenant
   * (default: the public demo password in the README; at least 12 characters).
   */
  readonly firstAdminPassword: string | undefined
  /** Email, SMS, sinks and the dispatcher (src/config/outreach-config.ts documents each variable). */
  readonly outreach: OutreachConfig
  /** The webhook deliverer and endpoint checks (src/config/webhook-config.ts documents each variable). */
  readonly webhooks: WebhookConfig
}

/**
 * RECOUP_* names read outside the application, which must not be mistaken for typos: the binary's
 * RECOUP_FROM_SOURCE (run the TypeScript sources, bin/recoup.js) and the test suite's settings.
 */
const RECOUP_NAMES_READ_ELSEWHERE = [
  'RECOUP_FROM_SOURCE',
  'RECOUP_TEST_DATABASE_URL',
  'RECOUP_REQUIRE_POSTGRES',
]

/** Every RECOUP_* variable that has a meaning; any other is reported as unknown. */
export const KNOWN_RECOUP_VARIABLES: readonly string[] = [
  'RECOUP_DB_SCHEMA',
  'RECOUP_DEMO_ACCOUNTS',
  'RECOUP_DEBUG',
  'RECOUP_RATE_LIMIT',
  'RECOUP_TRUST_PROXY',
  'RECOUP_ADMIN_PASSWORD',
  // read by `recoup audit anchor` / `audit verify --anchor` only (src/config/audit-key-config.ts)
  'RECOUP_AUDIT_KEY',
  'RECOUP_AUDIT_KEY_FILE',
  // read by `recoup serve` for uploaded import files (src/config/upload-config.ts)
  'RECOUP_DATA_DIR',
  'RECOUP_UPLOAD_LIMIT_MB',
  // read for the debtor portal's links (src/config/portal-config.ts)
  ...PORTAL_VARIABLES,
  ...OUTREACH_VARIABLES,
  ...WEBHOOK_VARIABLES,
  ...RECOUP_NAMES_READ_ELSEWHERE,
]

function invalid(message: string): AppError {
  return new AppError('invalid_configuration', message)
}

/** A whole number from `min` to `max` in variable `name`, or `fallback` when unset or empty. */
function wholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = env[name]?.trim() ?? ''
  if (text === '') return fallback
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw invalid(`${name} must be a whole number from ${min} to ${max}, not "${env[name]}"`)
  return value
}

/** Parses and checks the configuration in `env`; throws `invalid_configuration` naming the variable. */
export function parseAppConfig(env: NodeJS.ProcessEnv): AppConfig {
  const unknown = Object.keys(env).filter(
    (name) => name.startsWith('RECOUP_') && !KNOWN_RECOUP_VARIABLES.includes(name),
  )
  if (unknown.length > 0)
    throw invalid(
      `unknown environment variable ${unknown.join(', ')} (a typo?); known: ${KNOWN_RECOUP_VARIABLES.join(', ')}`,
    )
  const host = env.HOST?.trim() ?? ''
  if (/\s/.test(host)) throw invalid(`HOST must be a host name or address, not "${env.HOST}"`)
  const debug = env.RECOUP_DEBUG?.trim() ?? ''
  if (debug !== '' && debug !== '0' && debug !== '1')
    throw invalid(`RECOUP_DEBUG must be 0 or 1, not "${env.RECOUP_DEBUG}"`)
  return {
    database: parseDatabaseConfig(env),
    port: wholeNumber(env, 'PORT', 3000, 1, 65_535),
    host: host === '' ? '127.0.0.1' : host,
    demoAccounts: wholeNumber(env, 'RECOUP_DEMO_ACCOUNTS', 10_000, 0, MAX_DEMO_ACCOUNTS),
    debug: debugRequested(env),
    rateLimitPerMinute: wholeNumber(env, 'RECOUP_RATE_LIMIT', 6_000, 1, 1_000_000),
    trustProxy: trustProxy(env),
    firstAdminPassword: firstAdminPassword(env),
    outreach: parseOutreachConfig(env),
    webhooks: parseWebhookConfig(env),
  }
}

/** RECOUP_TRUST_PROXY: a hop count of 1 to 10, or addresses / CIDR ranges; unset: trust no proxy. */
function trustProxy(env: NodeJS.ProcessEnv): number | string | false {
  const value = env.RECOUP_TRUST_PROXY?.trim() ?? ''
  if (value === '') return false
  if (/^\d+$/.test(value)) {
    const hops = Number(value)
    if (hops < 1 || hops > 10) throw invalid(`RECOUP_TRUST_PROXY hops must be 1 to 10, not "${value}"`)
    return hops
  }
  for (const part of value.split(',')) {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(part.trim()))
      throw invalid(`RECOUP_TRUST_PROXY must be a hop count or addresses/CIDR ranges, not "${part.trim()}"`)
  }
  return value
}

/** RECOUP_ADMIN_PASSWORD, when set: 12 to 256 characters (never echoed in the error). */
function firstAdminPassword(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.RECOUP_ADMIN_PASSWORD ?? ''
  if (value === '') return undefined
  if (value.length < 12 || value.length > 256)
    throw invalid('RECOUP_ADMIN_PASSWORD must be 12 to 256 characters (its value is not shown)')
  return value
}

/**
 * Whether RECOUP_DEBUG=1 asks for stacks; read on its own so that the error printer can honour it even
 * when the rest of the configuration is what failed.
 */
export function debugRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.RECOUP_DEBUG?.trim() === '1'
}

let loaded: AppConfig | undefined

/** The process's configuration, read from its environment on first use (start-up) and kept. */
export function appConfig(): AppConfig {
  loaded ??= parseAppConfig(process.env)
  return loaded
}
