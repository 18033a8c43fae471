import swagger from '@fastify/swagger'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Store } from '../store/connect.ts'
import { APP_VERSION } from './app-version.ts'
import { replyClientError, replyNotFound, replyWithError } from './http-errors.ts'
import { loggerOptions } from './logger-options.ts'
import { applyRouteRules, replyMethodNotAllowed } from './route-rules.ts'
import { registerAgingRoute } from './routes/aging.route.ts'
import { registerComplianceRoute } from './routes/compliance.route.ts'
import { registerHealthRoute } from './routes/health.route.ts'
import { registerMessagesRoute } from './routes/messages.route.ts'
import { registerOpenApiRoute } from './routes/openapi.route.ts'
import { registerPaymentReversalRoute } from './routes/payment-reversal.route.ts'
import { registerPaymentsRoute } from './routes/payments.route.ts'
import { registerSmsWebhookRoutes, type SmsWebhookDeps } from './routes/sms-webhooks.route.ts'
import { registerUnmatchedCreditsRoutes } from './routes/unmatched-credits.route.ts'

export interface ServerOptions {
  /** Log requests and errors as JSON lines on stdout (default); tests turn it off. */
  readonly logger?: boolean
  /** Where log lines go instead of stdout (tests read them back). */
  readonly logStream?: { write(line: string): void }
  readonly version?: string
  /** The SMS provider's callbacks (receipts, replies); registered only when an SMS provider is configured. */
  readonly smsWebhooks?: Omit<SmsWebhookDeps, 'store'>
}

/**
 * The HTTP API over an open store, ready for `inject` (tests) or `listen` (the serve command); it
 * never opens or closes the store itself. Every route validates its input with a JSON schema, the
 * same schemas produce the OpenAPI document, and every error leaves in one wire format.
 */
export async function buildServer(store: Store, options: ServerOptions = {}): Promise<FastifyInstance> {
  const version = options.version ?? APP_VERSION
  const logger =
    options.logger === false
      ? false
      : { ...loggerOptions(), ...(options.logStream ? { stream: options.logStream } : {}) }
  const app = Fastify({ logger, clientErrorHandler: replyClientError })
  const allowedMethods = applyRouteRules(app)
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
      tags: [
        { name: 'system', description: 'health and metadata' },
        { name: 'reports', description: 'portfolio reports' },
        { name: 'payments', description: 'payments, reversals and the unmatched-credit queue' },
        { name: 'outreach', description: 'messages sent, their receipts and replies' },
      ],
    },
  })
  registerHealthRoute(app, { store, version })
  registerAgingRoute(app, { store })
  registerPaymentsRoute(app, { store })
  registerPaymentReversalRoute(app, { store })
  registerUnmatchedCreditsRoutes(app, { store })
  registerComplianceRoute(app)
  registerMessagesRoute(app, { store })
  if (options.smsWebhooks) registerSmsWebhookRoutes(app, { store, ...options.smsWebhooks })
  registerOpenApiRoute(app)
  return app
}
