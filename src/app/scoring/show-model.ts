import type { ScoreTarget } from '../../core/scoring/score-targets.ts'
import { listScoreModels } from '../../store/scoring/score-model.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { findModel } from './find-model.ts'
import type { StoredModel } from './model-body.ts'

/** One stored model: its scorecard, metrics and example scores. */
export async function showModel(
  ctx: AppContext,
  target: ScoreTarget,
  version?: number,
): Promise<StoredModel> {
  authorize(ctx.actor, 'models.read')
  return findModel(ctx, target, version)
}

/** Every model version of the tenant with its headline metrics, newest first per target. */
export async function listModels(ctx: AppContext) {
  authorize(ctx.actor, 'models.read')
  const rows = await listScoreModels(ctx.store.db, ctx.actor.tenant.id)
  return rows.map((r) => {
    const m = JSON.parse(r.metrics) as {
      scorecard: { auc: number }
      baseline: { auc: number }
      test: { count: number }
    }
    return {
      target: r.target,
      version: r.version,
      trainedAt: r.trained_at,
      trainedBy: r.trained_by,
      dataAsOf: r.data_as_of,
      splitOn: r.split_on,
      auc: m.scorecard.auc,
      baselineAuc: m.baseline.auc,
      holdOut: m.test.count,
    }
  })
}
