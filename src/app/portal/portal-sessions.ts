import { randomBytes, timingSafeEqual } from 'node:crypto'
import { parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { identityMatches, type PortalIdentity } from '../../core/portal/portal-identity.ts'
import type { PortalLinkSettings } from '../../core/portal/portal-link.ts'
import { verifyPortalToken } from '../../core/portal/portal-token.ts'
import type { Store } from '../../store/connect.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { portalAccountHeader, portalAccountIdentity } from '../../store/portal/portal-account.repository.ts'
import {
  countPortalLinkFailure,
  portalLinkLocked,
} from '../../store/portal/portal-link-failure.repository.ts'
import {
  findPortalSession,
  insertPortalSession,
  revokePortalSession,
  touchPortalSession,
} from '../../store/portal/portal-session.repository.ts'
import { findTenantById, type Tenant } from '../../store/tenant.repository.ts'
import { type Actor, actorLabel, debtorActor } from '../actor.ts'
import { tokenHash } from '../auth/credentials.ts'

/** The portal's session policy (docs/portal.md, "Sessions"). */
export const PORTAL_SESSION_POLICY = {
  /** A session ends this long after it starts, whatever happens ... */
  absoluteMs: 60 * 60 * 1000,
  /** ... or after this long without a request. */
  idleMs: 15 * 60 * 1000,
  /** last_seen_at is written at most this often. */
  touchEveryMs: 60 * 1000,
  /**
   * Every verification takes at least this long, success or failure, so the time of the answer does
   * not tell whether the link was forged, the account exists or only the identity was wrong.
   */
  verifyFloorMs: 250,
  /**
   * A link answered wrong this many times over its whole life is locked for good (a new link from
   * staff opens the account again): the per-window limit alone would let a postcode be guessed in
   * rounds of 5 over the link's 14 days.
   */
  maxFailuresPerLink: 10,
} as const

/** What the debtor sends to open a session. */
export interface StartPortalSessionInput {
  /** The token of the link (`/pay/<token>`). */
  readonly token: string
  /** The account's external reference, as the letters and messages show it. */
  readonly reference: string
  readonly dateOfBirth?: string
  readonly postcode?: string
  readonly now?: Date
}

export interface PortalSessionStarted {
  /** The session token: goes into the `recoup_portal` cookie, never into a body or a log. */
  readonly token: string
  readonly csrfToken: string
  readonly expiresAt: string
  readonly idleMinutes: number
}

const FAILED =
  'the link, the account reference or the details given do not match our records, or the link has expired'

/** The one answer to every failed verification. */
export function verificationFailed(): AppError {
  return new AppError('portal_verification_failed', FAILED)
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a.normalize('NFC').trim().toUpperCase())
  const right = Buffer.from(b.normalize('NFC').trim().toUpperCase())
  return left.length === right.length && timingSafeEqual(left, right)
}

/** The identity detail given: exactly one of a date of birth (YYYY-MM-DD) and a postcode. */
function identityOf(input: StartPortalSessionInput): PortalIdentity {
  if ((input.dateOfBirth === undefined) === (input.postcode === undefined))
    throw new AppError('invalid_request', 'give exactly one of dateOfBirth (YYYY-MM-DD) and postcode', {
      field: 'dateOfBirth',
    })
  if (input.dateOfBirth !== undefined) {
    const parsed = parseLocalDate(input.dateOfBirth)
    if (!parsed.ok)
      throw new AppError('invalid_date', `dateOfBirth: ${parsed.reason}; use YYYY-MM-DD`, {
        field: 'dateOfBirth',
      })
    return { dateOfBirth: parsed.date }
  }
  return { postcode: input.postcode ?? '' }
}

/**
 * Opens a portal session when the link is Recoup's, unexpired, and the reference and the date of
 * birth or postcode match the debtor of its account. Every failure (forged or altered link, expired,
 * unknown tenant or account, wrong reference, wrong detail) is the same `portal_verification_failed`
 * (401) after the same minimum time. Success is journaled with the debtor as actor. Takes the store:
 * there is no actor before verification. Attempts are rate-limited by the route (per token, per address).
 */
