import { complianceBlocksTable } from '../../core/analytics/compliance-blocks.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import { countBlockedActions } from '../../store/reports/analytics.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

/** Actions blocked by the compliance packs, by month, rule and jurisdiction (counted in the database). */
export async function getComplianceBlocks(ctx: AppContext): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const { counts, actions } = await countBlockedActions(ctx.store.db, ctx.actor.tenant.id)
  return complianceBlocksTable(counts, actions)
}
