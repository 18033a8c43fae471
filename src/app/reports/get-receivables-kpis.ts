import { receivablesTable } from '../../core/analytics/receivables-kpis.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import { loadReceivablesFigures } from '../../store/reports/receivables.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { type ReportWindowInput, reportWindow } from './report-window.ts'

/** DSO and CEI per month and currency for the tenant's commercial accounts (summed in the database). */
export async function getReceivablesKpis(
  ctx: AppContext,
  input: ReportWindowInput = {},
): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const { from, to } = reportWindow(ctx, input)
  return receivablesTable(await loadReceivablesFigures(ctx.store.db, ctx.actor.tenant.id, from, to), from, to)
}
