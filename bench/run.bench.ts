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

const AS_OF = '2026-03-02'
const BIN = resolve(import.meta.dirname, '../bin/recoup.js')

/**
 * The floor: one hand-written UPDATE that recomputes the aging bucket of every account from its due
 * date, on a scratch copy of the accounts (the schema has no bucket column: aging is computed on read).
 */
async function measureFloor(store: Store, tenantId: number, asOf: string): Promise<number> {
  const dpd =
    store.dialect === 'postgres'
      ? `(date '${asOf}' - due_on)`
      : `cast(julianday('${asOf}') - julianday(due_on) as integer)`
  const statements = [
    'drop table if exists bench_buckets',
    `create table bench_buckets as select id, due_on, 0 as bucket from accounts where tenant_id = ${tenantId}`,
  ]
  const update = `update bench_buckets set bucket = case when ${dpd} <= 0 then 0 when ${dpd} <= 30 then 1
    when ${dpd} <= 60 then 2 when ${dpd} <= 90 then 3 when ${dpd} <= 120 then 4 else 5 end`
  const exec = async (text: string) => {
    if (store.dialect === 'sqlite') store.native.exec(text)
    else await store.native.query(text)
  }
  for (const text of statements) await exec(text)
  const { seconds } = await timed(() => exec(update))
  await exec('drop table bench_buckets')
  return seconds
}

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
async function timedRun(store: Store, config: DatabaseConfig, tenant: Tenant, asOf: string, workers: number) {
  const playbooks = loadDefaultPlaybooks()
  if (workers === 0) {
    return timed(async () => {
      const result = await runDaily(store, { tenant, asOf, playbooks })
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
    const floor = await measureFloor(store, tenant.id, AS_OF)
    report(`  floor (one UPDATE of every account's aging bucket): ${floor.toFixed(3)} s`)
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
    const next = await timedRun(store, config, tenant, addDays(AS_OF, 1), workers)
    report(`  next day (steady state): ${next.seconds.toFixed(3)} s`)
    return {
      bench: 'run',
      db: args.db,
      accounts: first.value.accounts,
      workers,
      seconds: round(first.seconds),
      next_day_seconds: round(next.seconds),
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

async function loadTenant(store: Store, accounts: number, slug: string): Promise<Tenant> {
  report(`run bench: loading ${accounts} demo accounts into tenant ${slug} on ${store.dialect}...`)
  await loadDemoPortfolio(store, { accounts, seed: 1, asOf: AS_OF, tenantSlug: slug, batchSize: 5000 })
  const tenant = await findTenantBySlug(store.db, slug)
  if (!tenant) throw new Error(`tenant ${slug} missing`)
  return tenant
}
