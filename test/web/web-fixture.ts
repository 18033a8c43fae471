import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { systemActor } from '../../src/app/actor.ts'
import { DEMO_ADMIN } from '../../src/app/auth/first-admin.ts'
import { DEMO_STAFF, demoLoadDay, ensureDemoUsers, runDemoHistory } from '../../src/app/demo/demo-history.ts'
import { loadDemo } from '../../src/app/demo/load-demo.ts'
import { dispatchMessages } from '../../src/app/outreach/dispatch-messages.ts'
import { listCallTasks } from '../../src/app/tasks/list-call-tasks.ts'
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

/** Zones a whole hour apart or so, round the clock: at any instant one of them is near midday. */
const ROUND_THE_CLOCK = [
  'Pacific/Auckland',
  'Australia/Sydney',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Bangkok',
  'Asia/Dhaka',
  'Asia/Karachi',
  'Asia/Dubai',
  'Europe/Moscow',
  'Europe/Athens',
  'Europe/Berlin',
  'Europe/London',
  'Atlantic/Azores',
  'America/Noronha',
  'America/Sao_Paulo',
  'America/Halifax',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
]

/**
 * The work queue offers a call only inside the debtor's calling hours (a commercial debtor's business
 * hours, 09:00-17:00 local), so on a book decided today it can be empty at night in the debtors' zones.
 * When no due call is offered now, the debtor of one held back only by the hour is moved to a zone where
 * it is midday, so the journeys find a call to work whatever the time the suite runs.
 */
async function keepOneCallCallable(store: Store, tenant: Tenant): Promise<void> {
  const ctx = { store, actor: systemActor(tenant, 'test') }
  const queue = await listCallTasks(ctx, { includeBlocked: true })
  if (queue.items.some((t) => t.offer?.offered !== false)) return
  const onlyTheHour = queue.items.find(
    (t) => t.offer?.nextAllowedAt && t.offer.reasons.every((r) => r.startsWith('commercial.business-hours')),
  )
  if (!onlyTheHour) throw new Error('the demo book has no call held back only by the hour')
  const hour = (zone: string) =>
    Number(
      new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: zone }).format(
        new Date(),
      ),
    )
  const midday = ROUND_THE_CLOCK.reduce((best, zone) =>
    Math.abs(hour(zone) - 12.5) < Math.abs(hour(best) - 12.5) ? zone : best,
  )
  const account = await store.db
    .selectFrom('accounts')
    .select('debtor_id')
    .where('tenant_id', '=', tenant.id)
    .where('external_id', '=', onlyTheHour.account)
    .executeTakeFirstOrThrow()
  await store.db
    .updateTable('debtors')
    .set({ stated_time_zone: midday })
    .where('id', '=', account.debtor_id)
    .execute()
  await store.db
    .updateTable('debtor_addresses')
    .set({ time_zone: midday })
    .where('debtor_id', '=', account.debtor_id)
    .execute()
  await store.db
    .updateTable('contact_points')
    .set({ time_zone: midday })
    .where('debtor_id', '=', account.debtor_id)
    .execute()
  const again = await listCallTasks(ctx, {})
  if (again.items.length === 0)
    throw new Error(`moving ${onlyTheHour.account}'s debtor to ${midday} did not make its call callable`)
}

