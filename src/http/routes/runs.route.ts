import type { FastifyInstance } from 'fastify'
import { getDailyRun, launchDailyRun, listDailyRuns } from '../../app/engine/daily-runs.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type GetRunRequest,
  getRunSchema,
  type ListRunsRequest,
  listRunsSchema,
  type StartRunRequest,
  startRunSchema,
} from './runs.schema.ts'

/** Background runs still working, so the server can wait for them on close. */
const working = new Set<Promise<void>>()

/** Registers POST /runs, GET /runs and GET /runs/:id. */
export function registerRunRoutes(app: FastifyInstance): void {
  app.addHook('onClose', async () => {
    await Promise.all([...working])
  })
  app.post<StartRunRequest>(
    '/api/v1/tenants/:tenant/runs',
    { schema: startRunSchema },
    async (request, reply) => {
      const body = request.body ?? {}
      const launched = await launchDailyRun(requestContext(request), {
        ...(body.asOf !== undefined ? { asOf: body.asOf } : {}),
        ...(body.batchSize !== undefined ? { batchSize: body.batchSize } : {}),
        ...(body.force !== undefined ? { force: body.force } : {}),
        ...(body.full !== undefined ? { full: body.full } : {}),
        onError: (error) =>
          request.log.error({ err: error }, 'the daily run stopped; start it again to resume'),
      })
      working.add(launched.finished)
      void launched.finished.finally(() => working.delete(launched.finished))
      return reply.code(202).send(launched.run)
    },
  )
  app.get<ListRunsRequest>('/api/v1/tenants/:tenant/runs', { schema: listRunsSchema }, async (request) =>
    listDailyRuns(requestContext(request), request.query),
  )
  app.get<GetRunRequest>('/api/v1/tenants/:tenant/runs/:id', { schema: getRunSchema }, async (request) =>
    getDailyRun(requestContext(request), { id: request.params.id }),
  )
}
