import { systemActor } from '../app/actor.ts'
import type { AppContext } from '../app/app-context.ts'
import { checkTenantSlug } from '../app/tenants/create-tenant.ts'
import { appConfig } from '../config/app-config.ts'
import type { DatabaseConfig } from '../config/database-config.ts'
import { AppError } from '../core/errors/index.ts'
import { openStore, type Store } from '../store/connect.ts'
import { ensureTenant, findTenantBySlug, type Tenant } from '../store/tenant.repository.ts'
import { mayCreateDatabase } from './database-creation.ts'

/** Tenant used when a command is given no --tenant: created on first use so the two-command start works. */
export const DEFAULT_TENANT = {
  slug: 'default',
  name: 'Default creditor',
  kind: 'creditor' as const,
  timeZone: 'UTC',
  defaultCurrency: 'USD',
}

/**
 * Opens the configured store for the duration of `work`, closing it whatever happens. Only the
 * commands that put data in may create a missing database (see database-creation.ts); a database
 * that cannot be opened is one `database_unavailable` line (exit 7), never a stack trace.
 */
export async function withStore<T>(work: (store: Store) => Promise<T>, config?: DatabaseConfig): Promise<T> {
  const store = await openStore(config ?? appConfig().database, { create: mayCreateDatabase() })
  try {
    return await work(store)
  } finally {
    await store.close()
  }
}

/**
 * Opens the store, resolves the tenant and hands the use case its context: the CLI acts as the system
 * actor "cli" (an operator with shell access to the database is the tenant's administrator).
 */
export async function withActor<T>(
  tenantSlug: string | undefined,
  work: (ctx: AppContext) => Promise<T>,
): Promise<T> {
  return withStore(async (store) => {
    const tenant = await resolveTenant(store, tenantSlug)
    return work({ store, actor: systemActor(tenant, 'cli') })
  })
}

/** The tenant a command acts for: the default one is created on demand, any other must exist. */
export async function resolveTenant(store: Store, slug: string | undefined): Promise<Tenant> {
  if (!slug || slug === DEFAULT_TENANT.slug) return ensureTenant(store.db, DEFAULT_TENANT)
  checkTenantSlug(slug)
  const tenant = await findTenantBySlug(store.db, slug)
  if (!tenant)
    throw new AppError(
      'tenant_not_found',
      `no tenant "${slug}"; create it with: recoup tenant create ${slug}`,
    )
  return tenant
}
