import { contactRates } from '../../core/analytics/contact-rates.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import { callOutcomeMonths, contactMonths } from '../../store/reports/contact-outcomes.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { type ReportWindowInput, reportInstants, reportWindow } from './report-window.ts'

/** Right-party-contact and promise-per-contact rates per month and channel over the window. */
export async function getContactRates(ctx: AppContext, input: ReportWindowInput = {}): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const { from, to } = reportWindow(ctx, input)
  const w = reportInstants(ctx, from, to)
  return contactRates(await contactMonths(ctx.store.db, w), await callOutcomeMonths(ctx.store.db, w))
}
