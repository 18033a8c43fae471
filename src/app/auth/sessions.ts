import { randomBytes } from 'node:crypto'
import { AppError } from '../../core/errors/index.ts'
import {
  findApiKeyWithTenant,
  findSession,
  findUserByEmail,
  insertSession,
  recordLoginOutcome,
  revokeSessionByHash,
  touchApiKey,
  touchSession,
  userClientIds,
} from '../../store/auth.repository.ts'
import type { Store } from '../../store/connect.ts'
import { findTenantById, findTenantBySlug } from '../../store/tenant.repository.ts'
import type { Actor } from '../actor.ts'
import { decoyHash, newToken, passwordMatches, tokenHash } from './credentials.ts'
import { normalizeEmail } from './users.ts'

/** Session and lockout policy (docs/ARCHITECTURE.md, "Authentication"). */
export const SESSION_POLICY = {
  /** A session ends this long after login, whatever happens. */
  absoluteMs: 12 * 60 * 60 * 1000,
  /** ... or after this long without a request. */
  idleMs: 2 * 60 * 60 * 1000,
  /** last_seen_at is written at most this often (one write per minute, not per request). */
  touchEveryMs: 60 * 1000,
  /** This many wrong passwords in a row lock the user ... */
  maxFailedLogins: 5,
  /** ... for this long. */
  lockMs: 15 * 60 * 1000,
} as const

export interface LogInInput {
  readonly tenant: string
  readonly email: string
  readonly password: string
  readonly now?: Date
}

export interface LogInResult {
  /** The session token: goes into the cookie, never into a log or a response body. */
  readonly token: string
  /** Echo it in X-CSRF-Token on every cookie-authenticated request that changes something. */
  readonly csrfToken: string
  readonly expiresAt: string
  readonly user: {
    readonly id: number
    readonly email: string
    readonly role: string
    readonly tenant: string
  }
}

const WRONG = 'the e-mail address or password is wrong, or the user is disabled'

/**
 * Checks a staff user's password and opens a server-side session. Every failure that could tell
 * an attacker something (no such tenant, no such user, disabled, wrong password) is the same
 * `invalid_credentials` and takes the same argon2 time. Five wrong passwords in a row lock the user
 * for 15 minutes (`account_locked`, even with the right password); a success resets the count.
 * Takes the store, not an AppContext: there is no actor before login.
 */
export async function logIn(store: Store, input: LogInInput): Promise<LogInResult> {
  const now = input.now ?? new Date()
  let email: string
  try {
    email = normalizeEmail(input.email)
  } catch {
    await passwordMatches(await decoyHash(), input.password)
    throw new AppError('invalid_credentials', WRONG)
  }
  const tenant = await findTenantBySlug(store.db, input.tenant)
  const user = tenant ? await findUserByEmail(store.db, tenant.id, email) : undefined
  if (!tenant || !user) {
    await passwordMatches(await decoyHash(), input.password)
    throw new AppError('invalid_credentials', WRONG)
  }
  if (user.locked_until !== null && new Date(user.locked_until) > now) {
    throw new AppError('account_locked', `too many failed logins; try again after ${user.locked_until}`, {
      lockedUntil: user.locked_until,
    })
  }
  const matches = await passwordMatches(user.password_hash, input.password)
  if (!matches || user.status !== 'active') {
    if (!matches) {
      const failed = user.failed_logins + 1
      const lock = failed >= SESSION_POLICY.maxFailedLogins
      await recordLoginOutcome(store.db, Number(user.id), {
        failedLogins: lock ? 0 : failed,
        lockedUntil: lock ? new Date(now.getTime() + SESSION_POLICY.lockMs).toISOString() : null,
      })
    }
    throw new AppError('invalid_credentials', WRONG)
  }
  const token = newToken('s')
  const csrfToken = randomBytes(24).toString('base64url')
  const expiresAt = new Date(now.getTime() + SESSION_POLICY.absoluteMs).toISOString()
  await store.db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      tenantId: tenant.id,
      userId: Number(user.id),
      tokenHash: tokenHash(token),
      csrfToken,
      expiresAt,
      now: now.toISOString(),
    })
    await recordLoginOutcome(trx, Number(user.id), {
      failedLogins: 0,
      lockedUntil: null,
      loggedInAt: now.toISOString(),
    })
  })
  return {
    token,
    csrfToken,
    expiresAt,
    user: { id: Number(user.id), email: user.email, role: user.role, tenant: tenant.slug },
  }
}

/** Ends the session of this token (logout); true when there was an open one. */
export async function logOut(store: Store, token: string, now = new Date()): Promise<boolean> {
  return (await revokeSessionByHash(store.db, tokenHash(token), now.toISOString())) > 0
}

/** An authenticated session: the actor it acts as and the token a change must echo. */
export interface SessionActor {
  readonly actor: Actor
  readonly csrfToken: string
  readonly expiresAt: string
}

/**
 * The actor of a session token, or undefined when the token is unknown, revoked, expired (absolute or
 * idle) or its user disabled. Refreshes the idle clock at most once a minute.
 */
export async function actorForSession(
  store: Store,
  token: string,
  now = new Date(),
): Promise<SessionActor | undefined> {
  const found = await findSession(store.db, tokenHash(token))
  if (!found) return undefined
  const { session, user } = found
  if (session.revoked_at !== null || user.status !== 'active') return undefined
  const lastSeen = new Date(session.last_seen_at).getTime()
  if (new Date(session.expires_at) <= now || now.getTime() - lastSeen > SESSION_POLICY.idleMs)
    return undefined
  const tenant = await findTenantById(store.db, Number(session.tenant_id))
  if (!tenant) return undefined
  if (now.getTime() - lastSeen > SESSION_POLICY.touchEveryMs) {
    await touchSession(store.db, Number(session.id), now.toISOString())
  }
  const clients = (await userClientIds(store.db, [Number(user.id)])).get(Number(user.id))
  const actor: Actor = {
    tenant,
    kind: 'user',
    id: String(user.id),
    roles: [user.role],
    ...(clients ? { clientIds: clients } : {}),
  }
  return { actor, csrfToken: session.csrf_token, expiresAt: session.expires_at }
}

/**
 * The actor of an API key, or undefined when the key is unknown or revoked. Records the last-used
 * time (at most once a minute, so a busy integration does not write on every request).
 */
export async function actorForApiKey(
  store: Store,
  key: string,
  now = new Date(),
): Promise<Actor | undefined> {
  const found = await findApiKeyWithTenant(store.db, tokenHash(key))
  if (!found || found.key.revoked_at !== null) return undefined
  const { key: row, tenant } = found
  const lastUsed = row.last_used_at === null ? 0 : new Date(row.last_used_at).getTime()
  if (now.getTime() - lastUsed > SESSION_POLICY.touchEveryMs) {
    await touchApiKey(store.db, Number(row.id), now.toISOString())
  }
  return { tenant, kind: 'api_key', id: String(row.id), roles: [row.role] }
}
