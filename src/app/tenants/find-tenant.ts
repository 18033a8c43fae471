import { AppError } from '../../core/errors/index.ts'
import type { Store } from '../../store/connect.ts'
import { findTenantBySlug, type Tenant } from '../../store/tenant.repository.ts'

/** The tenant with this slug, or `tenant_not_found` (the same error on every surface). */
export async function findTenantOrFail(store: Store, slug: string): Promise<Tenant> {
  const tenant = await findTenantBySlug(store.db, slug)
  if (!tenant) throw new AppError('tenant_not_found', `no tenant "${slug}"`, { tenant: slug })
  return tenant
}
