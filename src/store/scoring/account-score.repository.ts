import type { Kysely, Transaction } from 'kysely'
import { insertRows } from '../insert-rows.ts'
import type { AccountScoreTable, Database } from '../schema.ts'

const COLUMNS = [
  'account_id',
  'tenant_id',
  'model_id',
  'as_of',
  'score',
  'band',
  'bad_ppm',
  'reason_codes',
] as const
// 8 parameters a row: 500 rows stay far below SQLite's limit of 32,766 bound parameters.
const CHUNK = 500

/**
 * Writes (replaces) the current score of each account, in chunks of one multi-row upsert each: a
 * re-run for the same accounts overwrites, so an account has exactly one current score.
 */
export async function writeAccountScores(
  trx: Transaction<Database>,
  rows: readonly AccountScoreTable[],
): Promise<void> {
  const update = COLUMNS.filter((c) => c !== 'account_id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')
  const suffix = ` on conflict (account_id) do update set ${update}`
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows
      .slice(i, i + CHUNK)
      .map((r) => [
        r.account_id,
        r.tenant_id,
        r.model_id,
        r.as_of,
        r.score,
        r.band,
        r.bad_ppm,
        r.reason_codes,
      ])
    await insertRows(trx as unknown as Kysely<unknown>, 'account_scores', COLUMNS, chunk, suffix)
  }
}

/**
 * Removes the current scores a target's models gave in the tenant: a scoring run replaces them all, so
 * an account that no longer owes keeps no stale score.
 */
export async function clearTargetScores(
  trx: Transaction<Database>,
  tenantId: number,
  target: AccountScoreTarget,
): Promise<void> {
  await trx
    .deleteFrom('account_scores')
    .where('tenant_id', '=', tenantId)
    .where('model_id', 'in', (eb) =>
      eb
        .selectFrom('score_models')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('target', '=', target),
    )
    .execute()
}

type AccountScoreTarget = Database['score_models']['target']

/** Records one scoring run and its distribution. */
export async function insertScoreRun(
  trx: Transaction<Database>,
  run: { tenant_id: number; model_id: number; as_of: string; scored: number; distribution: string },
): Promise<number> {
  const row = await trx.insertInto('score_runs').values(run).returning('id').executeTakeFirstOrThrow()
  return Number(row.id)
}

/** The current scores of the tenant's accounts with their external ids, optionally of one model. */
export async function listAccountScores(db: Kysely<Database>, tenantId: number, modelId?: number) {
  return db
    .selectFrom('account_scores as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select([
      'a.external_id',
      's.account_id',
      's.model_id',
      's.as_of',
      's.score',
      's.band',
      's.bad_ppm',
      's.reason_codes',
    ])
    .where('s.tenant_id', '=', tenantId)
    .$if(modelId !== undefined, (qb) => qb.where('s.model_id', '=', modelId as number))
    .orderBy('s.account_id')
    .execute()
}

/** The scoring runs of a model, oldest first. */
export async function listScoreRuns(db: Kysely<Database>, tenantId: number, modelId: number) {
  return db
    .selectFrom('score_runs')
    .select(['id', 'as_of', 'scored', 'distribution', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('model_id', '=', modelId)
    .orderBy('id')
    .execute()
}
