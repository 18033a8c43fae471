import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { buildWeb, webIsFresh } from '../scripts/build-web.js'
import { systemActor } from '../src/app/actor.ts'
import { DEMO_ADMIN } from '../src/app/auth/first-admin.ts'
import { demoLoadDay, ensureDemoUsers, runDemoHistory } from '../src/app/demo/demo-history.ts'
import { loadDemo } from '../src/app/demo/load-demo.ts'
import { postPayment } from '../src/app/payments/post-payment.ts'
import { localDateAt } from '../src/core/calendar/local-date.ts'
import { DEMO_TENANT } from '../src/demo/load-demo-portfolio.ts'
import { buildServer } from '../src/http/build-server.ts'
import { findTenantBySlug } from '../src/store/tenant.repository.ts'
import type { BenchArgs } from './support/bench-args.ts'
import { freshBenchStore, median, report, round } from './support/bench-database.ts'

const CHROMIUM = process.env.RECOUP_CHROMIUM ?? '/usr/bin/chromium'
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Milliseconds from the start of navigation until `selector` matches at least `count` elements, taken
 * in the page by a MutationObserver installed before any of the page's scripts run.
 */
async function renderTime(page: Page, url: string, selector: string, count: number): Promise<number> {
  // A string, evaluated in the page: this file is type-checked for Node, without the DOM's types.
  await page.addInitScript(`(() => {
    const selector = ${JSON.stringify(selector)}, count = ${count}
    const done = () => document.querySelectorAll(selector).length >= count
    new MutationObserver((_, observer) => {
      if (done()) { globalThis.__rendered ??= performance.now(); observer.disconnect() }
    }).observe(document, { childList: true, subtree: true })
  })()`)
  await page.goto(url)
  await page.waitForFunction(
    () => (globalThis as unknown as { __rendered?: number }).__rendered !== undefined,
    undefined,
    {
      timeout: 60_000,
    },
  )
  return page.evaluate(() => (globalThis as unknown as { __rendered: number }).__rendered)
}

/**
 * `npm run bench -- web [--accounts N] [--repetitions N]`: time to first render, in Debian's Chromium,
 * of the staff dashboard and of an account page whose timeline holds 1,000 items, each against the
 * floor of a static HTML page of the same size (the rendered page's own markup and styles, no script)
 * loaded in the same browser from a plain node:http server. The ratio is what the app (scripts, API
 * calls, React rendering) costs over delivering and painting the same page.
 */
export async function webBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const accounts = Number(args.flags.get('accounts') ?? 2_000)
  const repetitions = Number(args.flags.get('repetitions') ?? 5)
  if (!webIsFresh()) await buildWeb({ quiet: true })
  const { store, dispose } = await freshBenchStore(args.db)
  const dataDir = mkdtempSync(join(tmpdir(), 'recoup-web-bench-'))
  const today = localDateAt(new Date(), DEMO_TENANT.timeZone)
  await loadDemo(store, { accounts, seed: 1, asOf: demoLoadDay(today), by: 'bench' })
  const tenant = await findTenantBySlug(store.db, DEMO_TENANT.slug)
  if (!tenant) throw new Error('no demo tenant')
  await ensureDemoUsers(store, tenant, DEMO_ADMIN.password)
  await runDemoHistory(store, tenant, { from: demoLoadDay(today), to: today })
  // One account with 1,000 timeline items: small payments on top of its history.
  const account = await store.db
    .selectFrom('accounts')
    .select('external_id')
    .where('tenant_id', '=', tenant.id)
    .where('status', '=', 'open')
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const ctx = { store, actor: systemActor(tenant, 'bench') }
  const server = await buildServer(store, { logger: false, uploads: { dataDir, limitBytes: 1_000_000 } })
  await server.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS })
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
  const login = await context.request.post(`${base}/api/v1/auth/login`, {
    data: { tenant: 'demo', ...DEMO_ADMIN },
  })
  if (!login.ok()) throw new Error(`login failed: ${login.status()}`)
  const timelineUrl = `${base}/api/v1/tenants/demo/accounts/${account.external_id}/timeline?limit=1000`
  let items = ((await (await context.request.get(timelineUrl)).json()) as { items: unknown[] }).items.length
  let reference = 0
  while (items < 1_000) {
    for (let i = 0; i < 1_000 - items; i++)
      await postPayment(ctx, {
        account: account.external_id,
        amount: '0.01',
        reference: `WEB-BENCH-${reference++}`,
        source: 'api',
      })
    items = ((await (await context.request.get(timelineUrl)).json()) as { items: unknown[] }).items.length
  }
  report(`web bench: ${accounts} demo accounts, account ${account.external_id} with ${items} timeline items`)

  const screens = [
    { name: 'dashboard', path: '/', selector: '.recharts-bar-rectangle, .recharts-rectangle', count: 1 },
    { name: 'account', path: `/accounts/${account.external_id}`, selector: '.timeline > li', count: 250 },
  ]
  // The static floors: each screen's rendered markup with its styles inlined and the scripts removed.
  const css = (
    await Promise.all(
      (
        await (await context.request.get(`${base}/`)).text()
      )
        .match(/\/assets\/[^"]+\.css/g)!
        .map(async (href) => (await context.request.get(`${base}${href}`)).text()),
    )
  ).join('\n')
  const statics = new Map<string, string>()
  const results: Record<string, { appMs: number; staticMs: number; bytes: number }> = {}
  for (const screen of screens) {
    const page = await context.newPage()
    await renderTime(page, `${base}${screen.path}`, screen.selector, screen.count)
    const body = String(await page.evaluate('document.body.innerHTML')).replace(
      /<script[\s\S]*?<\/script>/g,
      '',
    )
    statics.set(
      screen.name,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>${css}</style></head><body>${body}</body></html>`,
    )
    await page.close()
  }
  const floor = createServer((request, response) => {
    const html = statics.get((request.url ?? '/').slice(1)) ?? ''
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' })
    response.end(html)
  })
  await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve))
  const floorBase = `http://127.0.0.1:${(floor.address() as AddressInfo).port}`
  for (const screen of screens) {
    const app: number[] = []
    const plain: number[] = []
    for (let i = 0; i < repetitions; i++) {
      const page = await context.newPage()
      app.push(await renderTime(page, `${base}${screen.path}`, screen.selector, screen.count))
      await page.close()
      const staticPage = await context.newPage()
      plain.push(await renderTime(staticPage, `${floorBase}/${screen.name}`, screen.selector, screen.count))
      await staticPage.close()
    }
    results[screen.name] = {
      appMs: round(median(app)),
      staticMs: round(median(plain)),
      bytes: Buffer.byteLength(statics.get(screen.name) ?? ''),
    }
    report(
      `  ${screen.name}: first render ${results[screen.name]!.appMs} ms (median of ${repetitions}); static page of the same ` +
        `size ${results[screen.name]!.staticMs} ms; ratio ${round(results[screen.name]!.appMs / results[screen.name]!.staticMs)}`,
    )
  }
  await browser.close()
  floor.close()
  await server.close()
  await dispose()
  rmSync(dataDir, { recursive: true, force: true })
  return {
    bench: 'web',
    db: args.db,
    accounts,
    timelineItems: items,
    dashboardMs: results.dashboard?.appMs,
    dashboardStaticMs: results.dashboard?.staticMs,
    dashboardRatio: round((results.dashboard?.appMs ?? 0) / (results.dashboard?.staticMs ?? 1)),
    accountMs: results.account?.appMs,
    accountStaticMs: results.account?.staticMs,
    accountRatio: round((results.account?.appMs ?? 0) / (results.account?.staticMs ?? 1)),
  }
}
