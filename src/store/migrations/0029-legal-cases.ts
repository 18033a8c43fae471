import { type Kysely, sql } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * Legal cases (docs/legal-cases.md). A case is brought against one debtor on one or more of the
 * debtor's accounts (`legal_case_accounts`); `held` is 1 while the case holds the account from the
 * playbook's outreach (open or after judgment), and the unique partial index keeps at most one such
 * case per account on both databases, so two people opening a case on one account open it once.
 * The claim is stored with its breakdown in integer minor units of the case's currency; the case's
 * facts (cheque dates, Letter of Claim, mediation, statutory demand) and the escalation figures are
 * JSON text checked by src/core/legal. Hearings are their own rows. A call task made for a case's
 * deadline names the case (`call_tasks.legal_case_id`): it is internal work, not a call to the debtor.
 */

export const CASE_KIND_VALUES = [
  'recovery_suit',
  'summary_suit',
  'ni_act_138',
  'arbitration',
  'pre_institution_mediation',
  'lok_adalat',
  'small_claims',
  'uk_money_claim',
  'insolvency_petition',
  'statutory_demand',
  'enforcement',
] as const
export const CASE_STATUS_VALUES = [
  'draft',
  'open',
  'judgment',
  'settled',
  'withdrawn',
  'dismissed',
  'closed',
] as const
export const CASE_OUTCOME_VALUES = ['judgment', 'settlement', 'withdrawal', 'dismissal'] as const

/** Creates legal_cases, legal_case_accounts, legal_case_hearings; call_tasks.legal_case_id. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { dateType, stampType, now, withId } = columnTypes(db)
  await db.schema
    .createTable('legal_cases')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('debtor_id', 'bigint', (c) => c.notNull().references('debtors.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', [...CASE_KIND_VALUES])))
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', [...CASE_STATUS_VALUES])))
    .addColumn('forum', 'text')
    .addColumn('case_number', 'text')
    // JSON text: { claimant, respondent }.
    .addColumn('parties', 'text', (c) => c.notNull())
    .addColumn('counsel_partner_id', 'bigint', (c) => c.references('partners.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('principal_minor', 'bigint', (c) => c.notNull())
    .addColumn('interest_minor', 'bigint', (c) => c.notNull())
    .addColumn('costs_minor', 'bigint', (c) => c.notNull())
    .addColumn('claim_minor', 'bigint', (c) => c.notNull())
    .addColumn('court_fee_minor', 'bigint', (c) => c.notNull())
    .addColumn('counsel_fee_minor', 'bigint', (c) => c.notNull())
    .addColumn('costs_recoverable', 'integer', (c) => c.notNull())
    // Null while the case is a draft (prepared, not filed).
    .addColumn('filed_on', dateType)
    // JSON text: the case's facts (src/core/legal/case-facts.ts) and the escalation figures.
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('economics', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.check(oneOf('outcome', [...CASE_OUTCOME_VALUES])))
    .addColumn('outcome_on', dateType)
    .addColumn('judgment_minor', 'bigint')
    .addColumn('settlement_minor', 'bigint')
    // Decimal text, percent a year.
    .addColumn('post_judgment_rate', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('closed_on', dateType)
    .addColumn('closed_by', 'text')
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema
    .createIndex('legal_cases_tenant')
    .on('legal_cases')
    .columns(['tenant_id', 'status'])
    .execute()
  await db.schema.createIndex('legal_cases_debtor').on('legal_cases').column('debtor_id').execute()
  await db.schema.createIndex('legal_cases_counsel').on('legal_cases').column('counsel_partner_id').execute()
  await db.schema
    .createTable('legal_case_accounts')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('case_id', 'bigint', (c) => c.notNull().references('legal_cases.id'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('held', 'integer', (c) => c.notNull())
    .addUniqueConstraint('legal_case_accounts_pair', ['case_id', 'account_id'])
    .execute()
  await db.schema
    .createIndex('legal_case_accounts_one_held')
    .on('legal_case_accounts')
    .column('account_id')
    .unique()
    .where(sql.ref('held'), '=', 1)
    .execute()
  await db.schema
    .createIndex('legal_case_accounts_tenant')
    .on('legal_case_accounts')
    .columns(['tenant_id', 'case_id'])
    .execute()
  await db.schema
    .createIndex('legal_case_accounts_account')
    .on('legal_case_accounts')
    .column('account_id')
    .execute()
  await db.schema
    .createTable('legal_case_hearings')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('case_id', 'bigint', (c) => c.notNull().references('legal_cases.id'))
    .addColumn('hearing_on', dateType, (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('next_on', dateType)
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema
    .createIndex('legal_case_hearings_tenant')
    .on('legal_case_hearings')
    .columns(['tenant_id', 'case_id'])
    .execute()
  await db.schema
    .createIndex('legal_case_hearings_case')
    .on('legal_case_hearings')
    .columns(['case_id', 'hearing_on'])
    .execute()
  await db.schema
    .alterTable('call_tasks')
    .addColumn('legal_case_id', 'bigint', (c) => c.references('legal_cases.id'))
    .execute()
  await db.schema.createIndex('call_tasks_legal_case_id').on('call_tasks').column('legal_case_id').execute()
}

/**
 * Drops them again. The index goes first: SQLite (3.35+) drops a column whose own REFERENCES clause
 * goes with it, but not one an index names (test/legal/legal-cases-migration.test.ts runs down and up).
 */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('call_tasks_legal_case_id').ifExists().execute()
  await db.schema.alterTable('call_tasks').dropColumn('legal_case_id').execute()
  await db.schema.dropTable('legal_case_hearings').ifExists().execute()
  await db.schema.dropTable('legal_case_accounts').ifExists().execute()
  await db.schema.dropTable('legal_cases').ifExists().execute()
}
