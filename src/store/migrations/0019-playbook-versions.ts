import { type Kysely, sql } from 'kysely'
import { columnTypes } from './migration-helpers.ts'

/*
 * A tenant's stored playbook versions (docs/playbooks.md, "Stored versions"). Each row is one version
 * of one playbook (the document's own `id` and `version`), saved inactive with the text it came from.
 * At most one version of a playbook id is active per tenant (a partial unique index): the daily run
 * applies the shipped playbooks with each id the tenant has activated replaced by its active version.
 */

/** Creates playbook_versions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { stampType, now, withId } = columnTypes(db)
  await db.schema
    .createTable('playbook_versions')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('playbook_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('activated_at', stampType)
    .addColumn('activated_by', 'text')
    .addUniqueConstraint('playbook_versions_version', ['tenant_id', 'playbook_id', 'version'])
    .execute()
  await db.schema
    .createIndex('playbook_versions_one_active')
    .on('playbook_versions')
    .columns(['tenant_id', 'playbook_id'])
    .unique()
    .where(sql.ref('active'), '=', 1)
    .execute()
}

/** Drops it again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('playbook_versions').ifExists().execute()
}
