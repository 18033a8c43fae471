import type { FastifyInstance } from 'fastify'
import { getDashboard } from '../../app/reports/get-dashboard.ts'
import { requestContext } from '../auth/request-context.ts'
import { type DashboardRequest, dashboardSchema } from './dashboard.schema.ts'

/** Registers GET /api/v1/tenants/:tenant/dashboard. */
export function registerDashboardRoute(app: FastifyInstance): void {
  app.get<DashboardRequest>(
    '/api/v1/tenants/:tenant/dashboard',
    { schema: dashboardSchema },
    async (request) =>
      getDashboard(
        requestContext(request),
        request.query.asOf === undefined ? {} : { asOf: request.query.asOf },
      ),
  )
}
