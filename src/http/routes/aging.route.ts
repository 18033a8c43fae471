import type { FastifyInstance } from 'fastify'
import { parseBucketBounds } from '../../core/delinquency/aging-buckets.ts'
import { AppError } from '../../core/errors.ts'
import { getAgingReport } from '../../reports/aging-report.service.ts'
import type { Store } from '../../store/connect.ts'
import { findTenantBySlug } from '../../store/tenant.repository.ts'
import { type AgingRequest, agingSchema } from './aging.schema.ts'

/** Registers GET /api/v1/tenants/:tenant/aging. */
export function registerAgingRoute(app: FastifyInstance, deps: { store: Store }): void {
  app.get<AgingRequest>('/api/v1/tenants/:tenant/aging', { schema: agingSchema }, async (request) => {
    const { tenant: slug } = request.params
    const { asOf, buckets } = request.query
    let bounds: number[] | undefined
    if (buckets !== undefined) {
      try {
        bounds = parseBucketBounds(buckets)
      } catch (error) {
        throw new AppError('invalid_buckets', `buckets: ${(error as Error).message}`, { buckets })
      }
    }
    const tenant = await findTenantBySlug(deps.store.db, slug)
    if (!tenant) throw new AppError('tenant_not_found', `no tenant "${slug}"`)
    return getAgingReport(deps.store, tenant, { ...(asOf ? { asOf } : {}), ...(bounds ? { bounds } : {}) })
  })
}
