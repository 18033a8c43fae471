import { AppError } from '../../core/errors/index.ts'
import type { ScoreTarget } from '../../core/scoring/score-targets.ts'
import { findScoreModel } from '../../store/scoring/score-model.repository.ts'
import type { AppContext } from '../app-context.ts'
import { readStoredModel, type StoredModel } from './model-body.ts'

/** The tenant's model of `target`: the given version or the latest; `model_not_found` otherwise. */
export async function findModel(
  ctx: AppContext,
  target: ScoreTarget,
  version?: number,
): Promise<StoredModel> {
  const row = await findScoreModel(ctx.store.db, ctx.actor.tenant.id, target, version)
  if (!row) {
    const which = version === undefined ? 'no model' : `no version ${version}`
    throw new AppError(
      'model_not_found',
      `${which} of ${target} for tenant "${ctx.actor.tenant.slug}"; train one with: recoup model train --target ${target}`,
    )
  }
  return readStoredModel(row)
}
