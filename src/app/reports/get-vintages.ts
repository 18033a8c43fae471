import type { ReportTable } from '../../core/analytics/report-table.ts'
import { vintageTable } from '../../core/analytics/vintages.ts'
import { loadVintageFigures } from '../../store/reports/vintages.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { type ReportWindowInput, reportWindow } from './report-window.ts'

/** Vintage liquidation curves for the placement months in the window (grouped in the database). */
export async function getVintages(ctx: AppContext, input: ReportWindowInput = {}): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const { from, to } = reportWindow(ctx, input)
  const { groups, paid } = await loadVintageFigures(ctx.store.db, ctx.actor.tenant.id, from, to)
  return vintageTable(groups, paid, from, to)
}
