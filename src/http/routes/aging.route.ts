import type { FastifyInstance } from 'fastify'
import { getAgingReport } from '../../app/reports/get-aging-report.ts'
import { parseBucketBounds } from '../../core/delinquency/aging-buckets.ts'
import { AppError } from '../../core/errors/index.ts'
import { requestContext } from '../auth/request-context.ts'
import { type AgingRequest, agingSchema } from './aging.schema.ts'

/** Registers GET /api/v1/tenants/:tenant/aging. */
export function registerAgingRoute(app: FastifyInstance): void {
  app.get<AgingRequest>('/api/v1/tenants/:tenant/aging', { schema: agingSchema }, async (request) => {
    const { asOf, buckets } = request.query
    let bounds: number[] | undefined
    if (buckets !== undefined) {
      try {
        bounds = parseBucketBounds(buckets)
      } catch (error) {
        throw new AppError('invalid_buckets', `buckets: ${(error as Error).message}`, { buckets })
      }
    }
    return getAgingReport(requestContext(request), {
      ...(asOf ? { asOf } : {}),
      ...(bounds ? { bounds } : {}),
    })
  })
}
