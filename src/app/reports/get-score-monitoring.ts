import type { ReportTable } from '../../core/analytics/report-table.ts'
import { scoreMonitoringTable } from '../../core/analytics/score-monitoring.ts'
import { type LocalDate, localDateAt } from '../../core/calendar/local-date.ts'
import type { ScoreDistribution } from '../../core/scoring/score-accounts.ts'
import type { ScoreTarget } from '../../core/scoring/score-targets.ts'
import { loadBandOutcomes } from '../../store/reports/score-outcomes.repository.ts'
import { listScoreRuns } from '../../store/scoring/account-score.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { findModel } from '../scoring/find-model.ts'

/** Drift of a model's scoring runs and the realised outcome of its scores by band (counted in the database). */
export async function getScoreMonitoring(
  ctx: AppContext,
  input: { target: ScoreTarget; version?: number; asOf?: LocalDate; now?: Date },
): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const { tenant } = ctx.actor
  const model = await findModel(ctx, input.target, input.version)
  const asOf = input.asOf ?? localDateAt(input.now ?? new Date(), tenant.time_zone)
  const [runs, outcomes] = await Promise.all([
    listScoreRuns(ctx.store.db, tenant.id, model.id),
    loadBandOutcomes(ctx.store.db, { tenantId: tenant.id, modelId: model.id, target: model.target, asOf }),
  ])
  return scoreMonitoringTable(
    model.target,
    runs.map((r) => {
      const d = JSON.parse(r.distribution) as ScoreDistribution
      return { asOf: r.as_of, scored: r.scored, deciles: d.deciles, bands: d.bands }
    }),
    outcomes,
  )
}
