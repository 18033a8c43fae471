import type { Kysely, Selectable } from 'kysely'
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
