import { join } from 'node:path'
import swagger from '@fastify/swagger'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify'
import { appConfig } from '../config/app-config.ts'
import { NO_SINKS, type SinkFolders } from '../config/outreach-config.ts'
import { portalConfigFromEnv } from '../config/portal-config.ts'
import { type UploadConfig, uploadConfigFromEnv } from '../config/upload-config.ts'
import type { PaymentProvider } from '../core/payments/payment-provider.ts'
import type { PortalLinkSettings } from '../core/portal/portal-link.ts'
import { testPaymentProvider } from '../portal/test-payment-provider.ts'
import type { Store } from '../store/connect.ts'
import { APP_VERSION } from './app-version.ts'
import { registerAuthentication } from './auth/request-context.ts'
import { replyClientError, replyNotFound, replyWithError } from './http-errors.ts'
import { registerIdempotency } from './idempotency.ts'
import { installJsonBodyParser } from './json-body.ts'
import { loggerOptions } from './logger-options.ts'
import { applyOpenApiConventions } from './openapi-conventions.ts'
import { applyRouteRules, replyMethodNotAllowed } from './route-rules.ts'
import { registerAccessRoutes } from './routes/access.route.ts'
import { registerAccountActionRoutes } from './routes/account-actions.route.ts'
import { registerAccountsRoutes } from './routes/accounts.route.ts'
import { registerAgingRoute } from './routes/aging.route.ts'
import { registerApprovalRoutes } from './routes/approvals.route.ts'
import { registerAuditRoutes } from './routes/audit.route.ts'
import { registerAuthRoutes } from './routes/auth.route.ts'
import { registerBureauRoutes } from './routes/bureau.route.ts'
import { registerCaseRoutes } from './routes/cases.route.ts'
import { registerComplianceRoute } from './routes/compliance.route.ts'
import { registerCreditRoutes } from './routes/credit.route.ts'
import { registerDashboardRoute } from './routes/dashboard.route.ts'
import { registerDebtorsRoutes } from './routes/debtors.route.ts'
import { registerDisputeEvidenceRoutes } from './routes/dispute-evidence.route.ts'
import { registerDocsRoutes } from './routes/docs.route.ts'
import { registerDocumentRoutes } from './routes/documents.route.ts'
import { registerEvidencePackRoutes } from './routes/evidence-pack.route.ts'
import { registerHealthRoute } from './routes/health.route.ts'
import { registerImportRoutes } from './routes/imports.route.ts'
import { registerMessagesRoute } from './routes/messages.route.ts'
import { registerOpenApiRoute } from './routes/openapi.route.ts'
import { registerPaymentRecordsRoutes } from './routes/payment-records.route.ts'
import { registerPaymentReversalRoute } from './routes/payment-reversal.route.ts'
import { registerPaymentsRoute } from './routes/payments.route.ts'
import { registerPlacementRoutes } from './routes/placements.route.ts'
import { registerPlaybookRoutes } from './routes/playbooks.route.ts'
import { registerPortalRoutes } from './routes/portal.route.ts'
import { registerPortalLinkRoute } from './routes/portal-link.route.ts'
import { registerReportRoutes } from './routes/reports.route.ts'
import { registerRunRoutes } from './routes/runs.route.ts'
import { registerSalesRoutes } from './routes/sales.route.ts'
import { registerSinkRoutes } from './routes/sink.route.ts'
import { registerSmsWebhookRoutes, type SmsWebhookDeps } from './routes/sms-webhooks.route.ts'
import { registerTasksRoutes } from './routes/tasks.route.ts'
import { registerTenantSettingsRoutes } from './routes/tenant-settings.route.ts'
import { registerTimelineRoute } from './routes/timeline.route.ts'
import { registerUnmatchedCreditsRoutes } from './routes/unmatched-credits.route.ts'
import { registerUnsubscribeRoutes } from './routes/unsubscribe.route.ts'
import { registerWebRoutes } from './routes/web.route.ts'
import { registerWebhookRoutes } from './routes/webhooks.route.ts'
import { applySecurityHeaders, registerRateLimits, registerSecurityHeaders, requestId } from './security.ts'
import { validatorCompiler } from './validator-compiler.ts'

