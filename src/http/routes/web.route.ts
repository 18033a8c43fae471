import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { replyNotFound } from '../http-errors.ts'
import { encodedBody, loadWebBundle, type WebAsset, type WebBundle } from '../web-assets.ts'

/**
 * The pages' Content-Security-Policy: the app's own scripts, styles, images and fonts, calls to this
 * origin only, frames of this origin only (PDF previews, captured mail), nothing inline, no plugins.
 */
export const WEB_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** The staff app's screens: each is a deep link the server answers with the app's page. */
export const STAFF_SCREENS = [
  'queue',
  'accounts',
  'playbooks',
  'imports',
  'messages',
  'reports',
  'approvals',
  'admin',
] as const

const NOT_BUILT =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Recoup</title></head><body>' +
  '<main><h1>The web app is not built</h1><p>Run <code>npm run build</code> (npm install runs it), then reload.</p>' +
  '</main></body></html>'

/** The Cache-Control of each answer, set after the server-wide hook that makes every answer no-store. */
const cacheOf = new WeakMap<FastifyReply, string>()

function send(request: FastifyRequest, reply: FastifyReply, file: WebAsset, cache: string) {
  const { body, encoding } = encodedBody(file, request.headers['accept-encoding'])
  cacheOf.set(reply, cache)
  reply.header('content-type', file.type).header('vary', 'accept-encoding')
  if (encoding) reply.header('content-encoding', encoding)
  return reply.send(body)
}

/**
 * Serves the staff web app at `/` (and at every screen's deep link) and the debtor portal at `/pay/...`
 * from the build in dist/web, held in memory. The pages are public: the app itself logs in through the
 * API. Hashed assets are cached for a year; the pages are revalidated on every load.
 */
export async function registerWebRoutes(app: FastifyInstance, bundle: WebBundle | null = loadWebBundle()) {
  await app.register(async (web) => {
    web.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), public: true }
      route.schema = { ...(route.schema ?? {}), hide: true }
    })
    // After the server-wide hook that sets the API's strict headers.
    web.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', WEB_CSP)
      const cache = cacheOf.get(reply)
      if (cache) reply.header('cache-control', cache)
    })
    const page =
      (which: 'staffPage' | 'portalPage') => async (request: FastifyRequest, reply: FastifyReply) => {
        if (!bundle)
          return reply.status(503).header('content-type', 'text/html; charset=utf-8').send(NOT_BUILT)
        return send(request, reply, bundle[which], 'no-cache')
      }
    web.get('/', page('staffPage'))
    for (const screen of STAFF_SCREENS) {
      web.get(`/${screen}`, page('staffPage'))
      web.get(`/${screen}/*`, page('staffPage'))
    }
    web.get('/pay', page('portalPage'))
    web.get('/pay/*', page('portalPage'))
    web.get<{ Params: { file: string } }>('/assets/:file', async (request, reply) => {
      const file = bundle?.assets.get(request.params.file)
      if (!file) return replyNotFound(request, reply)
      return send(request, reply, file, 'public, max-age=31536000, immutable')
    })
  })
}
