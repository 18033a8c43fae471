import type { Store } from '../../store/connect.ts'
import {
  findTenantBySlug,
  listTenants as listTenantRows,
  type Tenant,
} from '../../store/tenant.repository.ts'

/** Every tenant of this installation, by slug (an operator's view; no tenant is acted for). */
export function listTenants(store: Store): Promise<Tenant[]> {
  return listTenantRows(store.db)
}

/** Whether a tenant with this slug exists. */
export async function tenantExists(store: Store, slug: string): Promise<boolean> {
  return (await findTenantBySlug(store.db, slug)) !== undefined
}
