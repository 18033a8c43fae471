import { type LocalDate, localDateAt } from '../../core/calendar/local-date.ts'
import { indexHistory } from '../../core/scoring/score-features.ts'
import type { ScoreTarget } from '../../core/scoring/score-targets.ts'
import { type TrainingResult, trainAndEvaluate } from '../../core/scoring/train-and-evaluate.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { insertScoreModel } from '../../store/scoring/score-model.repository.ts'
import { loadScoringHistory } from '../../store/scoring/scoring-history.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { baselineJson } from './model-body.ts'

export interface TrainModelInput {
  readonly target: ScoreTarget
  /** Outcomes known by this day count (default: today in the tenant's zone). */
  readonly dataAsOf?: LocalDate
  /** Train before, test from this day (default: the day before which 70% of the examples fall). */
  readonly splitOn?: LocalDate
  readonly now?: Date
}

export interface TrainModelResult extends TrainingResult {
  version: number
}

/**
 * Trains the target's scorecard and its baseline on the tenant's history, measures both on the later
 * hold-out, and stores the scorecard as the target's next version with its metrics (journaled).
 */
export async function trainModel(ctx: AppContext, input: TrainModelInput): Promise<TrainModelResult> {
  const { tenant } = ctx.actor
  const dataAsOf = input.dataAsOf ?? localDateAt(input.now ?? new Date(), tenant.time_zone)
  const index = indexHistory(await loadScoringHistory(ctx.store.db, tenant.id))
  const result = trainAndEvaluate(index, input.target, {
    dataAsOf,
    ...(input.splitOn ? { splitOn: input.splitOn } : {}),
  })
  const { version } = await inTransaction(ctx, async (trx) => {
    const stored = await insertScoreModel(trx, {
      tenant_id: tenant.id,
      target: input.target,
      trained_by: actorLabel(ctx.actor),
      data_as_of: dataAsOf,
      split_on: result.evaluation.splitOn,
      scorecard: JSON.stringify(result.scorecard),
      baseline: baselineJson(result.baseline),
      metrics: JSON.stringify(result.evaluation),
      examples: JSON.stringify(result.examples),
    })
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'model.trained',
      actor: actorLabel(ctx.actor),
      subject: `score_model:${stored.id}`,
      payload: {
        target: input.target,
        version: stored.version,
        dataAsOf,
        splitOn: result.evaluation.splitOn,
        auc: result.evaluation.scorecard.auc,
        baselineAuc: result.evaluation.baseline.auc,
      },
    })
    return stored
  })
  return { ...result, version }
}
