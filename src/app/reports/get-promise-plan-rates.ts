import { promisePlanRates } from '../../core/analytics/promise-plan-rates.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import { loadPlanRows, loadPromiseRows } from '../../store/reports/analytics.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

/** Promise-kept and plan-completion rates by month. */
export async function getPromisePlanRates(ctx: AppContext): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const tenantId = ctx.actor.tenant.id
  const [promises, plans] = await Promise.all([
    loadPromiseRows(ctx.store.db, tenantId),
    loadPlanRows(ctx.store.db, tenantId),
  ])
  return promisePlanRates(promises, plans)
}
