import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import { endpointWants, type WebhookEvent } from '../../core/webhooks/webhook-events.ts'
import type { Database } from '../schema.ts'

/** Deliveries per multi-row INSERT: a run batch announces thousands of stage moves at once. */
const CHUNK = 500

interface EndpointFilter {
  readonly id: number
  readonly eventTypes: readonly string[]
}

/**
 * The tenant's enabled endpoints, read once per transaction: a daily-run batch appends many journal
 * events, and a tenant without endpoints then costs one indexed lookup per transaction, not per event.
 */
const endpointsByTransaction = new WeakMap<object, Map<number, readonly EndpointFilter[]>>()

async function enabledEndpoints(
  trx: Transaction<Database>,
  tenantId: number,
): Promise<readonly EndpointFilter[]> {
  let perTenant = endpointsByTransaction.get(trx)
  if (!perTenant) {
    perTenant = new Map()
    endpointsByTransaction.set(trx, perTenant)
  }
  const cached = perTenant.get(tenantId)
  if (cached) return cached
  const rows = await trx
    .selectFrom('webhook_endpoints')
    .select(['id', 'event_types'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'enabled')
    .execute()
  const endpoints = rows.map((r) => ({ id: Number(r.id), eventTypes: JSON.parse(r.event_types) as string[] }))
  perTenant.set(tenantId, endpoints)
  return endpoints
}

/** A new event id (the webhook-id header): `msg_` + 32 hex characters, the same on every retry. */
export function newWebhookEventId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`
}

/**
 * Puts `events` in the outbox of every enabled endpoint of the tenant that wants them, inside the
 * caller's transaction: the deliveries exist exactly when the change commits. The one enqueue path
 * (appendJournalEvent calls it for journaled changes; the few unjournaled ones call it directly).
 */
export async function enqueueWebhookEvents(
  trx: Transaction<Database>,
  tenantId: number,
  events: readonly WebhookEvent[],
  occurredAt: Date = new Date(),
): Promise<number> {
  if (events.length === 0) return 0
  const endpoints = await enabledEndpoints(trx, tenantId)
  if (endpoints.length === 0) return 0
  const timestamp = occurredAt.toISOString()
  const rows = events.flatMap((event) => {
    const eventId = newWebhookEventId()
    const payload = JSON.stringify({ type: event.type, timestamp, data: event.data })
    return endpoints
      .filter((endpoint) => endpointWants(endpoint.eventTypes, event.type))
      .map((endpoint) => ({
        tenant_id: tenantId,
        endpoint_id: endpoint.id,
        event_id: eventId,
        event_type: event.type,
        payload,
        status: 'pending' as const,
        next_attempt_at: timestamp,
        updated_at: timestamp,
      }))
  })
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('webhook_deliveries')
      .values(rows.slice(i, i + CHUNK))
      .execute()
  }
  return rows.length
}
