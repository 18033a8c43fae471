import { partnerPerformance } from '../../core/analytics/partner-performance.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import { placementOutcomes } from '../../store/reports/partner-performance.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { type ReportWindowInput, reportWindow } from './report-window.ts'

/**
 * Partner performance by partner and placement month (docs/placements.md): liquidation rate,
 * commission charged and the median time to the first payment of the placements made in the window.
 */
export async function getPartnerPerformance(
  ctx: AppContext,
  input: ReportWindowInput = {},
): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const { from, to } = reportWindow(ctx, input)
  return partnerPerformance(await placementOutcomes(ctx.store.db, ctx.actor.tenant.id, from, to))
}
