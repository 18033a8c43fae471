import { type Kysely, sql } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * Money flows: every ledger entry now names the component it moves (principal, interest, fee, cost,
 * or a credit balance from an overpayment) and, for allocation lines, the payment they belong to.
 * Payments are recorded once per source transaction id (the idempotency key of a bank line or an API
 * request); bank statements and their unmatched credits, payment plans with their instalments,
 * settlements and hardship pauses get their own tables. Existing fee and interest entries are labelled
 * with their component; everything else was principal.
 */

const ACCOUNT_FK = ['account_id', 'tenant_id'] as const
const KEY = ['id', 'tenant_id'] as const

/** Adds the money-flow tables and the ledger's component column. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { dateType, stampType, now, withId } = columnTypes(db)

  await db.schema
    .alterTable('ledger_entries')
    .addColumn('component', 'text', (c) =>
      c
        .notNull()
        .defaultTo('principal')
        .check(oneOf('component', ['principal', 'interest', 'fee', 'cost', 'credit'])),
    )
    .execute()
  await db.schema.alterTable('ledger_entries').addColumn('payment_id', 'bigint').execute()
  // Finding an entry's reversal (and deleting an entry: its FK is self-referencing) needs this index.
  await db.schema.createIndex('ledger_entries_reverses').on('ledger_entries').column('reverses_id').execute()
  await sql`update ledger_entries set component = 'fee' where kind = 'fee'`.execute(db)
  await sql`update ledger_entries set component = 'interest' where kind = 'interest'`.execute(db)

  await db.schema
    .createTable('payments')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor > 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('received_on', dateType, (c) => c.notNull())
    .addColumn('source', 'text', (c) =>
      c.notNull().check(oneOf('source', ['api', 'cli', 'csv', 'camt.053', 'camt.054'])),
    )
    // The source's transaction id (bank reference, API request id): a payment is recorded once.
    .addColumn('external_id', 'text', (c) => c.notNull())
    // The payer's end-to-end id (ISO 20022): how a later return or chargeback names the payment.
    .addColumn('end_to_end_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['posted', 'reversed'])))
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('credit_minor', 'bigint', (c) => c.notNull())
    .addColumn('reversed_at', stampType)
    .addColumn('reversal_reason', 'text')
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('payments_tenant_external', ['tenant_id', 'external_id'])
    .addUniqueConstraint('payments_id_tenant', [...KEY])
    .addForeignKeyConstraint('payments_account_fk', [...ACCOUNT_FK], 'accounts', [...KEY])
    .execute()
  await db.schema.createIndex('payments_account').on('payments').column('account_id').execute()

  await db.schema
    .createTable('bank_statements')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('statement_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('imported_at', stampType, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('bank_statements_tenant_file', ['tenant_id', 'file_sha256'])
    .execute()

  await db.schema
    .createTable('unmatched_credits')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('bank_statement_id', 'bigint', (c) => c.references('bank_statements.id'))
    .addColumn('bank_transaction_id', 'text', (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('booked_on', dateType, (c) => c.notNull())
    .addColumn('debtor_name', 'text')
    .addColumn('remittance', 'text', (c) => c.notNull())
    .addColumn('suggestions', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['open', 'matched', 'dismissed'])))
    .addColumn('payment_id', 'bigint')
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('unmatched_credits_tenant_tx', ['tenant_id', 'bank_transaction_id'])
    .execute()

  await db.schema
    .createTable('payment_plans')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', ['active', 'completed', 'broken', 'cancelled'])),
    )
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .addColumn('down_payment_minor', 'bigint', (c) => c.notNull())
    .addColumn('grace_days', 'integer', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('broken_on', dateType)
    .addColumn('replaces_plan_id', 'bigint')
    .addColumn('created_on', dateType, (c) => c.notNull())
    .addUniqueConstraint('payment_plans_id_tenant', [...KEY])
    .addForeignKeyConstraint('payment_plans_account_fk', [...ACCOUNT_FK], 'accounts', [...KEY])
    .execute()
  await db.schema.createIndex('payment_plans_account').on('payment_plans').column('account_id').execute()

  await db.schema
    .createTable('plan_instalments')
    .addColumn('plan_id', 'bigint', (c) => c.notNull().references('payment_plans.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('due_on', dateType, (c) => c.notNull())
    .addColumn('amount_minor', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_instalments_pk', ['plan_id', 'seq'])
    .execute()

  await db.schema
    .createTable('settlements')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('offer_minor', 'bigint', (c) => c.notNull())
    // The account's last payment id when the offer was made: only later payments count towards it.
    .addColumn('after_payment_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_on', dateType, (c) => c.notNull())
    .addColumn('expires_on', dateType, (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(oneOf('status', ['offered', 'paid', 'expired', 'withdrawn'])),
    )
    .addColumn('approved_by', 'text')
    .addColumn('settled_on', dateType)
    .addForeignKeyConstraint('settlements_account_fk', [...ACCOUNT_FK], 'accounts', [...KEY])
    .execute()
  await db.schema.createIndex('settlements_account').on('settlements').column('account_id').execute()

  await db.schema
    .createTable('hardship_pauses')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('from_on', dateType, (c) => c.notNull())
    .addColumn('to_on', dateType, (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addForeignKeyConstraint('hardship_pauses_account_fk', [...ACCOUNT_FK], 'accounts', [...KEY])
    .execute()

  await db.schema.alterTable('promises').addColumn('channel', 'text').execute()
  await db.schema.alterTable('promises').addColumn('taken_by', 'text').execute()
  await db.schema.alterTable('disputes').addColumn('channel', 'text').execute()
  await db.schema.alterTable('disputes').addColumn('documents', 'text').execute()
  // The day the promise was taken in the creditor's zone: payments count from then (not from the
  // insert's wall clock, so a promise recorded the next morning still counts the evening's payment).
  await db.schema.alterTable('promises').addColumn('taken_on', dateType).execute()
  // Why and when an account closed (settled, written off): the status alone does not say.
  await db.schema.alterTable('accounts').addColumn('closed_on', dateType).execute()
  await db.schema.alterTable('accounts').addColumn('close_reason', 'text').execute()
  // What a paid settlement wrote off, so the closure is readable without summing the ledger.
  await db.schema.alterTable('settlements').addColumn('write_off_minor', 'bigint').execute()
}

/** Drops the money-flow tables (the ledger keeps its new columns: SQLite cannot drop a CHECKed column). */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'hardship_pauses',
    'settlements',
    'plan_instalments',
    'payment_plans',
    'unmatched_credits',
    'bank_statements',
    'payments',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
