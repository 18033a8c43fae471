import type { Command } from 'commander'
import type { FastifyBaseLogger } from 'fastify'
import { DEMO_ADMIN, ensureFirstAdmin } from '../../app/auth/first-admin.ts'
import { demoLoadDay, ensureDemoUsers, runDemoHistory } from '../../app/demo/demo-history.ts'
import { loadDemo } from '../../app/demo/load-demo.ts'
import { tenantExists } from '../../app/tenants/list-tenants.ts'
import { startWebhookDeliverer } from '../../app/webhooks/start-webhook-deliverer.ts'
import { appConfig } from '../../config/app-config.ts'
import { describeDatabase } from '../../config/database-config.ts'
import { sinkFoldersOf } from '../../config/outreach-config.ts'
import { localDateAt } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { DEMO_TENANT, describeDemoLoad } from '../../demo/load-demo-portfolio.ts'
import { buildServer } from '../../http/build-server.ts'
import { startOutreach } from '../../outreach/start-outreach.ts'
import { openStore, type Store } from '../../store/connect.ts'
import { findTenantBySlug } from '../../store/tenant.repository.ts'
import { wholeNumberOption } from '../options.ts'

/** Seed of the first-start demo portfolio, so every fresh install shows the same book. */
const FIRST_START_SEED = 1

/**
 * On the first start (no demo tenant yet) loads the demo portfolio, so `npm start` on a fresh checkout
 * shows a populated book; RECOUP_DEMO_ACCOUNTS=0 turns this off. An interrupted load leaves the tenant
 * behind; `recoup demo` completes it.
 */
async function loadDemoOnFirstStart(
  store: Store,
  log: FastifyBaseLogger,
  signal: AbortSignal,
): Promise<boolean> {
  const accounts = appConfig().demoAccounts
  if (accounts === 0) {
    log.info('demo data disabled (RECOUP_DEMO_ACCOUNTS=0)')
    return false
  }
  if (await tenantExists(store, DEMO_TENANT.slug)) return false
  const asOf = demoLoadDay(localDateAt(new Date(), DEMO_TENANT.timeZone))
  log.info(
    { accounts, seed: FIRST_START_SEED, asOf },
    `first start: loading demo data into tenant "${DEMO_TENANT.slug}"`,
  )
  try {
    const options = { accounts, seed: FIRST_START_SEED, asOf, by: 'serve', signal }
    log.info(describeDemoLoad(await loadDemo(store, options), FIRST_START_SEED, asOf))
    return true
  } catch (error) {
    if (!signal.aborted) throw error
    log.warn(
      `demo load interrupted; complete it with: recoup demo --accounts ${accounts} --seed ${FIRST_START_SEED}`,
    )
    return false
  }
}

/**
 * After the first start's demo load (as of DEMO_HISTORY_DAYS ago), the demo tenant's daily run for
 * every day since, today included, so the collectors' queue has calls, the dashboard a week of runs,
 * and the dispatcher this process starts has messages to send: a newcomer sees mail arrive in the sink
 * without a second command. A failed run is logged, never fatal: `recoup run --tenant demo` resumes it.
 */
async function runDemoHistoryOnFirstStart(
  store: Store,
  log: FastifyBaseLogger,
  signal: AbortSignal,
): Promise<void> {
  const tenant = await findTenantBySlug(store.db, DEMO_TENANT.slug)
  if (!tenant) return
  const today = localDateAt(new Date(), tenant.time_zone)
  try {
    const results = await runDemoHistory(store, tenant, { from: demoLoadDay(today), to: today, signal })
    const scheduled = results.reduce(
      (sum, result) => sum + ('summary' in result && result.summary ? result.summary.actionsScheduled : 0),
      0,
    )
    log.info(
      `first start: daily runs for the last ${results.length} days: ${scheduled} actions scheduled; the dispatcher sends the due ones`,
    )
  } catch (error) {
    log.warn(
      { code: error instanceof AppError ? error.code : 'internal' },
      `first start: a demo daily run failed; run it with: recoup run --tenant ${DEMO_TENANT.slug}`,
    )
  }
}

