import { type Kysely, sql } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * Placements with agencies and law firms (docs/placements.md). A partner carries its commission terms
 * as JSON text checked by src/core/placements/commission-terms.ts. A placement hands one account to
 * one partner: the unique partial index keeps at most one active placement per account on both
 * databases, so two placers racing for an account place it once. The rate the account falls in is
 * copied onto the placement when it is made, so later changes of terms never reprice it.
 * `outbox_id` ties a placement to the approved playbook action it carried out: one placement per row.
 */

export const PARTNER_KINDS = ['agency', 'law_firm'] as const
export const REMIT_MODES = ['gross', 'net'] as const
export const PLACEMENT_STATUSES = ['active', 'recalled'] as const

/** Creates partners and placements. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { dateType, stampType, now, withId } = columnTypes(db)
  await db.schema
    .createTable('partners')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    // What playbooks and people name it by (`place_with_agency: { agency: CODE }`).
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', [...PARTNER_KINDS])))
    .addColumn('remit', 'text', (c) => c.notNull().check(oneOf('remit', [...REMIT_MODES])))
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('partners_code', ['tenant_id', 'code'])
    .execute()
  await db.schema
    .createTable('placements')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('partner_id', 'bigint', (c) => c.notNull().references('partners.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', [...PLACEMENT_STATUSES])))
    .addColumn('placed_on', dateType, (c) => c.notNull())
    .addColumn('expected_return_on', dateType, (c) => c.notNull())
    // The tier's percentage (decimal text) and the fixed fee (minor units) fixed at placement.
    .addColumn('commission_percent', 'text', (c) => c.notNull())
    .addColumn('fixed_fee_minor', 'bigint', (c) => c.notNull())
    .addColumn('balance_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'bigint', (c) => c.references('outbox.id'))
    .addColumn('placed_by', 'text', (c) => c.notNull())
    .addColumn('recalled_on', dateType)
    .addColumn('recall_reason', 'text')
    .addColumn('recalled_by', 'text')
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('placements_outbox', ['outbox_id'])
    .execute()
  await db.schema
    .createIndex('placements_one_active')
    .on('placements')
    .column('account_id')
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute()
  await db.schema.createIndex('placements_tenant').on('placements').columns(['tenant_id', 'status']).execute()
  await db.schema
    .createIndex('placements_partner')
    .on('placements')
    .columns(['partner_id', 'placed_on'])
    .execute()
}

/** Drops them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('placements').ifExists().execute()
  await db.schema.dropTable('partners').ifExists().execute()
}
