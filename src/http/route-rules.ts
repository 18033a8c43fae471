import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods, RouteOptions } from 'fastify'
import { AppError } from '../core/errors/index.ts'

/** A registered route as the 405 check needs it: its methods and a matcher for its path pattern. */
interface KnownRoute {
  readonly methods: readonly string[]
  readonly matches: (path: string) => boolean
}

/** A matcher for a Fastify path pattern ("/accounts/:id", "/files/*"). */
function pathMatcher(pattern: string): (path: string) => boolean {
  const source = pattern
    .split('/')
    .map((part) => {
      if (part === '*') return '.*'
      if (part.startsWith(':')) return '[^/]+'
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('/')
  const expression = new RegExp(`^${source}/?$`)
  return (path) => expression.test(path)
}

/** The query parameters a route declares in its querystring schema (none when it has no schema). */
function declaredParameters(route: RouteOptions): string[] {
  const schema = route.schema?.querystring as { properties?: Record<string, unknown> } | undefined
  return Object.keys(schema?.properties ?? {})
}

/**
 * Rules every route gets without asking, so a new route cannot forget them:
 * - an unknown query parameter is a 400 `unknown_parameter` naming it (a mistyped `?as_off=` must
 *   not silently give today's report); the parameters a route takes are its querystring schema's;
 * - the routes are remembered, so that a known path asked with the wrong method answers 405 with an
 *   `Allow` header (see `allowedMethods`) instead of 404.
 * Call before registering routes.
 */
export function applyRouteRules(app: FastifyInstance): (method: string, path: string) => string[] {
  const routes: KnownRoute[] = []
  app.addHook('onRoute', (route) => {
    const methods = ([] as HTTPMethods[]).concat(route.method)
    routes.push({ methods, matches: pathMatcher(route.url) })
    const known = declaredParameters(route)
    const rejectUnknown = async (request: FastifyRequest) => {
      const query = (request.query ?? {}) as Record<string, unknown>
      const unknown = Object.keys(query).filter((name) => !known.includes(name))
      if (unknown.length === 0) return
      const takes = known.length > 0 ? `it takes ${known.join(', ')}` : 'it takes none'
      throw new AppError(
        'unknown_parameter',
        `unknown query parameter ${unknown.map((name) => `"${name}"`).join(', ')} for ${route.url}; ${takes}`,
        { in: 'querystring', parameters: unknown },
      )
    }
    const existing = route.preValidation
    route.preValidation = existing === undefined ? [rejectUnknown] : [rejectUnknown, ...[existing].flat()]
  })
  return (method, path) => {
    const allowed = new Set<string>()
    for (const route of routes) if (route.matches(path)) for (const m of route.methods) allowed.add(m)
    allowed.delete(method)
    return allowed.size > 0 && !routes.some((r) => r.matches(path) && r.methods.includes(method))
      ? [...allowed].sort()
      : []
  }
}

/** The 405 for a path that exists under other methods, with its `Allow` header, in the error format. */
export function replyMethodNotAllowed(
  request: FastifyRequest,
  reply: FastifyReply,
  allowed: readonly string[],
) {
  const path = request.url.split('?')[0]
  return reply
    .status(405)
    .header('allow', allowed.join(', '))
    .send(
      new AppError(
        'method_not_allowed',
        `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`,
      ).toJSON(),
    )
}
