import type { FastifyInstance } from 'fastify'
import { systemActor } from '../../app/actor.ts'
import { getAgingReport } from '../../app/reports/get-aging-report.ts'
import { findTenantOrFail } from '../../app/tenants/find-tenant.ts'
import type { Store } from '../../store/connect.ts'
import { type AgingRequest, agingSchema } from './aging.schema.ts'

/** Registers GET /api/v1/tenants/:tenant/aging. */
export function registerAgingRoute(app: FastifyInstance, deps: { store: Store }): void {
  app.get<AgingRequest>('/api/v1/tenants/:tenant/aging', { schema: agingSchema }, async (request) => {
    const { tenant: slug } = request.params
    const { asOf, buckets } = request.query
    const tenant = await findTenantOrFail(deps.store, slug)
    const ctx = { store: deps.store, actor: systemActor(tenant, 'http') }
    return getAgingReport(ctx, {
      ...(asOf !== undefined ? { asOf } : {}),
      ...(buckets !== undefined ? { bounds: buckets } : {}),
    })
  })
}
