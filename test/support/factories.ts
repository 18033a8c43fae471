import type { Kysely } from 'kysely'
import type { Database } from '../../src/store/schema.ts'
import { ensureTenant, type NewTenant, type Tenant } from '../../src/store/tenant.repository.ts'

/** A tenant for a test: a UTC creditor keeping USD books unless the overrides say otherwise. */
export function createTestTenant(
  db: Kysely<Database>,
  slug: string,
  overrides: Partial<Omit<NewTenant, 'slug'>> = {},
): Promise<Tenant> {
  return ensureTenant(db, {
    slug,
    name: `Tenant ${slug}`,
    kind: 'creditor',
    timeZone: 'UTC',
    defaultCurrency: 'USD',
    ...overrides,
  })
}
