import type { FastifyInstance } from 'fastify'
import { errorResponseSchema } from './error.schema.ts'

/** "reverse" -> "Reverse", "unmatched-credits" -> "UnmatchedCredits", "as_of" -> "AsOf". */
function pascal(word: string): string {
  return word
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
}

/**
 * The operationId a route gets when it declares none: the method and the path after `/api/v1`
 * (and after `/tenants/:tenant`, which every tenant route has), parameters as `By<Name>`:
 * `POST /api/v1/tenants/:tenant/payments/:reference/reverse` -> `postPaymentsByReferenceReverse`.
 * Unique because method and path are; stable as long as the path is.
 */
export function defaultOperationId(method: string, url: string): string {
  const path = url.replace(/^\/api\/v1/, '').replace(/^\/tenants\/:tenant(?=\/|$)/, '')
  const words = path
    .split('/')
    .filter((part) => part.length > 0)
    .map((part) => (part.startsWith(':') ? `By${pascal(part.slice(1))}` : pascal(part)))
  return `${method.toLowerCase()}${words.join('') || 'Root'}`
}

/** Methods that carry a JSON body (415 for another content type, 413 when too large). */
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH'])

/**
 * OpenAPI conventions every route gets without asking (call before registering routes):
 * - an `operationId` derived from its method and path unless it declares one (the reference page
 *   links and generated clients name operations by it);
 * - the error answers the server gives on any route, declared in the error format unless the route
 *   declares them itself: 400 (an unknown query parameter, route-rules.ts, or a request its schema
 *   refuses), 404 on tenant paths (`tenant_not_found`), 414 on paths with parameters (a parameter over
 *   1,024 characters), and 413/415 on methods with a body.
 * Routes hidden from the document are left alone.
 */
export function applyOpenApiConventions(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.schema?.hide) return
    const methods = [route.method].flat().filter((method) => method !== 'HEAD')
    if (methods.length !== 1) return
    route.schema ??= {}
    const schema = route.schema as Record<string, unknown>
    if (typeof schema.operationId !== 'string')
      schema.operationId = defaultOperationId(String(methods[0]), route.url)
    const statuses = ['400']
    if (route.url.includes('/:tenant')) statuses.push('404')
    // A path parameter longer than the router takes (1,024 characters) is refused before routing.
    if (route.url.includes('/:')) statuses.push('414')
    if (WITH_BODY.has(String(methods[0]))) statuses.push('413', '415')
    const response = { ...((schema.response ?? {}) as Record<string, unknown>) }
    for (const status of statuses)
      if (response[status] === undefined && response[Number(status)] === undefined)
        response[status] = errorResponseSchema
    schema.response = response
  })
}
