import type { Kysely, Selectable } from 'kysely'
import type { MessageTemplate } from '../../core/templates/message-template.ts'
import type { Database, MessageTemplateTable } from '../schema.ts'

export type StoredTemplateRow = Selectable<MessageTemplateTable>

/** The next version number of a template identity in the tenant (after `floor`, the built-in's). */
export async function nextTemplateVersion(
  db: Kysely<Database>,
  tenantId: number,
  identity: Pick<MessageTemplate, 'key' | 'channel' | 'tone' | 'locale'>,
  floor: number,
): Promise<number> {
  const row = await db
    .selectFrom('message_templates')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('tenant_id', '=', tenantId)
    .where('key', '=', identity.key)
    .where('channel', '=', identity.channel)
    .where('tone', '=', identity.tone)
    .where('locale', '=', identity.locale)
    .executeTakeFirst()
  return Math.max(floor, Number(row?.version ?? 0)) + 1
}

export async function insertTemplate(
  db: Kysely<Database>,
  tenantId: number,
  template: MessageTemplate,
  createdBy: string,
): Promise<StoredTemplateRow> {
  return db
    .insertInto('message_templates')
    .values({
      tenant_id: tenantId,
      key: template.key,
      channel: template.channel,
      tone: template.tone,
      locale: template.locale,
      version: template.version,
      subject: template.subject ?? null,
      body: template.body,
      mentions_legal_action: template.mentionsLegalAction ? 1 : 0,
      created_by: createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findTemplate(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<StoredTemplateRow | undefined> {
  return db
    .selectFrom('message_templates')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The tenant's templates, by identity then version; only the active ones when asked. */
export async function listStoredTemplates(
  db: Kysely<Database>,
  tenantId: number,
  filter: { activeOnly?: boolean } = {},
): Promise<StoredTemplateRow[]> {
  let query = db.selectFrom('message_templates').selectAll().where('tenant_id', '=', tenantId)
  if (filter.activeOnly) query = query.where('activated_at', 'is not', null)
  return query
    .orderBy('key')
    .orderBy('channel')
    .orderBy('tone')
    .orderBy('locale')
    .orderBy('version')
    .execute()
}

/** Marks a version active (once; an active version stays active). True when this call activated it. */
export async function markTemplateActive(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
  at: string,
  by: string,
): Promise<boolean> {
  const result = await db
    .updateTable('message_templates')
    .set({ activated_at: at, activated_by: by })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('activated_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** A stored row as the template the renderer uses. */
export function templateOfRow(row: StoredTemplateRow): MessageTemplate {
  return {
    key: row.key,
    version: row.version,
    channel: row.channel,
    tone: row.tone,
    locale: row.locale as MessageTemplate['locale'],
    ...(row.subject === null ? {} : { subject: row.subject }),
    body: row.body,
    ...(row.mentions_legal_action ? { mentionsLegalAction: true } : {}),
  }
}