export interface ServerOptions {
  /** Log requests and errors as JSON lines on stdout (default); tests turn it off. */
  readonly logger?: boolean
  /** Where log lines go instead of stdout (tests read them back). */
  readonly logStream?: { write(line: string): void }
  readonly version?: string
  /** Requests per minute per credential or address (default: RECOUP_RATE_LIMIT, 6,000). */
  readonly rateLimitPerMinute?: number
  /** Proxies whose X-Forwarded-* headers are believed (default: RECOUP_TRUST_PROXY; none). */
  readonly trustProxy?: number | string | false
  /** Logins per minute per address (default 10). */
  readonly loginsPerMinute?: number
  /** The SMS provider's callbacks (receipts, replies); registered only when an SMS provider is configured. */
  readonly smsWebhooks?: Omit<SmsWebhookDeps, 'store'>
  /** Where uploaded import files go and how large one may be (default: RECOUP_DATA_DIR, RECOUP_UPLOAD_LIMIT_MB). */
  readonly uploads?: UploadConfig
  /**
   * The debtor portal (docs/portal.md): its link settings (default: RECOUP_PORTAL_SECRET or the kept
   * secret, RECOUP_PUBLIC_URL, RECOUP_PORTAL_LINK_DAYS, read on first use), payment provider (default:
   * the built-in test provider) and verification attempts per link and address in 15 minutes.
   */
  readonly portal?: {
    readonly settings?: PortalLinkSettings
    readonly provider?: PaymentProvider
    readonly attempts?: { readonly perToken: number; readonly perAddress: number }
  }
  /**
   * The development sinks' folders (`recoup serve` passes them when mail goes to its mail sink or
   * texts to the SMS sink); without, GET .../sink/messages answers 404 `sink_not_configured`.
   */
  readonly sinks?: SinkFolders
  /**
   * The print-and-mail sender's folder, whose kept letter PDFs go into evidence packs (default:
   * RECOUP_SINK_DIR/letters when RECOUP_LETTERS is on; null: none).
   */
  readonly letterDir?: string | null
}

/**
 * The HTTP API over an open store, ready for `inject` (tests) or `listen` (the serve command); it
 * never opens or closes the store itself. Every route validates its input with a JSON schema, the
 * same schemas produce the OpenAPI document, and every error leaves in one wire format.
 */
/**
 * Fastify's request logging in one line per request, written when it is answered (method, path,
 * status, time), instead of a line on arrival and another on completion: half the logging per request.
 */
class OneLineLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return
    if (error)
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      )
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed')
  }
}

/** RECOUP_TRUST_PROXY as Fastify takes it: a hop count as "the nearest N hops", else the addresses. */
function fastifyTrustProxy(
  trust: number | string | false,
): boolean | string | ((address: string, hop: number) => boolean) {
  if (trust === false) return false
  if (typeof trust === 'number') return (_address, hop) => hop < trust
  return trust
}

/** Where `recoup serve`'s dispatcher keeps printed letters, or null when it prints none. */
function defaultLetterDir(): string | null {
  const { outreach } = appConfig()
  return outreach.letters ? join(outreach.sinkDir, 'letters') : null
}

