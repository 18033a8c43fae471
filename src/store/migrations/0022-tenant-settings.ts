import type { Kysely } from 'kysely'

/*
 * A tenant's settings (docs/settings.md): plan and settlement bounds and the contact send time, as
 * JSON holding only what the tenant changed (null: every default). A column of `tenants` rather than a
 * table: every request already reads the tenant row with its credential, so the money services and the
 * engine get the settings without another query. The time zone and message consolidation keep their
 * own columns (time_zone, consolidate_messages).
 */

/** Adds tenants.settings. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('settings', 'text').execute()
}

/** Drops it again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('settings').execute()
}
