import type { Kysely } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * Foreign keys from tenant-owned rows to their parents are composite, (parent_id, tenant_id) →
 * parent(id, tenant_id): one check proves both that the parent exists and that it belongs to the same
 * tenant, so no row can ever point into another tenant's books. It is also one check instead of two,
 * which matters on the million-row intake path (each FK check costs a lookup per row). The id comes
 * first on purpose: a key led by tenant_id let PostgreSQL, before its first ANALYZE of a fresh table,
 * check each row by scanning the tenant's accounts through another tenant-led index (quadratic).
 * accounts.import_run_id is bookkeeping for duplicate detection and deliberately carries no FK.
 *
 * The system of record: tenants, clients, debtors with addresses and contact points, accounts with
 * an append-only ledger, the hash-chained journal and import runs. Written once for both databases;
 * the only differences are the id column and the calendar-date type (PostgreSQL `date`, SQLite text).
 */

/** Creates the system-of-record tables and their indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { dateType, stampType, now, withId } = columnTypes(db)

  await withId(db.schema.createTable('tenants'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['creditor', 'agency'])))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('default_currency', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .execute()

  await withId(db.schema.createTable('clients'))
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('clients_tenant_external', ['tenant_id', 'external_id'])
    .addUniqueConstraint('clients_id_tenant', ['id', 'tenant_id'])
    .execute()

  await withId(db.schema.createTable('debtors'))
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['person', 'business'])))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('preferred_language', 'text')
    .addColumn('stated_time_zone', 'text')
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('debtors_tenant_external', ['tenant_id', 'external_id'])
    .addUniqueConstraint('debtors_id_tenant', ['id', 'tenant_id'])
    .execute()

  await withId(db.schema.createTable('debtor_addresses'))
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('debtor_id', 'bigint', (c) => c.notNull())
    .addColumn('line1', 'text')
    .addColumn('line2', 'text')
    .addColumn('city', 'text')
    .addColumn('region', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text')
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addForeignKeyConstraint('debtor_addresses_debtor_fk', ['debtor_id', 'tenant_id'], 'debtors', [
      'id',
      'tenant_id',
    ])
    .execute()
  await db.schema.createIndex('debtor_addresses_debtor').on('debtor_addresses').column('debtor_id').execute()

  await withId(db.schema.createTable('contact_points'))
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('debtor_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['phone', 'email', 'postal'])))
    .addColumn('phone_type', 'text', (c) => c.check(oneOf('phone_type', ['mobile', 'landline', 'work'])))
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('address_id', 'bigint', (c) => c.references('debtor_addresses.id'))
    .addColumn('consent', 'text', (c) =>
      c
        .notNull()
        .defaultTo('unknown')
        .check(oneOf('consent', ['unknown', 'granted', 'revoked'])),
    )
    .addColumn('consent_at', stampType)
    .addColumn('opted_out_at', stampType)
    .addColumn('time_zone', 'text')
    .addForeignKeyConstraint('contact_points_debtor_fk', ['debtor_id', 'tenant_id'], 'debtors', [
      'id',
      'tenant_id',
    ])
    .execute()
  await db.schema.createIndex('contact_points_debtor').on('contact_points').column('debtor_id').execute()

  await withId(db.schema.createTable('import_runs'))
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', ['running', 'completed', 'failed'])),
    )
    .addColumn('started_at', stampType, (c) => c.notNull())
    .addColumn('finished_at', stampType)
    .addColumn('counts', 'text')
    .execute()

  await withId(db.schema.createTable('accounts'))
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('client_id', 'bigint')
    .addColumn('debtor_id', 'bigint', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('original_creditor', 'text', (c) => c.notNull())
    .addColumn('current_creditor', 'text', (c) => c.notNull())
    .addColumn('debt_kind', 'text', (c) => c.notNull().check(oneOf('debt_kind', ['consumer', 'commercial'])))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('opened_on', dateType, (c) => c.notNull())
    .addColumn('due_on', dateType, (c) => c.notNull())
    .addColumn('charge_off_on', dateType)
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', ['open', 'paid', 'settled', 'written_off', 'closed'])),
    )
    .addColumn('attributes', 'text')
    // The import run that created the account: a second row with the same id in that run is a duplicate.
    .addColumn('import_run_id', 'bigint')
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('accounts_tenant_external', ['tenant_id', 'external_id'])
    .addUniqueConstraint('accounts_id_tenant', ['id', 'tenant_id'])
    .addForeignKeyConstraint('accounts_debtor_fk', ['debtor_id', 'tenant_id'], 'debtors', ['id', 'tenant_id'])
    .addForeignKeyConstraint('accounts_client_fk', ['client_id', 'tenant_id'], 'clients', ['id', 'tenant_id'])
    .execute()
  // The daily run and the reports walk a tenant's open accounts by due date. No index on client_id alone:
  // per-client reports scan the tenant anyway, and the (tenant_id, client_id) FK is checked on clients.
  await db.schema
    .createIndex('accounts_tenant_status_due')
    .on('accounts')
    .columns(['tenant_id', 'status', 'due_on'])
    .execute()
  await db.schema.createIndex('accounts_debtor').on('accounts').column('debtor_id').execute()

  await withId(db.schema.createTable('account_instalments'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('due_on', dateType, (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('account_instalments_account_seq', ['account_id', 'seq'])
    .execute()

  await withId(db.schema.createTable('ledger_entries'))
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          oneOf('kind', ['charge', 'payment', 'fee', 'interest', 'adjustment', 'write_off', 'reversal']),
        ),
    )
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('effective_on', dateType, (c) => c.notNull())
    .addColumn('posted_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('external_id', 'text')
    .addColumn('reverses_id', 'bigint', (c) => c.references('ledger_entries.id'))
    .addColumn('memo', 'text')
    .addForeignKeyConstraint('ledger_entries_account_fk', ['account_id', 'tenant_id'], 'accounts', [
      'id',
      'tenant_id',
    ])
    .execute()
  // Balances as of a date sum an account's entries up to that date; the unique key makes re-posting from
  // the same source (an import, a bank statement line) a no-op.
  await db.schema
    .createIndex('ledger_entries_account_effective')
    .on('ledger_entries')
    .columns(['account_id', 'effective_on', 'amount_minor'])
    .execute()
  await db.schema
    .createIndex('ledger_entries_account_external')
    .on('ledger_entries')
    .columns(['account_id', 'external_id'])
    .unique()
    .execute()

  await withId(db.schema.createTable('journal_events'))
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    // Text, not timestamptz, in both databases: the hash covers the stored characters exactly.
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('journal_events_tenant_seq', ['tenant_id', 'seq'])
    .execute()
  await db.schema
    .createIndex('journal_events_subject')
    .on('journal_events')
    .columns(['tenant_id', 'subject'])
    .execute()

  await db.schema
    .createTable('journal_heads')
    .addColumn('tenant_id', 'bigint', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
}

/** Drops everything `up` created, newest first. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'import_runs',
    'journal_heads',
    'journal_events',
    'ledger_entries',
    'account_instalments',
    'accounts',
    'contact_points',
    'debtor_addresses',
    'debtors',
    'clients',
    'tenants',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
