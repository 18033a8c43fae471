import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import { GENESIS_HASH } from '../core/journal/event-hash.ts'
import type { Database, TenantTable } from './schema.ts'

export type Tenant = Selectable<TenantTable>

export interface NewTenant {
  slug: string
  name: string
  kind: 'creditor' | 'agency'
  timeZone: string
  defaultCurrency: string
}

/** The tenant with this slug, if any. */
export async function findTenantBySlug(db: Kysely<Database>, slug: string): Promise<Tenant | undefined> {
  return db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst()
}

/**
 * Creates a tenant with its journal head (seq 0) in one transaction, so every later event append finds
 * a head row to lock. Returns the existing tenant when the slug is taken.
 */
export async function ensureTenant(db: Kysely<Database>, tenant: NewTenant): Promise<Tenant> {
  return db.transaction().execute(async (trx) => {
    const existing = await findTenantBySlug(trx, tenant.slug)
    if (existing) return existing
    const created = await trx
      .insertInto('tenants')
      .values({
        slug: tenant.slug,
        name: tenant.name,
        kind: tenant.kind,
        time_zone: tenant.timeZone,
        default_currency: tenant.defaultCurrency,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('journal_heads')
      .values({ tenant_id: created.id, seq: 0, hash: GENESIS_HASH })
      .execute()
    return created
  })
}

/** All tenants, by slug. */
export async function listTenants(db: Kysely<Database>): Promise<Tenant[]> {
  return db.selectFrom('tenants').selectAll().orderBy('slug').execute()
}

/** The tenant with this id, if any. */
export async function findTenantById(db: Kysely<Database>, id: number): Promise<Tenant | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst()
}

type TenantTableName = Exclude<keyof Database, 'tenants'>

/**
 * Every table holding a tenant's rows, children before parents, with how a row is tied to the tenant
 * (its own tenant_id, or its parent's). A test checks it names every table of the schema, so a new
 * table cannot be forgotten by `clearTenant`.
 */
export const TENANT_TABLES_CHILD_FIRST: readonly (readonly [TenantTableName, 'tenant_id' | ParentLink])[] = [
  // Call tasks first: a legal case's deadline tasks point at the case, which points at its counsel.
  ['call_tasks', 'tenant_id'],
  ['decision_schedule', 'tenant_id'],
  ['legal_case_hearings', 'tenant_id'],
  ['legal_case_accounts', 'tenant_id'],
  ['legal_cases', 'tenant_id'],
  ['placement_commissions', 'tenant_id'],
  ['remittance_lines', 'tenant_id'],
  ['remittances', 'tenant_id'],
  ['placement_updates', 'tenant_id'],
  ['debtor_credit_terms', 'tenant_id'],
  ['credit_policies', 'tenant_id'],
  ['forwarded_payments', 'tenant_id'],
  ['sale_accounts', 'tenant_id'],
  ['sales', 'tenant_id'],
  ['placements', 'tenant_id'],
  ['partners', 'tenant_id'],
  ['dispute_documents', 'tenant_id'],
  ['portal_charges', 'tenant_id'],
  ['portal_link_failures', 'tenant_id'],
  ['portal_sessions', 'tenant_id'],
  ['playbook_versions', 'tenant_id'],
  ['message_templates', 'tenant_id'],
  ['webhook_deliveries', 'tenant_id'],
  ['webhook_endpoints', 'tenant_id'],
  ['idempotency_keys', 'tenant_id'],
  ['message_events', 'tenant_id'],
  ['message_accounts', 'tenant_id'],
  ['messages', 'tenant_id'],
  ['account_scores', 'tenant_id'],
  ['score_runs', 'tenant_id'],
  ['score_models', 'tenant_id'],
  ['contact_events', 'tenant_id'],
  ['outbox', 'tenant_id'],
  ['decisions', 'tenant_id'],
  ['run_batches', { column: 'run_id', parent: 'runs' }],
  ['runs', 'tenant_id'],
  ['strategy_states', 'tenant_id'],
  ['unmatched_credits', 'tenant_id'],
  ['settlements', 'tenant_id'],
  ['plan_instalments', { column: 'plan_id', parent: 'payment_plans' }],
  ['payment_plans', 'tenant_id'],
  ['ledger_entries', 'tenant_id'],
  ['payments', 'tenant_id'],
  ['bank_statements', 'tenant_id'],
  ['promises', 'tenant_id'],
  ['disputes', 'tenant_id'],
  ['hardship_pauses', 'tenant_id'],
  ['account_instalments', { column: 'account_id', parent: 'accounts' }],
  ['accounts', 'tenant_id'],
  ['import_runs', 'tenant_id'],
  ['debtor_restrictions', 'tenant_id'],
  ['contact_points', 'tenant_id'],
  ['debtor_addresses', 'tenant_id'],
  ['debtors', 'tenant_id'],
  ['user_clients', { column: 'user_id', parent: 'users' }],
  ['clients', 'tenant_id'],
  ['journal_events', 'tenant_id'],
  ['journal_heads', 'tenant_id'],
]

/**
 * Tables of who may use the books (users, sessions, API keys), not of the books: `clearTenant` keeps
 * them, so replacing a demo portfolio keeps its users logged in. (A user's client limits go with the
 * clients, above.)
 */
export const TENANT_ACCESS_TABLES = ['sessions', 'api_keys', 'users'] as const

interface ParentLink {
  readonly column: string
  readonly parent: TenantTableName
}

/**
 * Deletes everything a tenant holds and gives it a fresh journal (seq 0), keeping the tenant itself
 * (id, slug, settings): the tenant is as if just created. Only for replacing a demo portfolio; the
 * caller checks that the tenant holds nothing else. One transaction: all of it goes, or none.
 */
export async function clearTenant(trx: Transaction<Database>, tenantId: number): Promise<void> {
  // Self-references (ledger reversals, re-plans) are within one statement, so the order holds.
  for (const [table, link] of TENANT_TABLES_CHILD_FIRST) {
    if (link === 'tenant_id') {
      await sql`delete from ${sql.table(table)} where tenant_id = ${tenantId}`.execute(trx)
    } else {
      await sql`delete from ${sql.table(table)} where ${sql.ref(link.column)} in (select id from ${sql.table(link.parent)} where tenant_id = ${tenantId})`.execute(
        trx,
      )
    }
  }
  await trx.insertInto('journal_heads').values({ tenant_id: tenantId, seq: 0, hash: GENESIS_HASH }).execute()
}
