import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'

/** The providers whose ids a development sink holds: the SMTP sender (mail sink) and the SMS sink. */
const SINK_PROVIDERS = ['smtp', 'sms-sink'] as const

/**
 * The tenant's messages among these provider ids (Message-IDs, sids), by provider id: how a captured
 * mail is known to be the tenant's (the mail sink keeps no tenant) and links to its outbox message.
 */
export async function tenantMessagesByProviderId(
  db: Kysely<Database>,
  tenantId: number,
  providerIds: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>()
  if (providerIds.length === 0) return found
  const rows = await db
    .selectFrom('messages')
    .select(['id', 'provider_message_id'])
    .where('tenant_id', '=', tenantId)
    .where('provider', 'in', SINK_PROVIDERS)
    .where('provider_message_id', 'in', [...new Set(providerIds)])
    .execute()
  for (const row of rows) if (row.provider_message_id !== null) found.set(row.provider_message_id, row.id)
  return found
}
