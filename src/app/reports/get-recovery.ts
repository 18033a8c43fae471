import { recoveryRates } from '../../core/analytics/recovery-rates.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import { ledgerMonths } from '../../store/reports/recovery.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { type ReportWindowInput, reportWindow } from './report-window.ts'

/** Recovery and liquidation rates per month and currency over the window. */
export async function getRecovery(ctx: AppContext, input: ReportWindowInput = {}): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const { from, to } = reportWindow(ctx, input)
  return recoveryRates(await ledgerMonths(ctx.store.db, ctx.actor.tenant.id, to), from, to)
}
