import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

/**
 * The Content-Security-Policy of the reference page, the only place where the API's `default-src
 * 'none'` is relaxed: its own scripts, styles and images (Swagger UI sets inline styles and data:
 * icons), and calls back to this origin only (the document and the "Try it out" requests).
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * Registers the browsable API reference at `/docs` (Swagger UI, served from the installed package: no
 * CDN) over the same document as `/openapi.json`. The page and its assets are public; the calls it
 * makes with "Try it out" are ordinary API calls and need credentials (Authorize: an API key).
 */
export async function registerDocsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (docs) => {
    // Every route of this plugin (the page, its assets, its copy of the document) is public ...
    docs.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), public: true }
    })
    // ... and gets the relaxed policy; this hook runs after the server-wide one that set the strict one.
    docs.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', DOCS_CSP)
    })
    await docs.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { deepLinking: true, persistAuthorization: false, validatorUrl: null },
    })
  })
}
