import type { ReportTable } from '../../core/analytics/report-table.ts'
import { vintageCurves } from '../../core/analytics/vintages.ts'
import { indexHistory } from '../../core/scoring/score-features.ts'
import { loadScoringHistory } from '../../store/scoring/scoring-history.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { type ReportWindowInput, reportWindow } from './report-window.ts'

/** Vintage liquidation curves for the placement months in the window. */
export async function getVintages(ctx: AppContext, input: ReportWindowInput = {}): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const { from, to } = reportWindow(ctx, input)
  return vintageCurves(indexHistory(await loadScoringHistory(ctx.store.db, ctx.actor.tenant.id)), from, to)
}
