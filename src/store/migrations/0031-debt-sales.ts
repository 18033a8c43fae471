import { type Kysely, sql } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * Debt sales (docs/debt-sale.md). A sale is a portfolio of accounts chosen by filter and offered to a
 * buyer at a price: `draft` while it is valued and its files are produced, then `closed` (the accounts
 * are sold) or `cancelled`. `sale_accounts` links each account to the sale with the figures of its last
 * valuation; `sold` is the account's sale link while the buyer owns it (the unique partial index keeps
 * one per account on both databases, so two sales racing for an account sell it once); a put-back in the
 * buy-back window makes it `bought_back`. The account itself is closed with status `closed` and its
 * balance taken to zero by an `adjustment` (external id `sale:<id>#component`): the ledger's kinds are
 * CHECKed in 0001 and SQLite cannot alter a CHECK without rebuilding the append-only ledger, so the sale
 * is told apart by the link and the key, not by a new kind. Payments received for a sold account are
 * recorded in `forwarded_payments` (the buyer's money), never booked in the ledger.
 */

export const SALE_STATUSES = ['draft', 'closed', 'cancelled'] as const
export const SALE_ACCOUNT_STATUSES = ['selected', 'sold', 'bought_back'] as const
export const VALUATION_BASES = ['score', 'age'] as const

/** Creates sales, their accounts and the forwarded payments. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { dateType, stampType, now, withId } = columnTypes(db)
  await db.schema
    .createTable('sales')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('buyer', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', [...SALE_STATUSES])))
    // The filter the portfolio was selected by, as JSON text (what the sale file's audit answers).
    .addColumn('filter', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // Exact decimal text: the price as a percentage of expected recovery, the recovery fraction of scored accounts.
    .addColumn('price_percent', 'text', (c) => c.notNull())
    .addColumn('recovery_fraction', 'text', (c) => c.notNull())
    .addColumn('buyback_days', 'integer', (c) => c.notNull())
    .addColumn('valued_on', dateType, (c) => c.notNull())
    .addColumn('balance_minor', 'bigint', (c) => c.notNull())
    .addColumn('expected_minor', 'bigint', (c) => c.notNull())
    .addColumn('price_minor', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addColumn('closed_on', dateType)
    .addColumn('closed_by', 'text')
    .addColumn('cancelled_at', stampType)
    .addColumn('cancel_reason', 'text')
    .execute()
  await db.schema.createIndex('sales_tenant').on('sales').columns(['tenant_id', 'status']).execute()
  await db.schema
    .createTable('sale_accounts')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('sale_id', 'bigint', (c) => c.notNull().references('sales.id'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', [...SALE_ACCOUNT_STATUSES])))
    // The last valuation: balance, how expected recovery was estimated, the expected amount and price.
    .addColumn('balance_minor', 'bigint', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull().check(oneOf('basis', [...VALUATION_BASES])))
    .addColumn('payment_ppm', 'bigint')
    .addColumn('recovery_rate', 'text', (c) => c.notNull())
    .addColumn('expected_minor', 'bigint', (c) => c.notNull())
    .addColumn('price_minor', 'bigint', (c) => c.notNull())
    .addColumn('sold_on', dateType)
    .addColumn('bought_back_on', dateType)
    .addColumn('buyback_reason', 'text')
    .addUniqueConstraint('sale_accounts_sale_account', ['sale_id', 'account_id'])
    .execute()
  await db.schema
    .createIndex('sale_accounts_one_sold')
    .on('sale_accounts')
    .column('account_id')
    .unique()
    .where(sql.ref('status'), '=', 'sold')
    .execute()
  await db.schema.createIndex('sale_accounts_tenant').on('sale_accounts').column('tenant_id').execute()
  await db.schema
    .createTable('forwarded_payments')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('sale_id', 'bigint', (c) => c.notNull().references('sales.id'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor > 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('received_on', dateType, (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    // The payment's reference (normalised like payments.external_id): a second post is a replay.
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('forwarded_payments_reference', ['tenant_id', 'external_id'])
    .execute()
  await db.schema
    .createIndex('forwarded_payments_sale')
    .on('forwarded_payments')
    .columns(['sale_id', 'account_id'])
    .execute()
  await db.schema
    .createIndex('forwarded_payments_account')
    .on('forwarded_payments')
    .column('account_id')
    .execute()
}

/** Drops them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('forwarded_payments').ifExists().execute()
  await db.schema.dropTable('sale_accounts').ifExists().execute()
  await db.schema.dropTable('sales').ifExists().execute()
}
