import type { Kysely, Transaction } from 'kysely'
import type { Database, ScoreModelTable } from '../schema.ts'

export type ScoreModelRow = Omit<ScoreModelTable, 'id' | 'trained_at'> & { id: number; trained_at: string }

/** Stores a trained model as the next version of its target for the tenant. */
export async function insertScoreModel(
  trx: Transaction<Database>,
  model: Omit<ScoreModelTable, 'id' | 'trained_at' | 'version'>,
): Promise<{ id: number; version: number }> {
  const latest = await trx
    .selectFrom('score_models')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('tenant_id', '=', model.tenant_id)
    .where('target', '=', model.target)
    .executeTakeFirst()
  const version = Number(latest?.version ?? 0) + 1
  const row = await trx
    .insertInto('score_models')
    .values({ ...model, version })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: Number(row.id), version }
}

/** A model of the tenant: the given version of the target, or its latest. */
export async function findScoreModel(
  db: Kysely<Database>,
  tenantId: number,
  target: ScoreModelTable['target'],
  version?: number,
): Promise<ScoreModelRow | undefined> {
  const row = await db
    .selectFrom('score_models')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('target', '=', target)
    .$if(version !== undefined, (qb) => qb.where('version', '=', version as number))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? { ...row, id: Number(row.id) } : undefined
}

/** Every model of the tenant, newest first, without their bodies. */
export async function listScoreModels(db: Kysely<Database>, tenantId: number) {
  return db
    .selectFrom('score_models')
    .select(['id', 'target', 'version', 'trained_at', 'trained_by', 'data_as_of', 'split_on', 'metrics'])
    .where('tenant_id', '=', tenantId)
    .orderBy('target')
    .orderBy('version', 'desc')
    .execute()
}
