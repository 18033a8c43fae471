import type { FastifyInstance } from 'fastify'

/** Registers GET /openapi.json: the OpenAPI 3.1 document generated from the routes' own schemas. */
export function registerOpenApiRoute(app: FastifyInstance): void {
  app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger())
}
