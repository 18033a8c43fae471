import { type LocalDate, localDateAt } from '../core/calendar/local-date.ts'
import { DEFAULT_BUCKET_BOUNDS } from '../core/delinquency/aging-buckets.ts'
import { type AgingReport, buildAgingReport } from '../core/delinquency/aging-report.ts'
import { agingCells, clientNames } from '../store/aging.repository.ts'
import type { Store } from '../store/connect.ts'
import type { Tenant } from '../store/tenant.repository.ts'

/**
 * The aging report of a tenant as of a date (default: today in the creditor's time zone), shared by
 * the CLI and the HTTP API.
 */
export async function getAgingReport(
  store: Store,
  tenant: Tenant,
  options: { asOf?: LocalDate; bounds?: readonly number[]; now?: Date } = {},
): Promise<AgingReport> {
  const asOf = options.asOf ?? localDateAt(options.now ?? new Date(), tenant.time_zone)
  const bounds = options.bounds ?? DEFAULT_BUCKET_BOUNDS
  const cells = await agingCells(store.db, { tenantId: tenant.id, asOf, bounds })
  const ids = [...new Set(cells.flatMap((c) => (c.clientId === null ? [] : [c.clientId])))]
  return buildAgingReport(cells, {
    asOf,
    timeZone: tenant.time_zone,
    bounds,
    clients: await clientNames(store.db, tenant.id, ids),
  })
}