export async function buildServer(store: Store, options: ServerOptions = {}): Promise<FastifyInstance> {
  const version = options.version ?? APP_VERSION
  const logger =
    options.logger === false
      ? false
      : { ...loggerOptions(), ...(options.logStream ? { stream: options.logStream } : {}) }
  const app = Fastify({
    logger,
    clientErrorHandler: replyClientError,
    // Errors of the router itself (a path parameter too long, bad percent-encoding), in our format.
    // Routing has not happened, so no hook runs: the security headers are set here.
    frameworkErrors: (error, request, reply) => {
      applySecurityHeaders(request, reply)
      return replyWithError(error, request, reply)
    },
    // References in paths may be 200 characters (percent-encoded, up to three times that).
    routerOptions: { maxParamLength: 1024 },
    genReqId: requestId,
    // Behind a TLS-terminating proxy (README): the client's address for the rate limits and https for
    // Secure cookies come from the proxy's headers, and only from the proxies named.
    trustProxy: fastifyTrustProxy(options.trustProxy ?? appConfig().trustProxy),
    logController: new OneLineLogController({ requestIdLogLabel: 'requestId' }),
  })
  app.setValidatorCompiler(validatorCompiler)
  // JSON only: a text/plain body is a 415, not a string the schema then refuses.
  installJsonBodyParser(app)
  const allowedMethods = applyRouteRules(app)
  applyOpenApiConventions(app)
  // Order matters: headers on every answer (errors too), then the rate limit (before any credential
  // is checked, so guessing is limited), then authentication, which every route gets (see
  // request-context.ts; only `config: { public: true }` routes skip it).
  registerSecurityHeaders(app)
  registerRateLimits(
    app,
    options.rateLimitPerMinute ?? appConfig().rateLimitPerMinute,
    options.loginsPerMinute ?? 10,
  )
  registerAuthentication(app, store)
  registerIdempotency(app, store)
  app.setErrorHandler(replyWithError)
  app.setNotFoundHandler((request, reply) => {
    const allowed = allowedMethods(request.method, request.url.split('?')[0] ?? '')
    return allowed.length > 0 ? replyMethodNotAllowed(request, reply, allowed) : replyNotFound(request, reply)
  })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Recoup API',
        version,
        description:
          'Debt collection and receivables recovery. Errors are {"error":{"code","message","details"}}.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      // Relative: the document describes the server that serves it, wherever it is reached.
      servers: [{ url: '/', description: 'this server' }],
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'an API key: Authorization: Bearer rcp_k_...',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'recoup_session',
            description:
              'the session cookie set by POST /api/v1/auth/login; requests that change something also send X-CSRF-Token',
          },
          portalSession: {
            type: 'apiKey',
            in: 'cookie',
            name: 'recoup_portal',
            description:
              'the debtor portal cookie set by POST /api/v1/portal/session (portal routes only); changes also send X-CSRF-Token',
          },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
      tags: [
        { name: 'system', description: 'health and metadata' },
        { name: 'auth', description: 'log in and out, users and API keys' },
        { name: 'reports', description: 'portfolio reports' },
        { name: 'payments', description: 'payments, reversals and the unmatched-credit queue' },
        { name: 'outreach', description: 'messages sent, their receipts and replies' },
        { name: 'compliance', description: 'the compliance check of a planned contact' },
        { name: 'accounts', description: 'accounts, their ledgers and the money acts on them' },
        { name: 'debtors', description: 'debtors, their contact points and consents' },
        { name: 'tasks', description: "collectors' call tasks and their outcomes" },
        { name: 'approvals', description: 'actions a playbook holds for approval: approve or reject' },
        {
          name: 'cases',
          description: 'legal cases: gated opening, deadlines with their legal basis, hearings, outcomes',
        },
        { name: 'documents', description: "an account's letters and notices as PDF" },
        {
          name: 'bureau',
          description: "credit bureau reporting: the monthly Metro 2 file, Australia's default listings",
        },
        {
          name: 'placements',
          description:
            'agencies and law firms: partners, placements, placement files, remittances, status updates',
        },
        {
          name: 'credit',
          description: 'credit control: terms, limits, exposure, early warnings, credit checks',
        },
        {
          name: 'sales',
          description: 'debt sales: portfolio, valuation, sale file, bill of sale, close, buy-back',
        },
        { name: 'imports', description: 'account files uploaded, their progress and rejects' },
        { name: 'playbooks', description: 'playbooks: validation, stored versions, simulation, activation' },
        { name: 'runs', description: 'the daily run: start, progress, summary' },
        { name: 'audit', description: 'the audit journal: events and verification' },
        { name: 'webhooks', description: 'outbound webhook endpoints, their delivery log and replay' },
        {
          name: 'portal',
          description: 'the debtor portal: links, sessions, the account and the acts of the debtor',
        },
        {
          name: 'settings',
          description: "the tenant's time zone, plan and settlement bounds, contact preferences",
        },
      ],
    },
  })
  registerHealthRoute(app, { store, version })
  registerAuthRoutes(app, { store })
  registerAccessRoutes(app)
  registerAgingRoute(app)
  registerDashboardRoute(app)
  registerPaymentsRoute(app)
  registerPaymentReversalRoute(app)
  registerUnmatchedCreditsRoutes(app)
  registerComplianceRoute(app)
  registerMessagesRoute(app)
  registerDebtorsRoutes(app)
  registerAccountsRoutes(app)
  registerTimelineRoute(app)
  registerAccountActionRoutes(app)
  registerPaymentRecordsRoutes(app)
  registerTasksRoutes(app)
  registerApprovalRoutes(app)
  registerCreditRoutes(app)
  registerCaseRoutes(app)
  // Operations (docs/api.md "Operations"): documents, runs, reports and models, audit.
  registerDocumentRoutes(app)
  registerBureauRoutes(app)
  registerPlacementRoutes(app)
  registerSalesRoutes(app)
  registerRunRoutes(app)
  registerImportRoutes(app, options.uploads ?? uploadConfigFromEnv())
  registerReportRoutes(app)
  registerPlaybookRoutes(app)
  registerAuditRoutes(app)
  registerWebhookRoutes(app)
  const uploads = options.uploads ?? uploadConfigFromEnv()
  let portalSettings = options.portal?.settings
  const settings = () => {
    portalSettings ??= portalConfigFromEnv()
    return portalSettings
  }
  registerDisputeEvidenceRoutes(app, { dataDir: uploads.dataDir })
  registerEvidencePackRoutes(app, {
    dataDir: uploads.dataDir,
    letterDir: options.letterDir !== undefined ? options.letterDir : defaultLetterDir(),
  })
  registerPortalLinkRoute(app, settings)
  registerPortalRoutes(app, {
    store,
    settings,
    provider: options.portal?.provider ?? testPaymentProvider,
    dataDir: uploads.dataDir,
    ...(options.portal?.attempts ? { attempts: options.portal.attempts } : {}),
  })
  registerTenantSettingsRoutes(app)
  registerSinkRoutes(app, options.sinks ?? NO_SINKS)
  if (options.smsWebhooks) registerSmsWebhookRoutes(app, { store, ...options.smsWebhooks })
  registerUnsubscribeRoutes(app, { store })
  registerOpenApiRoute(app)
  await registerDocsRoutes(app)
  // The staff web app at / and the debtor portal at /pay (docs/web.md).
  await registerWebRoutes(app)
  return app
}
