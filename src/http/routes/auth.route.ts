import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorLabel } from '../../app/actor.ts'
import { logIn, logOut, SESSION_POLICY } from '../../app/auth/sessions.ts'
import { PERMISSION_NAMES, rolesMay } from '../../core/auth/permissions.ts'
import type { Store } from '../../store/connect.ts'
import { readCookie, requestContext, SESSION_COOKIE } from '../auth/request-context.ts'
import { errorResponseSchema } from '../error.schema.ts'

interface LoginRequest {
  Body: { tenant: string; email: string; password: string }
}

const sessionUser = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    email: { type: 'string' },
    role: { type: 'string' },
    tenant: { type: 'string' },
  },
} as const

const loginSchema = {
  summary: 'Log in: open a session',
  description:
    "Checks a staff user's password and sets the `recoup_session` cookie (HttpOnly, SameSite=Strict). " +
    'Every later request that changes something with this cookie must send the answered `csrfToken` in ' +
    'the `X-CSRF-Token` header. Five wrong passwords in a row lock the user for 15 minutes (423).',
  tags: ['auth'],
  body: {
    type: 'object',
    required: ['tenant', 'email', 'password'],
    additionalProperties: false,
    properties: {
      tenant: { type: 'string', minLength: 1, maxLength: 63 },
      email: { type: 'string', minLength: 1, maxLength: 254 },
      password: { type: 'string', minLength: 1, maxLength: 256 },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: { csrfToken: { type: 'string' }, expiresAt: { type: 'string' }, user: sessionUser },
    },
    400: errorResponseSchema,
    401: errorResponseSchema,
    423: errorResponseSchema,
    429: errorResponseSchema,
  },
} as const

const sessionSchema = {
  summary: 'Who am I',
  description: 'The authenticated caller: its kind (user or api_key), id, tenant, roles and client limits.',
  tags: ['auth'],
  response: {
    200: {
      type: 'object',
      properties: {
        actor: { type: 'string', description: 'as the journal records it: "user:3", "api_key:7"' },
        kind: { type: 'string' },
        tenant: { type: 'string' },
        roles: { type: 'array', items: { type: 'string' } },
        clientIds: { type: ['array', 'null'], items: { type: 'integer' } },
        permissions: {
          type: 'array',
          items: { type: 'string' },
          description:
            'what the roles allow (docs/permissions.md): the web app shows only what the caller may do',
        },
        csrfToken: {
          type: ['string', 'null'],
          description:
            'with a session cookie: the token to echo in X-CSRF-Token (so a reloaded web app can go on); null for API keys',
        },
      },
    },
    401: errorResponseSchema,
  },
} as const

function cookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : ''
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`
}

/** Registers POST /api/v1/auth/login (public), POST /api/v1/auth/logout and GET /api/v1/auth/session. */
export function registerAuthRoutes(app: FastifyInstance, deps: { store: Store }): void {
  app.post<LoginRequest>(
    '/api/v1/auth/login',
    { schema: loginSchema, config: { public: true } },
    async (request, reply) => {
      const session = await logIn(deps.store, request.body)
      reply.header('set-cookie', cookie(request, session.token, SESSION_POLICY.absoluteMs / 1000))
      return { csrfToken: session.csrfToken, expiresAt: session.expiresAt, user: session.user }
    },
  )
  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        summary: 'Log out: end the session',
        description: 'Ends the session of the cookie at once and clears the cookie.',
        tags: ['auth'],
        response: { 204: { type: 'null' }, 401: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      requestContext(request)
      const token = readCookie(request.headers.cookie, SESSION_COOKIE)
      if (token !== undefined && request.headers.authorization === undefined) await logOut(deps.store, token)
      reply.header('set-cookie', cookie(request, '', 0))
      return reply.status(204).send()
    },
  )
  app.get('/api/v1/auth/session', { schema: sessionSchema }, async (request) => {
    const { actor } = requestContext(request)
    return {
      actor: actorLabel(actor),
      kind: actor.kind,
      tenant: actor.tenant.slug,
      roles: actor.roles,
      clientIds: actor.clientIds ?? null,
      permissions: PERMISSION_NAMES.filter((permission) => rolesMay(actor.roles, permission)),
      csrfToken: request.sessionCsrfToken,
    }
  })
}
