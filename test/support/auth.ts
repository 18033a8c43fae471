import type { FastifyInstance, InjectOptions } from 'fastify'
import type { Role } from '../../src/app/actor.ts'
import { systemActor } from '../../src/app/actor.ts'
import { createApiKey } from '../../src/app/auth/api-keys.ts'
import type { Store } from '../../src/store/connect.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
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

/**
 * An agency tenant collecting for two clients, `north` and `south`, with one open USD account
 * each (`N-1`, `S-1`, 200.00 owed, New York law) and one held for no client (`X-1`).
 */
export async function agencyBook(store: Store, slug: string): Promise<Tenant> {
  const tenant = await ensureTenant(store.db, {
    slug,
    name: slug,
    kind: 'agency',
    timeZone: 'UTC',
    defaultCurrency: 'USD',
  })
  const account = (externalId: string, client: string | null, line: number) => ({
    line,
    debtor: { externalId: `d-${externalId}`, kind: 'person' as const, name: `Debtor ${externalId}` },
    account: {
      externalId,
      ...(client ? { clientExternalId: client, clientName: `Client ${client}` } : {}),
      originalCreditor: 'Creditor',
      currentCreditor: 'Creditor',
      debtKind: 'consumer' as const,
      currency: 'USD',
      jurisdiction: 'US-NY',
      openedOn: '2026-01-01',
      dueOn: '2026-02-01',
      status: 'open' as const,
    },
    entries: [
      { kind: 'charge' as const, amountMinor: 20_000, effectiveOn: '2026-01-01', externalId: 'principal' },
    ],
  })
  await createIntakeWriter(store, tenant.id).write([
    account('N-1', 'north', 2),
    account('S-1', 'south', 3),
    account('X-1', null, 4),
  ])
  return tenant
}
