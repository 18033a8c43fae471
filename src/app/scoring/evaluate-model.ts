import { type LocalDate, localDateAt } from '../../core/calendar/local-date.ts'
import { indexHistory } from '../../core/scoring/score-features.ts'
import type { ScoreTarget } from '../../core/scoring/score-targets.ts'
import { evaluateStoredModel } from '../../core/scoring/train-and-evaluate.ts'
import { loadScoringHistory } from '../../store/scoring/scoring-history.repository.ts'
import type { AppContext } from '../app-context.ts'
import { findModel } from './find-model.ts'

export interface EvaluateModelInput {
  readonly target: ScoreTarget
  readonly version?: number
  /** Outcomes known by this day count (default: today in the tenant's zone). */
  readonly dataAsOf?: LocalDate
  readonly now?: Date
}

/**
 * Measures a stored model and its baseline again on everything after its split day, with the outcomes
 * the books hold now: a model trained months ago is checked against what happened since.
 */
export async function evaluateModel(ctx: AppContext, input: EvaluateModelInput) {
  const model = await findModel(ctx, input.target, input.version)
  const dataAsOf = input.dataAsOf ?? localDateAt(input.now ?? new Date(), ctx.actor.tenant.time_zone)
  const index = indexHistory(await loadScoringHistory(ctx.store.db, ctx.actor.tenant.id))
  const measured = evaluateStoredModel(index, model.scorecard, model.baseline, {
    splitOn: model.splitOn,
    dataAsOf,
  })
  return { target: model.target, version: model.version, splitOn: model.splitOn, dataAsOf, ...measured }
}
