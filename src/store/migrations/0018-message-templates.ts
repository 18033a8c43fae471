import type { Kysely } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * A tenant's own message templates (docs/documents.md, "Templates of your own"). Each row is one
 * version of one template (key, channel, tone, locale), added inactive; `activated_at` is set only by
 * the activation use case after the content checks of the compliance packs pass (a template that fails
 * them cannot be activated). Built-in templates are code, not rows.
 */

/** Creates message_templates. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { stampType, now, withId } = columnTypes(db)
  await db.schema
    .createTable('message_templates')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(oneOf('channel', ['email', 'sms'])))
    .addColumn('tone', 'text', (c) => c.notNull().check(oneOf('tone', ['friendly', 'firm'])))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('mentions_legal_action', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('activated_at', stampType)
    .addColumn('activated_by', 'text')
    .addUniqueConstraint('message_templates_version', [
      'tenant_id',
      'key',
      'channel',
      'tone',
      'locale',
      'version',
    ])
    .execute()
}

/** Drops it again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('message_templates').ifExists().execute()
}
