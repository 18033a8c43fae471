import { receivablesKpis } from '../../core/analytics/receivables-kpis.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import { indexHistory } from '../../core/scoring/score-features.ts'
import { loadLedgerHistory } from '../../store/scoring/scoring-history.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { type ReportWindowInput, reportWindow } from './report-window.ts'

/** DSO and CEI per month and currency for the tenant's commercial accounts. */
export async function getReceivablesKpis(
  ctx: AppContext,
  input: ReportWindowInput = {},
): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const { from, to } = reportWindow(ctx, input)
  return receivablesKpis(indexHistory(await loadLedgerHistory(ctx.store.db, ctx.actor.tenant.id)), from, to)
}
