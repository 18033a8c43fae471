import { costToCollect } from '../../core/analytics/cost-to-collect.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import {
  customisedFields,
  effectiveSettings,
  parseStoredSettings,
} from '../../core/tenants/tenant-settings.ts'
import {
  commissionCosts,
  contactUnits,
  postedCosts,
} from '../../store/reports/collection-costs.repository.ts'
import { ledgerMonths } from '../../store/reports/recovery.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { type ReportWindowInput, reportInstants, reportWindow } from './report-window.ts'

/** Cost to collect per month and currency: priced contacts, posted costs and partner commissions against collections. */
export async function getCostToCollect(ctx: AppContext, input: ReportWindowInput = {}): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const { from, to } = reportWindow(ctx, input)
  const tenant = ctx.actor.tenant
  const stored = parseStoredSettings(tenant.settings)
  const settings = effectiveSettings(tenant.time_zone, stored, tenant.consolidate_messages === 1)
  const configured = new Set(
    customisedFields(stored, settings.contact.consolidateMessages)
      .filter((f) => f.startsWith('costs.'))
      .map((f) => f.slice('costs.'.length).replace(/Minor$/, '')),
  )
  const db = ctx.store.db
  const w = reportInstants(ctx, from, to)
  return costToCollect(
    await contactUnits(db, w),
    await postedCosts(db, tenant.id, from, to),
    await ledgerMonths(db, tenant.id, to, from),
    { currency: tenant.default_currency, costs: settings.costs, configured },
    from,
    to,
    await commissionCosts(db, tenant.id, from, to),
  )
}
