import type { FastifyInstance } from 'fastify'
import { getAgingReport } from '../../app/reports/get-aging-report.ts'
import { requestContext } from '../auth/request-context.ts'
import { type AgingRequest, agingSchema } from './aging.schema.ts'

/** Registers GET /api/v1/tenants/:tenant/aging. */
export function registerAgingRoute(app: FastifyInstance): void {
  app.get<AgingRequest>('/api/v1/tenants/:tenant/aging', { schema: agingSchema }, async (request) => {
    const { asOf, buckets } = request.query
    return getAgingReport(requestContext(request), {
      ...(asOf !== undefined ? { asOf } : {}),
      ...(buckets !== undefined ? { bounds: buckets } : {}),
    })
  })
}
