import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.ts'
import { payOnPortal } from '../../app/portal/pay-on-portal.ts'
import { getPortalAccount } from '../../app/portal/portal-account.ts'
import {
  disputeOnPortal,
  hardshipOnPortal,
  planOnPortal,
  promiseOnPortal,
} from '../../app/portal/portal-acts.ts'
import { nameAttorneyOnPortal, updatePortalPreferences } from '../../app/portal/portal-debtor-acts.ts'
import { getPortalDocument } from '../../app/portal/portal-document.ts'
import {
  endPortalSession,
  PORTAL_SESSION_POLICY,
  startPortalSession,
} from '../../app/portal/portal-sessions.ts'
import { uploadDisputeDocument } from '../../app/portal/upload-dispute-document.ts'
import { AppError } from '../../core/errors/index.ts'
import type { PaymentProvider } from '../../core/payments/payment-provider.ts'
import type { PortalLinkSettings } from '../../core/portal/portal-link.ts'
import { MAX_UPLOAD_BYTES, UPLOAD_TYPES } from '../../core/portal/upload-type.ts'
import type { Store } from '../../store/connect.ts'
import { PORTAL_COOKIE, readCookie, requestContext } from '../auth/request-context.ts'
import { RateLimiter } from '../security.ts'
import { requireDecimalString } from './payments.route.ts'
import {
  portalAccountSchema,
  portalAttorneySchema,
  portalDisputeDocumentSchema,
  portalDisputeSchema,
  portalDocumentSchema,
  portalHardshipSchema,
  portalLogoutSchema,
  portalPaymentSchema,
  portalPlanSchema,
  portalPreferencesSchema,
  portalPromiseSchema,
  portalSessionSchema,
} from './portal.schema.ts'

/** What the portal routes need besides the store. */
export interface PortalDeps {
  readonly store: Store
  /** Resolved on first use, so a server that never sees a portal request never makes a secret. */
  readonly settings: () => PortalLinkSettings
  readonly provider: PaymentProvider
  /** RECOUP_DATA_DIR: where dispute evidence goes. */
  readonly dataDir: string
  /** Verification attempts per link token and per address in 15 minutes (default 5 and 20). */
  readonly attempts?: { readonly perToken: number; readonly perAddress: number }
}

const BASE = '/api/v1/portal'
const WINDOW_MS = 15 * 60 * 1000

function cookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : ''
  return `${PORTAL_COOKIE}=${value}; Path=${BASE}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`
}

/** Refuses JSON numbers in a body's amount fields (amounts are decimal strings). */
const decimals =
  (...fields: string[]) =>
  async (request: { body: unknown }) => {
    for (const field of fields) requireDecimalString(request.body, field)
  }

/** Reads a POST or PATCH without a body as `{}`. */
const emptyBody = async (request: { body: unknown }) => {
  if (request.body === undefined || request.body === null) request.body = {}
}

/** One act of the debtor: its method, path under /api/v1/portal, schema and use case. */
interface DebtorAct {
  readonly method: 'POST' | 'PATCH'
  readonly path: string
  readonly schema: object
  // biome-ignore lint/suspicious/noExplicitAny: each act's body is checked by its own schema
  readonly run: (ctx: AppContext, body: any, request: FastifyRequest) => Promise<unknown>
}

function debtorActs(deps: PortalDeps): DebtorAct[] {
  return [
    {
      method: 'POST',
      path: '/payments',
      schema: portalPaymentSchema,
      run: (ctx, body: { amount: string; testCard: string }, request) => {
        const key = request.headers['idempotency-key']
        return payOnPortal(ctx, {
          amount: body.amount,
          card: body.testCard,
          provider: deps.provider,
          ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
        })
      },
    },
    { method: 'POST', path: '/plans', schema: portalPlanSchema, run: (ctx, body) => planOnPortal(ctx, body) },
    {
      method: 'POST',
      path: '/promises',
      schema: portalPromiseSchema,
      run: (ctx, body) => promiseOnPortal(ctx, body),
    },
    {
      method: 'POST',
      path: '/disputes',
      schema: portalDisputeSchema,
      run: (ctx, body) => disputeOnPortal(ctx, body),
    },
    {
      method: 'POST',
      path: '/hardship',
      schema: portalHardshipSchema,
      run: (ctx, body) => hardshipOnPortal(ctx, body),
    },
    {
      method: 'POST',
      path: '/attorney',
      schema: portalAttorneySchema,
      run: (ctx, body) => nameAttorneyOnPortal(ctx, body),
    },
    {
      method: 'PATCH',
      path: '/preferences',
      schema: portalPreferencesSchema,
      run: (ctx, body) => updatePortalPreferences(ctx, body),
    },
  ]
}

