import { countUsers } from '../../store/auth.repository.ts'
import type { Store } from '../../store/connect.ts'
import type { Tenant } from '../../store/tenant.repository.ts'
import { systemActor } from '../actor.ts'
import { createUser, type UserView } from './users.ts'

/** The demo tenant's first admin (README, "Log in"): public, so change it on anything but a laptop. */
export const DEMO_ADMIN = { email: 'admin@demo.recoup.test', password: 'recoup-demo-admin' } as const

/**
 * Creates an admin for a tenant that has no user yet (the first start of `recoup serve`), so the API,
 * which refuses every request without credentials, can be reached. Does nothing when the tenant has
 * users; returns the user created, if any.
 */
export async function ensureFirstAdmin(
  store: Store,
  tenant: Tenant,
  credentials: { email: string; password: string },
): Promise<UserView | undefined> {
  if ((await countUsers(store.db, tenant.id)) > 0) return undefined
  const ctx = { store, actor: systemActor(tenant, 'serve') }
  return createUser(ctx, { ...credentials, role: 'admin', name: 'Administrator' })
}
