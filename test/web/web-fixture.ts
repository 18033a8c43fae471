import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { DEMO_ADMIN } from '../../src/app/auth/first-admin.ts'
import { DEMO_STAFF, demoLoadDay, ensureDemoUsers, runDemoHistory } from '../../src/app/demo/demo-history.ts'
import { loadDemo } from '../../src/app/demo/load-demo.ts'
import { localDateAt } from '../../src/core/calendar/local-date.ts'
import { DEMO_TENANT } from '../../src/demo/load-demo-portfolio.ts'
import { buildServer } from '../../src/http/build-server.ts'
import type { Store } from '../../src/store/connect.ts'
import { openStore } from '../../src/store/connect.ts'
import { findTenantBySlug, type Tenant } from '../../src/store/tenant.repository.ts'
import { createTestDatabase } from '../support/databases.ts'

/** The product as `npm start` makes it on a first start (smaller book), listening on a free port. */
export interface WebFixture {
  readonly baseUrl: string
  readonly store: Store
  readonly tenant: Tenant
  readonly server: FastifyInstance
  readonly credentials: Record<
    'admin' | 'collector' | 'manager' | 'compliance',
    { email: string; password: string }
  >
  close(): Promise<void>
}

/**
 * The demo tenant as the first start of `recoup serve` leaves it: the demo book loaded as of
 * DEMO_HISTORY_DAYS ago, the daily runs since, the demo admin and staff; the real server on 127.0.0.1.
 */
export async function startWebFixture(options: { accounts?: number } = {}): Promise<WebFixture> {
  const database = await createTestDatabase('sqlite')
  const store = await openStore(database.config)
  const today = localDateAt(new Date(), DEMO_TENANT.timeZone)
  await loadDemo(store, { accounts: options.accounts ?? 300, seed: 1, asOf: demoLoadDay(today), by: 'test' })
  const tenant = await findTenantBySlug(store.db, DEMO_TENANT.slug)
  if (!tenant) throw new Error('the demo tenant was not created')
  await ensureDemoUsers(store, tenant, DEMO_ADMIN.password)
  await runDemoHistory(store, tenant, { from: demoLoadDay(today), to: today })
  const server = await buildServer(store, { logger: false })
  await server.listen({ port: 0, host: '127.0.0.1' })
  const { port } = server.server.address() as AddressInfo
  const staff = Object.fromEntries(DEMO_STAFF.map((s) => [s.role, { email: s.email, password: s.password }]))
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    store,
    tenant,
    server,
    credentials: {
      admin: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
      collector: staff.collector!,
      manager: staff.manager!,
      compliance: staff.compliance!,
    },
    async close() {
      await server.close()
      await store.close()
      await database.dispose()
    },
  }
}
