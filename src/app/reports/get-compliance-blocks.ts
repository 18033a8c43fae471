import { complianceBlocks } from '../../core/analytics/compliance-blocks.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import { loadBlockedActions } from '../../store/reports/analytics.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

/** Actions blocked by the compliance packs, by month, rule and jurisdiction. */
export async function getComplianceBlocks(ctx: AppContext): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  return complianceBlocks(await loadBlockedActions(ctx.store.db, ctx.actor.tenant.id))
}
