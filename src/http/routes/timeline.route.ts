import type { FastifyInstance } from 'fastify'
import { getAccountTimeline } from '../../app/records/get-account-timeline.ts'
import { requestContext } from '../auth/request-context.ts'
import { type TimelineRequestSchema, timelineSchema } from './timeline.schema.ts'

/** Registers GET /api/v1/tenants/:tenant/accounts/:account/timeline. */
export function registerTimelineRoute(app: FastifyInstance): void {
  app.get<TimelineRequestSchema>(
    '/api/v1/tenants/:tenant/accounts/:account/timeline',
    { schema: timelineSchema },
    async (request) =>
      getAccountTimeline(requestContext(request), { account: request.params.account, ...request.query }),
  )
}
