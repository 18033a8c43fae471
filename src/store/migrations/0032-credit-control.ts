import { type Kysely, sql } from 'kysely'
import { columnTypes } from './migration-helpers.ts'

/*
 * Credit control, where collection starts (docs/credit-control.md). `credit_policies` holds a client's
 * default payment terms and credit limit (client_id null: the tenant's own book, accounts held for no
 * client); `debtor_credit_terms` holds one debtor's override of either, per client. A limit is minor
 * units of one currency (both or neither); terms are whole days 0..365. Partial unique indexes keep
 * one row per client (and per debtor and client) on both databases, the null client included.
 */

/** Creates credit_policies and debtor_credit_terms. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { stampType, now, withId } = columnTypes(db)
  const limitPair = sql.raw(
    '((limit_minor is null and limit_currency is null) or (limit_minor is not null and limit_currency is not null and limit_minor >= 0))',
  )
  await db.schema
    .createTable('credit_policies')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('client_id', 'bigint')
    .addColumn('terms_days', 'integer', (c) => c.notNull().check(sql`terms_days >= 0 and terms_days <= 365`))
    .addColumn('limit_minor', 'bigint')
    .addColumn('limit_currency', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', stampType, (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('credit_policies_limit', limitPair)
    .addForeignKeyConstraint('credit_policies_client_fk', ['client_id', 'tenant_id'], 'clients', [
      'id',
      'tenant_id',
    ])
    .execute()
  await db.schema
    .createIndex('credit_policies_client')
    .on('credit_policies')
    .columns(['client_id', 'tenant_id'])
    .unique()
    .where(sql.ref('client_id'), 'is not', null)
    .execute()
  await db.schema
    .createIndex('credit_policies_own_book')
    .on('credit_policies')
    .column('tenant_id')
    .unique()
    .where(sql.ref('client_id'), 'is', null)
    .execute()
  await db.schema
    .createIndex('credit_policies_tenant')
    .on('credit_policies')
    .columns(['tenant_id', 'client_id'])
    .execute()
  await db.schema.createIndex('credit_policies_client_fk').on('credit_policies').column('client_id').execute()

  await db.schema
    .createTable('debtor_credit_terms')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('debtor_id', 'bigint', (c) => c.notNull())
    .addColumn('client_id', 'bigint')
    .addColumn('terms_days', 'integer', (c) =>
      c.check(sql`terms_days is null or (terms_days >= 0 and terms_days <= 365)`),
    )
    .addColumn('limit_minor', 'bigint')
    .addColumn('limit_currency', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', stampType, (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('debtor_credit_terms_limit', limitPair)
    .addForeignKeyConstraint('debtor_credit_terms_debtor_fk', ['debtor_id', 'tenant_id'], 'debtors', [
      'id',
      'tenant_id',
    ])
    .addForeignKeyConstraint('debtor_credit_terms_client_fk', ['client_id', 'tenant_id'], 'clients', [
      'id',
      'tenant_id',
    ])
    .execute()
  await db.schema
    .createIndex('debtor_credit_terms_client')
    .on('debtor_credit_terms')
    .columns(['debtor_id', 'client_id'])
    .unique()
    .where(sql.ref('client_id'), 'is not', null)
    .execute()
  await db.schema
    .createIndex('debtor_credit_terms_own_book')
    .on('debtor_credit_terms')
    .column('debtor_id')
    .unique()
    .where(sql.ref('client_id'), 'is', null)
    .execute()
  await db.schema
    .createIndex('debtor_credit_terms_debtor')
    .on('debtor_credit_terms')
    .columns(['debtor_id', 'tenant_id'])
    .execute()
  await db.schema
    .createIndex('debtor_credit_terms_client_fk')
    .on('debtor_credit_terms')
    .columns(['client_id', 'tenant_id'])
    .execute()
  await db.schema
    .createIndex('debtor_credit_terms_tenant')
    .on('debtor_credit_terms')
    .column('tenant_id')
    .execute()
}

/** Drops them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('debtor_credit_terms').ifExists().execute()
  await db.schema.dropTable('credit_policies').ifExists().execute()
}
