import type { Kysely } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * Outbound webhooks: the endpoints a tenant registers and the outbox of deliveries to them. A
 * delivery row is written in the same transaction as the change it reports (so a committed change is
 * never lost and a rolled-back one is never announced); the deliverer works the outbox afterwards.
 *
 * The signing secret is stored as given out: Standard Webhooks signatures are HMAC-SHA256, which needs
 * the secret itself on every delivery, so it cannot be hashed like an API key. Encrypting it would need
 * a key Recoup keeps next to the database anyway. It is shown once, at creation, and never listed.
 */

/** Adds webhook_endpoints and webhook_deliveries. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { stampType, now, withId } = columnTypes(db)
  await db.schema
    .createTable('webhook_endpoints')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // `whsec_` + base64 of 32 random bytes.
    .addColumn('secret', 'text', (c) => c.notNull())
    // JSON array of event types; an empty array means every event.
    .addColumn('event_types', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['enabled', 'disabled'])))
    .addColumn('disabled_reason', 'text')
    // Dead deliveries in a row; a delivered one resets it.
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', stampType, (c) => c.notNull().defaultTo(now))
    .execute()
  // The enqueue lookup on every journaled change: the tenant's enabled endpoints.
  await db.schema
    .createIndex('webhook_endpoints_tenant')
    .on('webhook_endpoints')
    .columns(['tenant_id', 'status'])
    .execute()

  await db.schema
    .createTable('webhook_deliveries')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('endpoint_id', 'bigint', (c) => c.notNull().references('webhook_endpoints.id'))
    // The webhook-id header: the same on every attempt (receivers deduplicate on it).
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', ['pending', 'delivered', 'failed', 'dead'])),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', stampType)
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('delivered_at', stampType)
    .execute()
  await db.schema
    .createIndex('webhook_deliveries_tenant')
    .on('webhook_deliveries')
    .column('tenant_id')
    .execute()
  await db.schema
    .createIndex('webhook_deliveries_endpoint')
    .on('webhook_deliveries')
    .columns(['endpoint_id', 'id'])
    .execute()
  // The deliverer's claim: due rows that still wait (pending or failed and to be retried).
  await db.schema
    .createIndex('webhook_deliveries_due')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute()
}

/** Drops them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute()
  await db.schema.dropTable('webhook_endpoints').execute()
}
