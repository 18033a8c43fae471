import type { Kysely } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * A portal card payment is a charge at the payment provider, then a payment in the books
 * (docs/portal.md, "Payments survive a crash"). The charge is written down before the provider is
 * called and its outcome after, so a process killed between the charge and the booking leaves a
 * `succeeded` row that the dispatcher's pass books (once: the payment's reference is the provider's
 * transaction id), never money taken and not recorded. Unique per tenant and idempotency key: a retry
 * finds the charge it repeats.
 */

/** Spelled out, not imported: a migration must not change when the code moves on. */
const STATUSES = ['charging', 'declined', 'succeeded', 'recorded'] as const

/** Adds portal_charges. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { stampType, now, withId } = columnTypes(db)
  await db.schema
    .createTable('portal_charges')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('debtor_id', 'bigint', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', STATUSES)))
    .addColumn('transaction_id', 'text')
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', stampType, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('portal_charges_tenant_key', ['tenant_id', 'idempotency_key'])
    .addForeignKeyConstraint('portal_charges_account_fk', ['account_id', 'tenant_id'], 'accounts', [
      'id',
      'tenant_id',
    ])
    .addForeignKeyConstraint('portal_charges_debtor_fk', ['debtor_id', 'tenant_id'], 'debtors', [
      'id',
      'tenant_id',
    ])
    .execute()
  // The dispatcher's pass looks for charges that succeeded and were not booked.
  await db.schema
    .createIndex('portal_charges_status')
    .on('portal_charges')
    .columns(['status', 'updated_at'])
    .execute()
  await db.schema.createIndex('portal_charges_account').on('portal_charges').column('account_id').execute()
  await db.schema.createIndex('portal_charges_debtor').on('portal_charges').column('debtor_id').execute()
}

/** Drops it again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('portal_charges').execute()
}
