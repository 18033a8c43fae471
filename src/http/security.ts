import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../core/errors/index.ts'
import { PORTAL_COOKIE, readCookie, SESSION_COOKIE } from './auth/request-context.ts'

/** Headers on every response: no sniffing, no framing, no referrer, no caching of API answers. */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
} as const

/** An incoming X-Request-Id is kept when it is short and plain; otherwise the server makes one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/

/** Fastify's `genReqId`: the caller's X-Request-Id when well-formed, else a random UUID. */
export function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id']
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
}

/** Sets the security headers, HSTS over HTTPS, and the request id (`X-Request-Id`) on one answer. */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(SECURITY_HEADERS)
  reply.header('x-request-id', request.id)
  if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000')
}

/** Adds the security headers and the request id to every response (see `applySecurityHeaders`). */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    applySecurityHeaders(request, reply)
    done(null, payload)
  })
}

/** A fixed-window counter per key: at most `limit` hits per `windowMs`. In memory, per process. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>()
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts a hit; the answer says whether it is within the limit and when the window resets. */
  hit(key: string, now = Date.now()): { allowed: boolean; remaining: number; resetMs: number } {
    let window = this.windows.get(key)
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size > 100_000) this.sweep(now)
      window = { start: now, count: 0 }
      this.windows.set(key, window)
    }
    window.count++
    return {
      allowed: window.count <= this.limit,
      remaining: Math.max(0, this.limit - window.count),
      resetMs: window.start + this.windowMs - now,
    }
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows)
      if (now - window.start >= this.windowMs) this.windows.delete(key)
  }
}

/**
 * The credential a request counts against besides its address: its API key or session token (a
 * suffix is enough to tell them apart; the whole secret is never kept), if it sends one.
 */
function credentialKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization
  if (auth) return `auth:${auth.slice(-24)}`
  const session = readCookie(request.headers.cookie, SESSION_COOKIE)
  if (session !== undefined) return `session:${session.slice(-24)}`
  const portal = readCookie(request.headers.cookie, PORTAL_COOKIE)
  return portal === undefined ? undefined : `portal:${portal.slice(-24)}`
}

/**
 * Request rate limits, before authentication (so guessing keys is limited too): `perMinute` requests
 * per address and per credential, and 10 logins a minute per address. Over the limit: 429 `rate_limited`
 * with Retry-After. Answers carry RateLimit-Limit and RateLimit-Remaining.
 */
export function registerRateLimits(app: FastifyInstance, perMinute: number, loginsPerMinute = 10): void {
  const requests = new RateLimiter(perMinute, 60_000)
  const logins = new RateLimiter(loginsPerMinute, 60_000)
  app.addHook('onRequest', (request, reply, done) => {
    if (request.url === '/health') return done()
    const isLogin = request.method === 'POST' && request.url.split('?')[0] === '/api/v1/auth/login'
    const limiter = isLogin ? logins : requests
    // Every request counts against its address, and one with a credential against that too: made-up
    // keys cannot each get a fresh budget.
    const credential = isLogin ? undefined : credentialKey(request)
    const byAddress = limiter.hit(`${isLogin ? 'login' : 'ip'}:${request.ip}`)
    const byCredential = credential === undefined ? byAddress : limiter.hit(credential)
    const verdict = byAddress.allowed ? byCredential : byAddress
    reply.header('ratelimit-limit', String(limiter.limit))
    reply.header('ratelimit-remaining', String(verdict.remaining))
    if (!verdict.allowed) {
      reply.header('retry-after', String(Math.ceil(verdict.resetMs / 1000)))
      return done(
        new AppError(
          'rate_limited',
          `more than ${limiter.limit} ${isLogin ? 'logins' : 'requests'} a minute; retry after ${Math.ceil(verdict.resetMs / 1000)} s`,
        ),
      )
    }
    done()
  })
}
