import type { Kysely } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * Risk scoring: trained models, versioned per tenant and target with their scorecard, baseline and
 * hold-out metrics; the current score of each account (one row per account, replaced by each scoring
 * run, read by the daily run as playbook facts); and one row per scoring run with its score
 * distribution, the series that drift monitoring compares with the training distribution.
 */

const TARGETS = ['late_payment', 'pay_30']
const BANDS = ['low', 'medium', 'high']

/** Creates score_models, account_scores and score_runs. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { dateType, stampType, now, withId } = columnTypes(db)
  await db.schema
    .createTable('score_models')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('target', 'text', (c) => c.notNull().check(oneOf('target', TARGETS)))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('trained_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('trained_by', 'text', (c) => c.notNull())
    .addColumn('data_as_of', dateType, (c) => c.notNull())
    .addColumn('split_on', dateType, (c) => c.notNull())
    // JSON text: the scorecard (bins and points), the baseline coefficients, the evaluation, examples.
    .addColumn('scorecard', 'text', (c) => c.notNull())
    .addColumn('baseline', 'text', (c) => c.notNull())
    .addColumn('metrics', 'text', (c) => c.notNull())
    .addColumn('examples', 'text', (c) => c.notNull())
    .addUniqueConstraint('score_models_tenant_target_version', ['tenant_id', 'target', 'version'])
    .addUniqueConstraint('score_models_id_tenant', ['id', 'tenant_id'])
    .execute()

  await db.schema
    .createTable('account_scores')
    .addColumn('account_id', 'bigint', (c) => c.primaryKey())
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('model_id', 'bigint', (c) => c.notNull())
    .addColumn('as_of', dateType, (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('band', 'text', (c) => c.notNull().check(oneOf('band', BANDS)))
    // The bad-outcome probability in parts per million: an integer, the same in both databases.
    .addColumn('bad_ppm', 'integer', (c) => c.notNull())
    .addColumn('reason_codes', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('account_scores_account_fk', ['account_id', 'tenant_id'], 'accounts', [
      'id',
      'tenant_id',
    ])
    .addForeignKeyConstraint('account_scores_model_fk', ['model_id', 'tenant_id'], 'score_models', [
      'id',
      'tenant_id',
    ])
    .execute()
  await db.schema.createIndex('account_scores_model').on('account_scores').column('model_id').execute()

  await db.schema
    .createTable('score_runs')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('model_id', 'bigint', (c) => c.notNull())
    .addColumn('as_of', dateType, (c) => c.notNull())
    .addColumn('scored', 'integer', (c) => c.notNull())
    // JSON text: accounts per band and per training-score decile.
    .addColumn('distribution', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addForeignKeyConstraint('score_runs_model_fk', ['model_id', 'tenant_id'], 'score_models', [
      'id',
      'tenant_id',
    ])
    .execute()
}

/** Drops them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('score_runs').execute()
  await db.schema.dropTable('account_scores').execute()
  await db.schema.dropTable('score_models').execute()
}