/**
 * Every request needs credentials, so a fresh install needs a first user: the demo tenant gets an
 * admin when it has no user (README, "Log in"; RECOUP_ADMIN_PASSWORD sets another password), and,
 * with the public demo password only, a collector, a manager and a compliance officer (DEMO_STAFF).
 * The log says so without the addresses or the passwords.
 */
async function createFirstUsers(store: Store, log: FastifyBaseLogger): Promise<void> {
  const tenant = await findTenantBySlug(store.db, DEMO_TENANT.slug)
  if (!tenant) return
  const chosen = appConfig().firstAdminPassword
  if (chosen) {
    const created = await ensureFirstAdmin(store, tenant, { email: DEMO_ADMIN.email, password: chosen })
    if (created)
      log.info(
        `first start: created an admin for tenant "${tenant.slug}"; log in with the README's e-mail and the password in RECOUP_ADMIN_PASSWORD`,
      )
    return
  }
  if (await ensureDemoUsers(store, tenant, DEMO_ADMIN.password))
    log.info(
      `first start: created the demo admin and staff for tenant "${tenant.slug}"; log in with the README's credentials`,
    )
}

/** Whether a listen address reaches this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host)
}

/** `recoup serve`: the HTTP API on the configured store, until SIGINT or SIGTERM. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API (loads demo data on first start; RECOUP_DEMO_ACCOUNTS=0 disables)')
    .option('--port <port>', 'TCP port (env PORT)', String(appConfig().port))
    .option('--host <host>', 'interface to listen on (env HOST)', appConfig().host)
    .action(async (options: { port: string; host: string }) => {
      const port = wholeNumberOption('--port', options.port, 65_535)
      const config = appConfig().database
      const store = await openStore(config)
      const outreach = appConfig().outreach
      const app = await buildServer(store, {
        sinks: sinkFoldersOf(outreach),
        ...(outreach.sms
          ? { smsWebhooks: { authToken: outreach.sms.authToken, publicUrl: outreach.publicUrl } }
          : {}),
      })
      let stopOutreach: () => Promise<void> = async () => {}
      let stopWebhooks: () => Promise<void> = async () => {}
      app.log.info({ database: describeDatabase(config) }, 'store opened')
      const abort = new AbortController()
      let loading: Promise<unknown> = Promise.resolve()
      let stopped!: () => void
      const done = new Promise<void>((resolve) => {
        stopped = resolve
      })
      // Close the server first (no new requests, in-flight ones finish), then the store; a second
      // signal falls through to Node's default and ends the process at once.
      const shutdown = async (signal: NodeJS.Signals) => {
        app.log.info({ signal }, 'shutting down')
        abort.abort()
        try {
          await loading.catch(() => {})
          await stopOutreach().catch(() => {})
          await stopWebhooks().catch(() => {})
          await app.close()
        } finally {
          await store.close()
          app.log.info('stopped')
          stopped()
        }
      }
      process.once('SIGINT', shutdown)
      process.once('SIGTERM', shutdown)
      try {
        const loaded = loadDemoOnFirstStart(store, app.log, abort.signal)
        loading = loaded
        const firstStart = await loaded
        if (abort.signal.aborted) return await done
        await createFirstUsers(store, app.log)
        if (firstStart) {
          loading = runDemoHistoryOnFirstStart(store, app.log, abort.signal)
          await loading
          if (abort.signal.aborted) return await done
        }
        await app.listen({ port, host: options.host }).catch((error: Error) => {
          throw new AppError('listen_failed', `cannot listen on ${options.host}:${port}: ${error.message}`)
        })
        if (!isLoopback(options.host))
          app.log.warn(
            `listening on ${options.host}, reachable from other machines: put a TLS-terminating proxy in ` +
              'front (session cookies and API keys must not cross the network in clear text), and change the ' +
              'demo admin password',
          )
        if (!abort.signal.aborted) stopOutreach = await startOutreach(store, outreach, app.log)
        if (!abort.signal.aborted) stopWebhooks = startWebhookDeliverer(store, appConfig().webhooks, app.log)
      } catch (error) {
        if (abort.signal.aborted) return await done
        process.off('SIGINT', shutdown)
        process.off('SIGTERM', shutdown)
        await app.close().catch(() => {})
        await store.close()
        throw error
      }
      await done
    })
}
