import type { ReportTable } from '../../core/analytics/report-table.ts'
import { rollRates } from '../../core/analytics/roll-rates.ts'
import { indexHistory } from '../../core/scoring/score-features.ts'
import { loadLedgerHistory } from '../../store/scoring/scoring-history.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { type ReportWindowInput, reportWindow } from './report-window.ts'

/** Roll rates between aging buckets, month over month, over the window. */
export async function getRollRates(ctx: AppContext, input: ReportWindowInput = {}): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const { from, to } = reportWindow(ctx, input)
  return rollRates(indexHistory(await loadLedgerHistory(ctx.store.db, ctx.actor.tenant.id)), from, to)
}
