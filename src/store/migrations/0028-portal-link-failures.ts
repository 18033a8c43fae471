import type { Kysely } from 'kysely'
import { columnTypes } from './migration-helpers.ts'

/*
 * Failed verifications per portal link (docs/portal.md, "Verification"): a link whose reference and
 * identity were answered wrong too often is locked for good, across restarts and server processes, so
 * a postcode cannot be guessed over the link's whole life in rounds of the per-window limit. Keyed by
 * the SHA-256 of the link's token (the token itself is never stored).
 */

/** Adds portal_link_failures. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { stampType, now } = columnTypes(db)
  await db.schema
    .createTable('portal_link_failures')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failed_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('locked_at', stampType)
    .addForeignKeyConstraint('portal_link_failures_account_fk', ['account_id', 'tenant_id'], 'accounts', [
      'id',
      'tenant_id',
    ])
    .execute()
  await db.schema
    .createIndex('portal_link_failures_account')
    .on('portal_link_failures')
    .column('account_id')
    .execute()
}

/** Drops it again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('portal_link_failures').execute()
}
