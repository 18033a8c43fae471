import { type Kysely, sql } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * Remittances from partners and their reconciliation (docs/placements.md, "Remittance file in"). A
 * remittance is one file a partner sent; each of its lines keeps its status, the amounts read and the
 * amounts computed, so the reconciliation can be shown again. A line that booked a payment holds its
 * id, and the partial unique index on (partner, reference) over booked lines makes "the same line
 * twice" impossible on both databases. `placement_commissions` records the commission charged per
 * placement (contingency per remitted line, the fixed fee once: the partial unique index), so "was
 * the fixed fee already charged" is answered from data. `placement_updates` keeps the partners'
 * status reports (contacted, promise, dispute reported, uncollectable, recall requested).
 */

export const REMITTANCE_LINE_STATUSES = [
  'matched',
  'difference',
  'unmatched',
  'duplicate',
  'forwarded',
  'error',
] as const
export const COMMISSION_KINDS = ['contingency', 'fixed_fee'] as const
export const PARTNER_STATUSES = [
  'contacted',
  'no_contact',
  'promise',
  'payment_plan',
  'dispute_reported',
  'uncollectable',
  'recall_requested',
] as const

/** Creates remittances, their lines, commissions and partner status updates. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { dateType, stampType, now, withId } = columnTypes(db)
  await db.schema
    .createTable('remittances')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('partner_id', 'bigint', (c) => c.notNull().references('partners.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema
    .createIndex('remittances_partner')
    .on('remittances')
    .columns(['tenant_id', 'partner_id'])
    .execute()
  await db.schema
    .createTable('remittance_lines')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('remittance_id', 'bigint', (c) => c.notNull().references('remittances.id'))
    .addColumn('partner_id', 'bigint', (c) => c.notNull().references('partners.id'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', [...REMITTANCE_LINE_STATUSES])))
    // As read from the file (text: an unmatched line may name no placement of ours).
    .addColumn('placement_ref', 'text', (c) => c.notNull())
    .addColumn('account_ref', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('paid_on', dateType)
    .addColumn('placement_id', 'bigint', (c) => c.references('placements.id'))
    .addColumn('currency', 'text')
    .addColumn('collected_minor', 'bigint')
    .addColumn('commission_due_minor', 'bigint')
    .addColumn('commission_withheld_minor', 'bigint')
    .addColumn('net_expected_minor', 'bigint')
    .addColumn('net_remitted_minor', 'bigint')
    .addColumn('difference_minor', 'bigint')
    .addColumn('payment_id', 'bigint', (c) => c.references('payments.id'))
    // JSON [{ field, reason }]: why the line is not matched, a duplicate or an error.
    .addColumn('problems', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('remittance_lines_remittance')
    .on('remittance_lines')
    .columns(['remittance_id', 'line'])
    .execute()
  await db.schema
    .createIndex('remittance_lines_booked')
    .on('remittance_lines')
    .columns(['tenant_id', 'partner_id', 'reference'])
    .unique()
    .where(sql.ref('payment_id'), 'is not', null)
    .execute()
  await db.schema
    .createIndex('remittance_lines_placement')
    .on('remittance_lines')
    .column('placement_id')
    .execute()
  await db.schema
    .createTable('placement_commissions')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('placement_id', 'bigint', (c) => c.notNull().references('placements.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', [...COMMISSION_KINDS])))
    .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('charged_on', dateType, (c) => c.notNull())
    // The remitted line it was charged on; null for a fixed fee charged at placement.
    .addColumn('remittance_line_id', 'bigint', (c) => c.references('remittance_lines.id'))
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema
    .createIndex('placement_commissions_fixed_fee')
    .on('placement_commissions')
    .column('placement_id')
    .unique()
    .where(sql.ref('kind'), '=', 'fixed_fee')
    .execute()
  await db.schema
    .createIndex('placement_commissions_tenant')
    .on('placement_commissions')
    .columns(['tenant_id', 'charged_on'])
    .execute()
  await db.schema
    .createIndex('placement_commissions_placement')
    .on('placement_commissions')
    .column('placement_id')
    .execute()
  await db.schema
    .createTable('placement_updates')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('placement_id', 'bigint', (c) => c.notNull().references('placements.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', [...PARTNER_STATUSES])))
    .addColumn('reported_on', dateType, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema
    .createIndex('placement_updates_placement')
    .on('placement_updates')
    .columns(['placement_id', 'reported_on'])
    .execute()
  // Every foreign key its own index, so deleting a parent row never scans these tables.
  for (const [table, column] of [
    ['remittances', 'partner_id'],
    ['remittance_lines', 'partner_id'],
    ['remittance_lines', 'payment_id'],
    ['placement_commissions', 'remittance_line_id'],
    ['placement_updates', 'tenant_id'],
  ] as const)
    await db.schema.createIndex(`${table}_${column}`).on(table).column(column).execute()
}

/** Drops them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('placement_updates').ifExists().execute()
  await db.schema.dropTable('placement_commissions').ifExists().execute()
  await db.schema.dropTable('remittance_lines').ifExists().execute()
  await db.schema.dropTable('remittances').ifExists().execute()
}
