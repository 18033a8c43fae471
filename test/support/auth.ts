import type { FastifyInstance, InjectOptions } from 'fastify'
import type { Role } from '../../src/app/actor.ts'
import { systemActor } from '../../src/app/actor.ts'
import { createApiKey } from '../../src/app/auth/api-keys.ts'
import type { Store } from '../../src/store/connect.ts'
import { ensureTenant, findTenantBySlug, type Tenant } from '../../src/store/tenant.repository.ts'

/** The tenant with this slug, created (UTC, USD creditor) when missing. */
export async function tenantNamed(store: Store, slug: string): Promise<Tenant> {
  return (
    (await findTenantBySlug(store.db, slug)) ??
    ensureTenant(store.db, { slug, name: slug, kind: 'creditor', timeZone: 'UTC', defaultCurrency: 'USD' })
  )
}

/** A real API key of the tenant with `role`, as the Authorization header that sends it. */
export async function apiKeyHeader(store: Store, slug: string, role: Role = 'admin') {
  const tenant = await tenantNamed(store, slug)
  const created = await createApiKey(
    { store, actor: systemActor(tenant, 'test') },
    { name: `test ${role}`, role },
  )
  return { authorization: `Bearer ${created.key}` }
}

/** `app.inject` with an API key of the tenant (admin unless told): what an integrator sends. */
export async function injectAs(app: FastifyInstance, store: Store, slug: string, role: Role = 'admin') {
  const headers = await apiKeyHeader(store, slug, role)
  return (options: InjectOptions | string) => {
    const given = typeof options === 'string' ? { url: options } : options
    return app.inject({ ...given, headers: { ...headers, ...(given.headers ?? {}) } })
  }
}
