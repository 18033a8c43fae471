import type { FastifyInstance } from 'fastify'
import { AppError } from '../../core/errors/index.ts'
import type { Store } from '../../store/connect.ts'
import { pingDatabase } from '../../store/health.repository.ts'
import { healthSchema } from './health.schema.ts'

/** Registers GET /health. */
export function registerHealthRoute(app: FastifyInstance, deps: { store: Store; version: string }): void {
  app.get('/health', { schema: healthSchema, config: { public: true } }, async (request) => {
    try {
      await pingDatabase(deps.store.db)
    } catch (error) {
      request.log.error({ err: error }, 'database health check failed')
      throw new AppError('database_unavailable', 'the database does not respond')
    }
    return { status: 'ok' as const, database: deps.store.dialect, version: deps.version }
  })
}
