import { championChallenger } from '../../core/analytics/champion-challenger.ts'
import type { ReportTable } from '../../core/analytics/report-table.ts'
import { dayNumber, type LocalDate, localDateAt } from '../../core/calendar/local-date.ts'
import { indexHistory } from '../../core/scoring/score-features.ts'
import { loadTreatmentEntries } from '../../store/reports/analytics.repository.ts'
import { loadScoringHistory } from '../../store/scoring/scoring-history.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

/** The playbooks' real variants compared per segment, as of a day (default today). */
export async function getChampionChallenger(
  ctx: AppContext,
  input: { asOf?: LocalDate; now?: Date } = {},
): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const { tenant } = ctx.actor
  const asOf = input.asOf ?? localDateAt(input.now ?? new Date(), tenant.time_zone)
  const [history, entries] = await Promise.all([
    loadScoringHistory(ctx.store.db, tenant.id),
    loadTreatmentEntries(ctx.store.db, tenant.id),
  ])
  return championChallenger(
    indexHistory(history),
    entries.map((e) => ({ ...e, enteredDay: dayNumber(e.asOf) })),
    dayNumber(asOf),
  )
}
