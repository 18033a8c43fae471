import type { Kysely } from 'kysely'

/*
 * An account the engine cannot decide (bad data, a defect) gets a decision row carrying the reason in
 * `error` instead of stopping the run: the run completes, the summary lists it, `recoup explain` shows
 * it. NULL on every ordinary decision.
 */

/** Adds `decisions.error`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decisions').addColumn('error', 'text').execute()
}

/** Drops it again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decisions').dropColumn('error').execute()
}