/** The product as `npm start` makes it on a first start (smaller book), listening on a free port. */
export interface WebFixture {
  readonly baseUrl: string
  readonly store: Store
  readonly tenant: Tenant
  readonly server: FastifyInstance
  /** An account whose debtor revoked consent to the e-mail due today: the dispatcher blocked it. */
  readonly optedOutAccount: string
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
  // The tests' server: nothing may land in the checkout's ./data.
  const database = await createTestDatabase('sqlite')
  const store = await openStore(database.config)
  const today = localDateAt(new Date(), DEMO_TENANT.timeZone)
  await loadDemo(store, { accounts: options.accounts ?? 300, seed: 1, asOf: demoLoadDay(today), by: 'test' })
  const tenant = await findTenantBySlug(store.db, DEMO_TENANT.slug)
  if (!tenant) throw new Error('the demo tenant was not created')
  await ensureDemoUsers(store, tenant, DEMO_ADMIN.password)
  await runDemoHistory(store, tenant, { from: demoLoadDay(today), to: today })
  await keepOneCallCallable(store, tenant)
  // The portal's links point at this server, whose port is known once it listens.
  let baseUrl = ''
  const portal = {
    secret: randomBytes(32).toString('base64url'),
    linkDays: 14,
    get publicUrl() {
      return baseUrl
    },
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'recoup-web-data-'))
  const sinkDir = mkdtempSync(join(tmpdir(), 'recoup-web-sink-'))
  const server = await buildServer(store, {
    logger: false,
    portal: { settings: portal },
    uploads: { dataDir, limitBytes: 10_000_000 },
    sinks: { mail: join(sinkDir, 'mail'), sms: join(sinkDir, 'sms') },
  })
  await server.listen({ port: 0, host: '127.0.0.1' })
  const { port } = server.server.address() as AddressInfo
  baseUrl = `http://127.0.0.1:${port}`
  // The dispatcher's pass as `npm start` runs it: real SMTP into the mail sink, texts into the SMS sink,
  // links to this server. Letters stay in the outbox (printing them is the letters tests' business).
  const mail = new MailSink({ dir: join(sinkDir, 'mail'), keepInMemory: true })
  const mailPort = await mail.listen(0)
  const outreach = parseOutreachConfig({
    RECOUP_SMTP_URL: `smtp://127.0.0.1:${mailPort}`,
    RECOUP_SINK_DIR: sinkDir,
    RECOUP_PUBLIC_URL: baseUrl,
    RECOUP_LETTERS: 'off',
  })
  const optedOutAccount = await optOutOneEmail(server, store, tenant)
  const { senders, close: closeSenders } = configuredSenders(outreach)
  await dispatchMessages(store, {
    senders,
    links: { replyDomain: outreach.replyDomain, publicUrl: outreach.publicUrl, portal },
    attachments: false,
  })
  closeSenders()
  const staff = Object.fromEntries(DEMO_STAFF.map((s) => [s.role, { email: s.email, password: s.password }]))
  return {
    baseUrl,
    mail,
    optedOutAccount,
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
      rmSync(dataDir, { recursive: true, force: true })
      await store.close()
      await database.dispose()
    },
  }
}

/**
 * Before the dispatch: the debtor of the first e-mail due revokes consent to that address (a collector
 * records it through the API, If-Match and all), so the dispatcher must refuse the e-mail at send time.
 */
async function optOutOneEmail(server: FastifyInstance, store: Store, tenant: Tenant): Promise<string> {
  const due = await store.db
    .selectFrom('outbox as o')
    .innerJoin('accounts as a', 'a.id', 'o.account_id')
    .select(['a.external_id as account', 'o.contact_point_id'])
    .where('o.tenant_id', '=', tenant.id)
    .where('o.channel', '=', 'email')
    .where('o.status', '=', 'pending')
    .where('o.contact_point_id', 'is not', null)
    .where('o.scheduled_at', '<=', new Date().toISOString())
    .orderBy('o.id')
    .executeTakeFirstOrThrow()
  const staff = DEMO_STAFF.find((s) => s.role === 'collector')!
  const login = await server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { tenant: tenant.slug, email: staff.email, password: staff.password },
  })
  const cookie = String(login.headers['set-cookie']).split(';')[0]!
  const { csrfToken } = login.json() as { csrfToken: string }
  const url = `/api/v1/tenants/${tenant.slug}/contact-points/${due.contact_point_id}`
  const current = await server.inject({ url, headers: { cookie } })
  const revoked = await server.inject({
    method: 'PATCH',
    url,
    headers: { cookie, 'x-csrf-token': csrfToken, 'if-match': String(current.headers.etag) },
    payload: { consent: 'revoked' },
  })
  if (revoked.statusCode !== 200) throw new Error(`opt-out failed: ${revoked.statusCode} ${revoked.body}`)
  return due.account
}
