import { type LocalDate, localDateAt } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { type ScoreDistribution, scoreAccounts } from '../../core/scoring/score-accounts.ts'
import { indexHistory } from '../../core/scoring/score-features.ts'
import { type ScoreTarget, TARGETS } from '../../core/scoring/score-targets.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import {
  clearTargetScores,
  insertScoreRun,
  writeAccountScores,
} from '../../store/scoring/account-score.repository.ts'
import { findScoreModel } from '../../store/scoring/score-model.repository.ts'
import { loadScoringHistory } from '../../store/scoring/scoring-history.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { findModel } from './find-model.ts'
import { readStoredModel, type StoredModel } from './model-body.ts'

export interface ScoreAccountsInput {
  /** One target; default: every target the tenant has a model of. */
  readonly target?: ScoreTarget
  readonly version?: number
  /** Features as of this day (default: today in the tenant's zone). */
  readonly asOf?: LocalDate
  readonly now?: Date
}

export interface ScoreRunSummary {
  target: ScoreTarget
  version: number
  asOf: string
  scored: number
  distribution: ScoreDistribution
}

/**
 * Scores the tenant's owing accounts with the latest model of each target (consumer accounts by
 * `pay_30`, commercial ones by `late_payment`) and stores each account's current score, band and
 * reason codes, which the daily run reads as playbook facts. A run replaces every score of its target
 * (an account that no longer owes loses its score). One transaction per target, journaled.
 */
export async function scoreTenantAccounts(
  ctx: AppContext,
  input: ScoreAccountsInput = {},
): Promise<ScoreRunSummary[]> {
  const { tenant } = ctx.actor
  const asOf = input.asOf ?? localDateAt(input.now ?? new Date(), tenant.time_zone)
  const models: StoredModel[] = []
  if (input.target) models.push(await findModel(ctx, input.target, input.version))
  else
    for (const target of TARGETS) {
      const row = await findScoreModel(ctx.store.db, tenant.id, target)
      if (row) models.push(readStoredModel(row))
    }
  if (models.length === 0)
    throw new AppError(
      'model_not_found',
      `tenant "${tenant.slug}" has no model yet; train one with: recoup model train --target ${TARGETS.join('|')}`,
    )
  const index = indexHistory(await loadScoringHistory(ctx.store.db, tenant.id))
  const summaries: ScoreRunSummary[] = []
  for (const model of models) {
    const { scores, distribution } = scoreAccounts(
      index,
      model.scorecard,
      asOf,
      model.evaluation.trainScoreDeciles,
    )
    await inTransaction(ctx, async (trx) => {
      await clearTargetScores(trx, tenant.id, model.target)
      await writeAccountScores(
        trx,
        scores.map((s) => ({
          account_id: s.accountId,
          tenant_id: tenant.id,
          model_id: model.id,
          as_of: asOf,
          score: s.score,
          band: s.band,
          bad_ppm: Math.round(s.badProbability * 1_000_000),
          reason_codes: JSON.stringify(s.reasonCodes),
        })),
      )
      const runId = await insertScoreRun(trx, {
        tenant_id: tenant.id,
        model_id: model.id,
        as_of: asOf,
        scored: scores.length,
        distribution: JSON.stringify(distribution),
      })
      await appendJournalEvent(trx, {
        tenantId: tenant.id,
        type: 'model.scored',
        actor: actorLabel(ctx.actor),
        subject: `score_run:${runId}`,
        payload: {
          target: model.target,
          version: model.version,
          asOf,
          scored: scores.length,
          bands: distribution.bands,
        },
      })
    })
    summaries.push({
      target: model.target,
      version: model.version,
      asOf,
      scored: scores.length,
      distribution,
    })
  }
  return summaries
}
