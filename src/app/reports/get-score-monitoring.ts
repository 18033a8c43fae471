import type { ReportTable } from '../../core/analytics/report-table.ts'
import { scoreMonitoring } from '../../core/analytics/score-monitoring.ts'
import { dayNumber, type LocalDate, localDateAt } from '../../core/calendar/local-date.ts'
import type { ScoreDistribution } from '../../core/scoring/score-accounts.ts'
import { indexHistory } from '../../core/scoring/score-features.ts'
import type { ScoreTarget } from '../../core/scoring/score-targets.ts'
import { listAccountScores, listScoreRuns } from '../../store/scoring/account-score.repository.ts'
import { loadScoringHistory } from '../../store/scoring/scoring-history.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { findModel } from '../scoring/find-model.ts'

/** Drift of a model's scoring runs and the realised outcome of its scores by band. */
export async function getScoreMonitoring(
  ctx: AppContext,
  input: { target: ScoreTarget; version?: number; asOf?: LocalDate; now?: Date },
): Promise<ReportTable> {
  authorize(ctx.actor, 'reports.analytics')
  requireAllClients(ctx.actor, 'read the analytics reports')
  const { tenant } = ctx.actor
  const model = await findModel(ctx, input.target, input.version)
  const asOf = input.asOf ?? localDateAt(input.now ?? new Date(), tenant.time_zone)
  const [runs, scores, history] = await Promise.all([
    listScoreRuns(ctx.store.db, tenant.id, model.id),
    listAccountScores(ctx.store.db, tenant.id, model.id),
    loadScoringHistory(ctx.store.db, tenant.id),
  ])
  return scoreMonitoring(
    indexHistory(history),
    model.target,
    runs.map((r) => {
      const d = JSON.parse(r.distribution) as ScoreDistribution
      return { asOf: r.as_of, scored: r.scored, deciles: d.deciles, bands: d.bands }
    }),
    scores.map((s) => ({
      accountId: Number(s.account_id),
      asOfDay: dayNumber(s.as_of),
      band: s.band,
      badPpm: s.bad_ppm,
    })),
    dayNumber(asOf),
  )
}
