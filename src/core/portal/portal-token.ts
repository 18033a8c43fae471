import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Signed, expiring portal links (docs/portal.md): the token is base64url(JSON payload) + "." +
 * base64url(HMAC-SHA256(secret, first part)). The payload names the tenant and account by internal id
 * (opaque to the debtor, and the token is signed, so changing an id breaks the signature), when it was
 * issued and when it expires (Unix seconds), and the format version. A token proves only that Recoup
 * issued it; the portal still asks the debtor for the account reference and an identity detail.
 */
export interface PortalTokenPayload {
  /** Tenant id. */
  readonly t: number
  /** Account id. */
  readonly a: number
  /** Issued at, Unix seconds. */
  readonly iat: number
  /** Expires at, Unix seconds. */
  readonly exp: number
  /** Format version. */
  readonly v: number
}

/** The token format this code writes and reads. */
export const PORTAL_TOKEN_VERSION = 1

/** Tokens are short; anything longer is not looked at. */
export const MAX_PORTAL_TOKEN_LENGTH = 512

function signature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url')
}

/** Signs a payload into a token. */
export function signPortalToken(secret: string, payload: PortalTokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
  return `${body}.${signature(secret, body)}`
}

/** Why a token is refused (kept for tests and logs; the debtor sees one answer for all of them). */
export type PortalTokenProblem = 'malformed' | 'bad_signature' | 'expired' | 'unsupported_version'

/**
 * The payload of a token signed with `secret` and not expired at `nowSeconds`, or the problem. The
 * signature is compared in constant time before anything in the payload is trusted.
 */
export function verifyPortalToken(
  secret: string,
  token: string,
  nowSeconds: number,
): { ok: true; payload: PortalTokenPayload } | { ok: false; problem: PortalTokenProblem } {
  if (token.length > MAX_PORTAL_TOKEN_LENGTH) return { ok: false, problem: 'malformed' }
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!match?.[1] || !match[2]) return { ok: false, problem: 'malformed' }
  const expected = Buffer.from(signature(secret, match[1]))
  const given = Buffer.from(match[2])
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, problem: 'bad_signature' }
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'))
  } catch {
    return { ok: false, problem: 'malformed' }
  }
  if (!isPayload(payload)) return { ok: false, problem: 'malformed' }
  if (payload.v !== PORTAL_TOKEN_VERSION) return { ok: false, problem: 'unsupported_version' }
  if (payload.exp <= nowSeconds) return { ok: false, problem: 'expired' }
  return { ok: true, payload }
}

function isPayload(value: unknown): value is PortalTokenPayload {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return ['t', 'a', 'iat', 'exp', 'v'].every((k) => Number.isSafeInteger(v[k]))
}
