import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.ts'
import { actorForApiKey, actorForSession } from '../../app/auth/sessions.ts'
import { actorForPortalSession, type PortalSessionActor } from '../../app/portal/portal-sessions.ts'
import { AppError } from '../../core/errors/index.ts'
import type { Store } from '../../store/connect.ts'
import { errorResponseSchema } from '../error.schema.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `true` on the few routes anyone may call (health, login); every other route needs credentials. */
    readonly public?: boolean
    /**
     * `true` on the debtor portal's routes (/api/v1/portal/...): they take the `recoup_portal` cookie
     * only, never an API key or a staff session (docs/portal.md).
     */
    readonly portal?: boolean
  }
  interface FastifyRequest {
    /** The use-case context of the authenticated caller (null on public routes). */
    appContext: AppContext | null
    /** The CSRF token of the session cookie that authenticated the request (null for API keys). */
    sessionCsrfToken: string | null
    /** The debtor's portal session on portal routes (null elsewhere). */
    portalSession: PortalSessionActor | null
  }
}

/** The session cookie's name. HttpOnly, SameSite=Strict, Secure over HTTPS. */
export const SESSION_COOKIE = 'recoup_session'

/** The debtor portal's session cookie: HttpOnly, SameSite=Strict, Path=/api/v1/portal, Secure over HTTPS. */
export const PORTAL_COOKIE = 'recoup_portal'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The value of one cookie in a Cookie header, if present. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function unauthenticated(message: string): AppError {
  return new AppError('unauthenticated', message)
}

/**
 * The one authentication mechanism of the API: an onRequest hook on the root instance, so every
 * route, including routes registered later by any module and the 404 handler, gets it without
 * asking. A route is public only with `config: { public: true }`.
 *
 * - `Authorization: Bearer <api key>` acts as the key (its tenant, its role);
 * - otherwise the `recoup_session` cookie acts as the logged-in user; a request that may change
 *   something (not GET/HEAD/OPTIONS) must echo the session's CSRF token in `X-CSRF-Token`;
 * - the tenant is the credential's: a path naming another tenant (`:tenant`) answers 404
 *   `tenant_not_found`, exactly as for a tenant that does not exist, so nothing leaks across tenants.
 * Handlers then take `requestContext(request)` and pass it to the use case, which checks the role.
 */
export function registerAuthentication(app: FastifyInstance, store: Store): void {
  app.decorateRequest('appContext', null)
  app.decorateRequest('sessionCsrfToken', null)
  app.decorateRequest('portalSession', null)
  // Every route's OpenAPI entry says how it is reached: public routes need nothing, the others
  // answer 401, 403 and 429 in the error format besides their own answers.
  app.addHook('onRoute', (route) => {
    if (route.schema?.hide) return
    route.schema ??= {}
    const schema = route.schema as Record<string, unknown>
    if (route.config?.public === true) {
      schema.security = []
      return
    }
    if (route.config?.portal === true) schema.security = [{ portalSession: [] }]
    const response = (schema.response ?? {}) as Record<string, unknown>
    schema.response = {
      ...response,
      401: errorResponseSchema,
      403: errorResponseSchema,
      429: errorResponseSchema,
    }
  })
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // `routeOptions` is a getter that builds an object on each read: read it once.
    const config = request.routeOptions.config
    if (config?.public === true) return
    if (config?.portal === true) {
      await authenticatePortal(request, store)
      return
    }
    const authorization = request.headers.authorization
    let ctx: AppContext | undefined
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
      if (!match?.[1]) throw unauthenticated('the Authorization header must be "Bearer <api key>"')
      const actor = await actorForApiKey(store, match[1])
      if (!actor) throw unauthenticated('the API key is unknown or revoked')
      ctx = { store, actor }
    } else {
      const token = readCookie(request.headers.cookie, SESSION_COOKIE)
      if (token === undefined) {
        reply.header('www-authenticate', 'Bearer')
        throw unauthenticated(
          'this endpoint needs credentials: log in (POST /api/v1/auth/login) or send Authorization: Bearer <api key>',
        )
      }
      const session = await actorForSession(store, token)
      if (!session) throw unauthenticated('the session has expired or ended; log in again')
      if (!SAFE_METHODS.has(request.method)) {
        const echoed = request.headers['x-csrf-token']
        if (typeof echoed !== 'string' || !sameSecret(echoed, session.csrfToken)) {
          throw new AppError(
            'csrf_failed',
            'a change made with a session cookie must send the X-CSRF-Token header the login answered',
          )
        }
      }
      ctx = { store, actor: session.actor }
      request.sessionCsrfToken = session.csrfToken
    }
    const slug = (request.params as Record<string, unknown> | undefined)?.tenant
    if (typeof slug === 'string' && slug !== ctx.actor.tenant.slug) {
      throw new AppError('tenant_not_found', `no tenant "${slug}"`, { tenant: slug })
    }
    request.appContext = ctx
  })
}

/**
 * The portal's authentication: the `recoup_portal` cookie and nothing else (an Authorization header is
 * refused, so a staff key never acts on the portal), CSRF on every change, as for staff sessions.
 */
async function authenticatePortal(request: FastifyRequest, store: Store): Promise<void> {
  if (request.headers.authorization !== undefined)
    throw unauthenticated('the portal takes its own session only (the recoup_portal cookie), not an API key')
  const token = readCookie(request.headers.cookie, PORTAL_COOKIE)
  if (token === undefined)
    throw unauthenticated(
      'this portal endpoint needs a portal session: open your link and confirm your details',
    )
  const session = await actorForPortalSession(store, token)
  if (!session) throw unauthenticated('the portal session has expired or ended; open your link again')
  if (!SAFE_METHODS.has(request.method)) {
    const echoed = request.headers['x-csrf-token']
    if (typeof echoed !== 'string' || !sameSecret(echoed, session.csrfToken))
      throw new AppError(
        'csrf_failed',
        'a change made with the portal session must send the X-CSRF-Token header the session answered',
      )
  }
  request.portalSession = session
  request.appContext = { store, actor: session.actor }
}

/** The authenticated caller's use-case context; a route that is not public always has one. */
export function requestContext(request: FastifyRequest): AppContext {
  if (!request.appContext) throw unauthenticated('this endpoint needs credentials')
  return request.appContext
}
