import { promisePlanTable } from '../../core/analytics/promise-plan-rates.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import { countPromisesAndPlans } from '../../store/reports/analytics.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

/** Promise-kept and plan-completion rates by month (counted in the database). */
export async function getPromisePlanRates(ctx: AppContext): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  return promisePlanTable(await countPromisesAndPlans(ctx.store.db, ctx.actor.tenant.id))
}
