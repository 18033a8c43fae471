import type { Kysely } from 'kysely'
import { columnTypes } from './migration-helpers.ts'

/*
 * Escalation approval (docs/daily-run.md, "Approvals"): an outbox row the playbook held in
 * `awaiting_approval` records who released it and when, so the row itself answers "who approved this
 * letter" beside the journal's `escalation.approved`. A rejection uses the existing cancelled_at and
 * cancel_reason columns. No index: the approval queue reads `awaiting_approval` rows through the
 * existing (status, scheduled_at) index.
 */

/** Adds outbox.approved_at and outbox.approved_by. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { stampType } = columnTypes(db)
  await db.schema.alterTable('outbox').addColumn('approved_at', stampType).execute()
  await db.schema.alterTable('outbox').addColumn('approved_by', 'text').execute()
}

/** Drops them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('approved_by').execute()
  await db.schema.alterTable('outbox').dropColumn('approved_at').execute()
}
