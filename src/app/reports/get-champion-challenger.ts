import { championChallengerTable } from '../../core/analytics/champion-challenger.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import { type LocalDate, localDateAt } from '../../core/calendar/local-date.ts'
import { loadTreatmentArms } from '../../store/reports/treatment-arms.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

/** The playbooks' real variants compared per segment, as of a day (default today), summed in the database. */
export async function getChampionChallenger(
  ctx: AppContext,
  input: { asOf?: LocalDate; now?: Date } = {},
): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const { tenant } = ctx.actor
  const asOf = input.asOf ?? localDateAt(input.now ?? new Date(), tenant.time_zone)
  return championChallengerTable(await loadTreatmentArms(ctx.store.db, tenant.id, asOf))
}
