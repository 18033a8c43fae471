import { type ChildProcess, spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { DatabaseConfig } from '../src/config/database-config.ts'
import { addDays } from '../src/core/calendar/local-date.ts'
import { loadDemoPortfolio } from '../src/demo/load-demo-portfolio.ts'
import { runDaily } from '../src/engine/run-daily.service.ts'
import { loadDefaultPlaybooks } from '../src/playbook/default-playbooks.ts'
import type { Store } from '../src/store/connect.ts'
import { batchProgress } from '../src/store/engine/run.repository.ts'
import { findTenantBySlug, type Tenant } from '../src/store/tenant.repository.ts'
import type { BenchArgs } from './support/bench-args.ts'
import { freshBenchStore, report, round, timed } from './support/bench-database.ts'
import { captureRunWrites, measureRunFloor, resetRunWrites } from './support/run-floor.ts'

const AS_OF = '2026-03-02'
const BIN = resolve(import.meta.dirname, '../bin/recoup.js')

function startWorkers(config: DatabaseConfig, count: number): ChildProcess[] {
  if (config.kind !== 'postgres') throw new Error('--workers needs --db postgres')
  const env = { ...process.env, DATABASE_URL: config.url, RECOUP_DB_SCHEMA: config.schema ?? '' }
  return Array.from({ length: count }, () =>
    spawn(process.execPath, [BIN, 'worker', '--lease-seconds', '600'], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  )
}

/** One daily run for `asOf`: in process, or queued for `workers` worker processes (PostgreSQL). */
async function timedRun(
  store: Store,
  config: DatabaseConfig,
  tenant: Tenant,
  asOf: string,
  workers: number,
  redo: { force: true; full: true } | null = null,
) {
  const playbooks = loadDefaultPlaybooks()
  if (workers === 0) {
    return timed(async () => {
      const result = await runDaily(store, { tenant, asOf, playbooks, ...(redo ?? {}) })
      if (result.status !== 'completed') throw new Error('run did not complete')
      return result.summary
    })
  }
  if (config.kind !== 'postgres') throw new Error('--workers needs --db postgres')
  return timed(async () => {
    const queued = await runDaily(store, {
      tenant,
      asOf,
      playbooks,
      ...(redo ?? {}),
      enqueueOnly: true,
      queue: { url: config.url, ...(config.schema ? { schema: config.schema } : {}) },
    })
    if (queued.status !== 'queued') throw new Error('expected a queued run')
    for (;;) {
      const run = await store.db
        .selectFrom('runs')
        .select(['status', 'counts'])
        .where('id', '=', queued.runId)
        .executeTakeFirstOrThrow()
      if (run.status === 'completed') return JSON.parse(run.counts ?? '{}') as { accounts: number }
      const { done, total } = await batchProgress(store.db, queued.runId)
      if (done === total) await sleep(20)
      else await sleep(100)
    }
  })
}

/**
 * `npm run bench -- run [--rows N] [--db sqlite|postgres] [--workers N]`: the daily run over N demo
 * accounts. Two runs: the first day (every account enters its playbook: the heaviest day) and the next
 * day (the steady state, where most accounts have nothing to do). The headline is the first day.
 */
export async function runBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const workers = Number(args.flags.get('workers') ?? 0)
  if (!Number.isInteger(workers) || workers < 0) throw new Error('--workers must be a whole number')
  if (workers > 0 && args.db !== 'postgres') throw new Error('--workers needs --db postgres')
  const { store, config, dispose } = await freshBenchStore(args.db)
  const children: ChildProcess[] = []
  try {
    const tenant = await loadTenant(store, args.rows, 'demo')
    // With workers, a second identical tenant is decided by ONE worker first: the scaling baseline.
    const single = workers > 1 ? await loadTenant(store, args.rows, 'demo-single') : null
    if (store.dialect === 'postgres') await store.native.query('vacuum analyze')
    let singleSeconds: number | null = null
    if (workers > 0) children.push(...startWorkers(config, 1))
    if (single) {
      const one = await timedRun(store, config, single, AS_OF, 1)
      singleSeconds = one.seconds
      report(`  first day with 1 worker: ${one.seconds.toFixed(3)} s for ${one.value.accounts} accounts`)
      children.push(...startWorkers(config, workers - 1))
    }
    const first = await timedRun(store, config, tenant, AS_OF, workers)
    report(
      `  first day${workers ? ` with ${workers} worker(s)` : ''}: ${first.seconds.toFixed(3)} s for ${first.value.accounts} accounts`,
    )
    const nextDay = addDays(AS_OF, 1)
    const next = await timedRun(store, config, tenant, nextDay, workers)
    // The day's work only (docs/daily-run.md): the accounts due the next day, against what the first
    // day costs per account. The target: next day <= 1.5 x first day x share due.
    const share = next.value.accounts / first.value.accounts
    const nextRatio = next.seconds / (first.seconds * share)
    report(
      `  next day (incremental): ${next.seconds.toFixed(3)} s for ${next.value.accounts} accounts due ` +
        `(${(share * 100).toFixed(2)}% of ${first.value.accounts}); ratio to first day x share ${nextRatio.toFixed(2)}`,
    )
    // The same day re-decided in full (what every next day cost before the schedule); it writes nothing new.
    const nextFull = await timedRun(store, config, tenant, nextDay, workers, { force: true, full: true })
    report(`  next day re-decided in full (--force --full): ${nextFull.seconds.toFixed(3)} s`)
    // The floor: the first day's reads and writes with no engine in between (bench/support/run-floor.ts).
    const captured = await captureRunWrites(store, tenant.id, await runIdOf(store, tenant.id, AS_OF))
    await resetRunWrites(store, tenant.id)
    const floor = await measureRunFloor(store, tenant.id, AS_OF, captured)
    const written = captured.reduce((n, b) => n + b.decisions.length + b.states.length + b.outbox.length, 0)
    report(
      `  floor (the first day's ${captured.length} batches of snapshot reads and its ${written} rows written bare): ${floor.toFixed(3)} s`,
    )
    return {
      bench: 'run',
      db: args.db,
      accounts: first.value.accounts,
      workers,
      seconds: round(first.seconds),
      next_day_seconds: round(next.seconds),
      next_day_accounts: next.value.accounts,
      next_day_share: round(share),
      next_day_ratio: round(nextRatio),
      next_day_full_seconds: round(nextFull.seconds),
      floor_seconds: round(floor),
      ratio: round(first.seconds / floor),
      accounts_per_second: Math.round(first.value.accounts / first.seconds),
      ...(singleSeconds !== null
        ? {
            one_worker_seconds: round(singleSeconds),
            speedup_vs_one_worker: round(singleSeconds / first.seconds),
          }
        : {}),
    }
  } finally {
    for (const child of children) child.kill('SIGTERM')
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
    )
    await dispose()
  }
}

async function runIdOf(store: Store, tenantId: number, asOf: string): Promise<number> {
  const run = await store.db
    .selectFrom('runs')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('as_of', '=', asOf)
    .executeTakeFirstOrThrow()
  return Number(run.id)
}

async function loadTenant(store: Store, accounts: number, slug: string): Promise<Tenant> {
  report(`run bench: loading ${accounts} demo accounts into tenant ${slug} on ${store.dialect}...`)
  await loadDemoPortfolio(store, { accounts, seed: 1, asOf: AS_OF, tenantSlug: slug, batchSize: 5000 })
  const tenant = await findTenantBySlug(store.db, slug)
  if (!tenant) throw new Error(`tenant ${slug} missing`)
  return tenant
}
