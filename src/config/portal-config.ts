import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { AppError } from '../core/errors/index.ts'
import { defaultPublicUrl } from './outreach-config.ts'

/** Shortest secret accepted: 32 characters, so a guessable word never signs a portal link. */
const MIN_SECRET_LENGTH = 32

/** The debtor portal's links: what signs them, where they point and how long they last. */
export interface PortalConfig {
  /**
   * RECOUP_PORTAL_SECRET: the HMAC-SHA256 secret that signs portal links, at least 32 characters.
   * Unset: a random secret is made once and kept in RECOUP_DATA_DIR/portal-secret (mode 0600), so a
   * development `npm start` works without setup and links survive a restart. Never logged.
   */
  readonly secret: string
  /** RECOUP_PUBLIC_URL (shared with the opt-out links): links are `${publicUrl}/pay/<token>`. */
  readonly publicUrl: string
  /** RECOUP_PORTAL_LINK_DAYS: how long a link stays valid, 1 to 90 days (default 14). */
  readonly linkDays: number
}

/** The RECOUP_* variables this file reads (besides RECOUP_PUBLIC_URL and RECOUP_DATA_DIR). */
export const PORTAL_VARIABLES = ['RECOUP_PORTAL_SECRET', 'RECOUP_PORTAL_LINK_DAYS']

const invalid = (message: string) => new AppError('invalid_configuration', message)

/** Reads the portal settings of `env`; throws `invalid_configuration` naming the variable. */
export function portalConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PortalConfig {
  const days = env.RECOUP_PORTAL_LINK_DAYS?.trim() ?? ''
  if (days !== '' && (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > 90))
    throw invalid(`RECOUP_PORTAL_LINK_DAYS must be a whole number of days from 1 to 90, not "${days}"`)
  const publicUrl = env.RECOUP_PUBLIC_URL?.trim() || defaultPublicUrl(env)
  if (!/^https?:\/\//.test(publicUrl))
    throw invalid(`RECOUP_PUBLIC_URL must be an http(s) URL, not "${publicUrl}"`)
  return {
    secret: portalSecret(env),
    publicUrl: publicUrl.replace(/\/$/, ''),
    linkDays: days === '' ? 14 : Number(days),
  }
}

function portalSecret(env: NodeJS.ProcessEnv): string {
  const given = env.RECOUP_PORTAL_SECRET?.trim() ?? ''
  if (given !== '') {
    if (given.length < MIN_SECRET_LENGTH)
      throw invalid(
        `RECOUP_PORTAL_SECRET must be at least ${MIN_SECRET_LENGTH} characters (its value is not shown)`,
      )
    return given
  }
  const file = join(resolve(env.RECOUP_DATA_DIR?.trim() || 'data'), 'portal-secret')
  try {
    const kept = readFileSync(file, 'utf8').trim()
    if (kept.length >= MIN_SECRET_LENGTH) return kept
  } catch {
    // Not made yet: made below.
  }
  const made = randomBytes(32).toString('base64url')
  try {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${made}\n`, { mode: 0o600, flag: 'w' })
    chmodSync(file, 0o600)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unwritable'
    throw invalid(`RECOUP_PORTAL_SECRET is unset and ${file} cannot be written (${reason}); set the variable`)
  }
  return made
}
