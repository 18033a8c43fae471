import type { Kysely, Selectable, Transaction } from 'kysely'
import type { PageRequest } from '../../core/paging/page-cursor.ts'
import { keysetAfter, keysetOrder } from '../paging.ts'
import type { Database, WebhookDeliveryTable, WebhookEndpointTable } from '../schema.ts'

export type WebhookEndpointRow = Selectable<WebhookEndpointTable>
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>

/** Stores a new enabled endpoint. */
export async function insertWebhookEndpoint(
  trx: Transaction<Database>,
  endpoint: {
    tenantId: number
    url: string
    description: string
    secret: string
    eventTypes: readonly string[]
    createdBy: string
  },
): Promise<WebhookEndpointRow> {
  return trx
    .insertInto('webhook_endpoints')
    .values({
      tenant_id: endpoint.tenantId,
      url: endpoint.url,
      description: endpoint.description,
      secret: endpoint.secret,
      event_types: JSON.stringify(endpoint.eventTypes),
      status: 'enabled',
      disabled_reason: null,
      created_by: endpoint.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The tenant's endpoints, oldest first. */
export async function listWebhookEndpointRows(
  db: Kysely<Database>,
  tenantId: number,
): Promise<WebhookEndpointRow[]> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute()
}

/** One endpoint of the tenant (another tenant's id finds nothing). */
export async function findWebhookEndpoint(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<WebhookEndpointRow | undefined> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Changes an endpoint's url, description, event filter or status; returns the row as stored. */
export async function updateWebhookEndpointRow(
  trx: Transaction<Database>,
  id: number,
  changes: {
    url?: string
    description?: string
    eventTypes?: readonly string[]
    status?: 'enabled' | 'disabled'
    disabledReason?: string | null
    consecutiveFailures?: number
  },
  now: Date,
): Promise<WebhookEndpointRow> {
  return trx
    .updateTable('webhook_endpoints')
    .set({
      ...(changes.url === undefined ? {} : { url: changes.url }),
      ...(changes.description === undefined ? {} : { description: changes.description }),
      ...(changes.eventTypes === undefined ? {} : { event_types: JSON.stringify(changes.eventTypes) }),
      ...(changes.status === undefined ? {} : { status: changes.status }),
      ...(changes.disabledReason === undefined ? {} : { disabled_reason: changes.disabledReason }),
      ...(changes.consecutiveFailures === undefined
        ? {}
        : { consecutive_failures: changes.consecutiveFailures }),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Deletes an endpoint with its delivery log. */
export async function deleteWebhookEndpointRow(trx: Transaction<Database>, id: number): Promise<void> {
  await trx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute()
  await trx.deleteFrom('webhook_endpoints').where('id', '=', id).execute()
}

/** One page of an endpoint's delivery log (fetches limit + 1 rows for pageOf). */
export async function listWebhookDeliveryRows(
  db: Kysely<Database>,
  endpointId: number,
  page: PageRequest,
): Promise<WebhookDeliveryRow[]> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .where(keysetAfter('id', 'id', page))
    .orderBy(keysetOrder('id', 'id', page))
    .limit(page.limit + 1)
    .execute()
}

/** One delivery of the tenant. */
export async function findWebhookDelivery(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<WebhookDeliveryRow | undefined> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Makes a delivery due again now with a fresh attempt budget (manual replay). */
export async function requeueWebhookDelivery(trx: Transaction<Database>, id: number, now: Date) {
  return trx
    .updateTable('webhook_deliveries')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}
