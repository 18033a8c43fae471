import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { DEMO_ADMIN } from '../../src/app/auth/first-admin.ts'
import { DEMO_STAFF, demoLoadDay, ensureDemoUsers, runDemoHistory } from '../../src/app/demo/demo-history.ts'
import { loadDemo } from '../../src/app/demo/load-demo.ts'
import { dispatchMessages } from '../../src/app/outreach/dispatch-messages.ts'
import { parseOutreachConfig } from '../../src/config/outreach-config.ts'
import { localDateAt } from '../../src/core/calendar/local-date.ts'
import { DEMO_TENANT } from '../../src/demo/load-demo-portfolio.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { MailSink } from '../../src/outreach/email/mail-sink.ts'
import { configuredSenders } from '../../src/outreach/outreach-senders.ts'
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
  /** The mail the first dispatch pass sent, as the mail sink received it over SMTP. */
  readonly mail: MailSink
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
  const baseUrl = `http://127.0.0.1:${port}`
  // The dispatcher's pass as `npm start` runs it: real SMTP into the mail sink, texts into the SMS sink,
  // links to this server. Letters stay in the outbox (printing them is the letters tests' business).
  const sinkDir = mkdtempSync(join(tmpdir(), 'recoup-web-sink-'))
  const mail = new MailSink({ dir: join(sinkDir, 'mail'), keepInMemory: true })
  const mailPort = await mail.listen(0)
  const outreach = parseOutreachConfig({
    RECOUP_SMTP_URL: `smtp://127.0.0.1:${mailPort}`,
    RECOUP_SINK_DIR: sinkDir,
    RECOUP_PUBLIC_URL: baseUrl,
    RECOUP_LETTERS: 'off',
  })
  const { senders, close: closeSenders } = configuredSenders(outreach)
  await dispatchMessages(store, {
    senders,
    links: { replyDomain: outreach.replyDomain, publicUrl: outreach.publicUrl },
    attachments: false,
  })
  closeSenders()
  const staff = Object.fromEntries(DEMO_STAFF.map((s) => [s.role, { email: s.email, password: s.password }]))
  return {
    baseUrl,
    mail,
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
      await mail.close()
      rmSync(sinkDir, { recursive: true, force: true })
      await store.close()
      await database.dispose()
    },
  }
}
