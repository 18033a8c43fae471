import type { Kysely, Transaction } from 'kysely'
import { dialectOf } from '../dialect.ts'
import type { Database } from '../schema.ts'

/** A delivery the deliverer holds: what to send and where. */
export interface ClaimedDelivery {
  readonly id: number
  readonly tenantId: number
  readonly endpointId: number
  readonly eventId: string
  readonly eventType: string
  readonly payload: string
  readonly attempts: number
  readonly url: string
  readonly secret: string
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints: pending or failed, next attempt at or
 * before `now`. The claim pushes their next attempt `leaseSeconds` ahead, so another deliverer (or
 * this one after a crash) takes them again only once the lease ran out. PostgreSQL skips rows another
 * deliverer is claiming (FOR UPDATE SKIP LOCKED); SQLite has one writer.
 */
export async function claimDueWebhookDeliveries(
  db: Kysely<Database>,
  options: { now: Date; limit: number; leaseSeconds: number },
): Promise<ClaimedDelivery[]> {
  const now = options.now.toISOString()
  const leaseUntil = new Date(options.now.getTime() + options.leaseSeconds * 1000).toISOString()
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .select([
        'd.id',
        'd.tenant_id',
        'd.endpoint_id',
        'd.event_id',
        'd.event_type',
        'd.payload',
        'd.attempts',
        'e.url',
        'e.secret',
      ])
      .where('d.status', 'in', ['pending', 'failed'])
      .where('d.next_attempt_at', '<=', now)
      .where('e.status', '=', 'enabled')
      .orderBy('d.next_attempt_at')
      .orderBy('d.id')
      .limit(options.limit)
      .$if(dialectOf(trx as unknown as Kysely<unknown>) === 'postgres', (qb) =>
        qb.forUpdate('d').skipLocked(),
      )
      .execute()
    if (rows.length === 0) return []
    await trx
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: leaseUntil })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute()
    return rows.map((r) => ({
      id: Number(r.id),
      tenantId: Number(r.tenant_id),
      endpointId: Number(r.endpoint_id),
      eventId: r.event_id,
      eventType: r.event_type,
      payload: r.payload,
      attempts: Number(r.attempts),
      url: r.url,
      secret: r.secret,
    }))
  })
}

/** Records one attempt's outcome on the delivery row. */
export async function recordWebhookAttempt(
  trx: Transaction<Database>,
  id: number,
  outcome: {
    status: 'delivered' | 'failed' | 'dead'
    attempts: number
    statusCode: number | null
    error: string | null
    nextAttemptAt: Date | null
    at: Date
  },
): Promise<void> {
  await trx
    .updateTable('webhook_deliveries')
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      last_status_code: outcome.statusCode,
      last_error: outcome.error,
      next_attempt_at: outcome.nextAttemptAt?.toISOString() ?? null,
      updated_at: outcome.at.toISOString(),
      ...(outcome.status === 'delivered' ? { delivered_at: outcome.at.toISOString() } : {}),
    })
    .where('id', '=', id)
    .execute()
}

/**
 * Counts a dead delivery against its endpoint (or resets the count on success) and returns the
 * endpoint's count of dead deliveries in a row with its status.
 */
export async function countEndpointOutcome(
  trx: Transaction<Database>,
  endpointId: number,
  dead: boolean,
): Promise<{ consecutiveFailures: number; status: string; tenantId: number }> {
  const row = await trx
    .updateTable('webhook_endpoints')
    .set((eb) => ({ consecutive_failures: dead ? eb('consecutive_failures', '+', 1) : eb.val(0) }))
    .where('id', '=', endpointId)
    .returning(['consecutive_failures', 'status', 'tenant_id'])
    .executeTakeFirstOrThrow()
  return {
    consecutiveFailures: Number(row.consecutive_failures),
    status: row.status,
    tenantId: Number(row.tenant_id),
  }
}