/**
 * Registers the debtor portal's API under /api/v1/portal (docs/portal.md): the session (public, rate
 * limited per link and per address), logout, the account, its documents, and the debtor's acts. Every
 * route but the session needs the `recoup_portal` cookie (request-context.ts, `config.portal`).
 */
export function registerPortalRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const perToken = new RateLimiter(deps.attempts?.perToken ?? 5, WINDOW_MS)
  const perAddress = new RateLimiter(deps.attempts?.perAddress ?? 20, WINDOW_MS)
  const portal = { portal: true } as const

  app.post<{ Body: { token: string; reference: string; dateOfBirth?: string; postcode?: string } }>(
    `${BASE}/session`,
    { schema: portalSessionSchema, config: { public: true } },
    async (request, reply) => {
      // Counted before anything is checked, by a digest of the token (the token itself is never kept).
      const tokenKey = createHash('sha256').update(request.body.token).digest('hex')
      const byAddress = perAddress.hit(`ip:${request.ip}`)
      const byToken = perToken.hit(`token:${tokenKey}`)
      const refused = !byAddress.allowed ? byAddress : !byToken.allowed ? byToken : null
      if (refused) {
        reply.header('retry-after', String(Math.ceil(refused.resetMs / 1000)))
        throw new AppError(
          'rate_limited',
          `too many attempts with this link or from this address; retry after ${Math.ceil(refused.resetMs / 1000)} s`,
        )
      }
      const session = await startPortalSession(deps.store, deps.settings(), request.body)
      reply.header('set-cookie', cookie(request, session.token, PORTAL_SESSION_POLICY.absoluteMs / 1000))
      return { csrfToken: session.csrfToken, expiresAt: session.expiresAt, idleMinutes: session.idleMinutes }
    },
  )

  app.post(`${BASE}/logout`, { schema: portalLogoutSchema, config: portal }, async (request, reply) => {
    requestContext(request)
    const token = readCookie(request.headers.cookie, PORTAL_COOKIE)
    if (token !== undefined) await endPortalSession(deps.store, token)
    reply.header('set-cookie', cookie(request, '', 0))
    return reply.status(204).send()
  })

  app.get(`${BASE}/account`, { schema: portalAccountSchema, config: portal }, async (request) =>
    getPortalAccount(requestContext(request)),
  )

  app.get<{ Params: { kind: string }; Querystring: { mailingDate?: string } }>(
    `${BASE}/documents/:kind.pdf`,
    { schema: portalDocumentSchema, config: portal },
    async (request, reply) => {
      const document = await getPortalDocument(requestContext(request), {
        kind: request.params.kind,
        ...(request.query.mailingDate ? { mailingDate: request.query.mailingDate } : {}),
      })
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${document.kind}-${document.mailingDate}.pdf"`)
        .header('content-language', document.locale)
        .send(Buffer.from(document.pdf))
    },
  )

  for (const act of debtorActs(deps))
    app.route({
      method: act.method,
      url: `${BASE}${act.path}`,
      schema: act.schema,
      config: portal,
      preValidation: [emptyBody, decimals('amount', 'total', 'downPayment')],
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const result = await act.run(requestContext(request), request.body as never, request)
        return reply.status(act.method === 'PATCH' ? 200 : 201).send(result)
      },
    })

  app.register(async (scope) => {
    for (const type of Object.keys(UPLOAD_TYPES))
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_r, body, done) =>
        done(null, body),
      )
    scope.post<{ Params: { id: number } }>(
      `${BASE}/disputes/:id/documents`,
      { schema: portalDisputeDocumentSchema, config: portal, bodyLimit: MAX_UPLOAD_BYTES },
      async (request, reply) => {
        const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
        if (!Buffer.isBuffer(request.body))
          throw new AppError(
            'unsupported_media_type',
            `send the file itself as the body, with Content-Type ${Object.keys(UPLOAD_TYPES).join(', ')}`,
            { field: 'content-type' },
          )
        const stored = await uploadDisputeDocument(requestContext(request), {
          disputeId: request.params.id,
          contentType: type,
          bytes: request.body,
          dataDir: deps.dataDir,
        })
        return reply.status(201).send(stored)
      },
    )
  })
}