export async function startPortalSession(
  store: Store,
  settings: PortalLinkSettings,
  input: StartPortalSessionInput,
): Promise<PortalSessionStarted> {
  const identity = identityOf(input)
  const now = input.now ?? new Date()
  const floor = new Promise((resolve) => setTimeout(resolve, PORTAL_SESSION_POLICY.verifyFloorMs))
  try {
    const verified = verifyPortalToken(settings.secret, input.token, Math.floor(now.getTime() / 1000))
    const tenant = verified.ok ? await findTenantById(store.db, verified.payload.t) : undefined
    const account =
      verified.ok && tenant ? await portalAccountIdentity(store.db, tenant.id, verified.payload.a) : undefined
    // Both checks run whatever the other says: no answer is faster for a right reference alone.
    const referenceOk = sameText(account?.externalId ?? '\u0000', input.reference)
    const identityOk = identityMatches(identity, account ?? { datesOfBirth: [], postcodes: [] })
    if (!tenant || !account) throw verificationFailed()
    // A locked link fails like any other failure, even with the right details: nothing tells it apart.
    const linkHash = tokenHash(input.token)
    const locked = await portalLinkLocked(store.db, linkHash)
    if (locked || !referenceOk || !identityOk) {
      if (!locked) await countFailure(store, tenant, account, linkHash, now)
      throw verificationFailed()
    }
    const token = `rcp_p_${randomBytes(32).toString('base64url')}`
    const csrfToken = randomBytes(24).toString('base64url')
    const expiresAt = new Date(now.getTime() + PORTAL_SESSION_POLICY.absoluteMs).toISOString()
    await store.db.transaction().execute(async (trx) => {
      await insertPortalSession(trx, {
        tenantId: tenant.id,
        accountId: account.accountId,
        debtorId: account.debtorId,
        tokenHash: tokenHash(token),
        csrfToken,
        expiresAt,
        now: now.toISOString(),
      })
      await appendJournalEvent(trx, {
        tenantId: tenant.id,
        type: 'portal.session_started',
        actor: actorLabel(debtorActor(tenant, account.debtorId, account.externalId)),
        subject: `account:${account.accountId}`,
        payload: { by: 'dateOfBirth' in identity ? 'date_of_birth' : 'postcode', expiresAt },
      })
    })
    return { token, csrfToken, expiresAt, idleMinutes: PORTAL_SESSION_POLICY.idleMs / 60_000 }
  } finally {
    await floor
  }
}

/** Counts a failed verification of a genuine link; journals `portal.link_locked` when it locks it. */
async function countFailure(
  store: Store,
  tenant: Tenant,
  account: { accountId: number },
  linkHash: string,
  now: Date,
): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    const lockedNow = await countPortalLinkFailure(trx, {
      tokenHash: linkHash,
      tenantId: tenant.id,
      accountId: account.accountId,
      limit: PORTAL_SESSION_POLICY.maxFailuresPerLink,
      at: now.toISOString(),
    })
    if (lockedNow)
      await appendJournalEvent(trx, {
        tenantId: tenant.id,
        type: 'portal.link_locked',
        actor: 'system:portal',
        subject: `account:${account.accountId}`,
        payload: { failures: PORTAL_SESSION_POLICY.maxFailuresPerLink },
      })
  })
}

/** A live portal session: the debtor actor, the account it is bound to and the token a change echoes. */
export interface PortalSessionActor {
  readonly actor: Actor
  /** The account's internal id and external id. */
  readonly accountId: number
  readonly account: string
  readonly debtorId: number
  readonly csrfToken: string
  readonly expiresAt: string
}

/**
 * The debtor actor of a portal session token, or undefined when it is unknown, ended, past its 60
 * minutes or idle for more than 15, or its account is gone. Moves the idle clock (at most once a minute).
 */
export async function actorForPortalSession(
  store: Store,
  token: string,
  now = new Date(),
): Promise<PortalSessionActor | undefined> {
  if (!token.startsWith('rcp_p_') || token.length > 128) return undefined
  const session = await findPortalSession(store.db, tokenHash(token))
  if (!session || session.revoked_at !== null) return undefined
  const lastSeen = new Date(session.last_seen_at).getTime()
  if (new Date(session.expires_at) <= now || now.getTime() - lastSeen > PORTAL_SESSION_POLICY.idleMs)
    return undefined
  const tenant = await findTenantById(store.db, Number(session.tenant_id))
  if (!tenant) return undefined
  const header = await portalAccountHeader(store.db, tenant.id, Number(session.account_id))
  if (!header) return undefined
  if (now.getTime() - lastSeen > PORTAL_SESSION_POLICY.touchEveryMs)
    await touchPortalSession(store.db, Number(session.id), now.toISOString())
  return {
    actor: debtorActor(tenant, Number(session.debtor_id), header.externalId),
    accountId: Number(session.account_id),
    account: header.externalId,
    debtorId: Number(session.debtor_id),
    csrfToken: session.csrf_token,
    expiresAt: new Date(session.expires_at).toISOString(),
  }
}

/** Ends the portal session of this token (logout); true when there was an open one. */
export async function endPortalSession(store: Store, token: string, now = new Date()): Promise<boolean> {
  return (await revokePortalSession(store.db, tokenHash(token), now.toISOString())) > 0
}
