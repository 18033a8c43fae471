import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import Fastify, { type FastifyInstance } from 'fastify'
import { systemActor } from '../src/app/actor.ts'
import { createApiKey } from '../src/app/auth/api-keys.ts'
import { loadDemo } from '../src/app/demo/load-demo.ts'
import { buildServer } from '../src/http/build-server.ts'
import type { Store } from '../src/store/connect.ts'
import type { BenchArgs } from './support/bench-args.ts'
import { freshBenchStore, report, round } from './support/bench-database.ts'

const SLUG = 'demo'
/** The route the issue names: GET /accounts/:id (here `{account}`, the external or numeric id). */
const ACCOUNT_PATH = '/api/v1/tenants/{tenant}/accounts/{account}'
const PAYMENT_REQUEST = fileURLToPath(new URL('./support/payment-request.cjs', import.meta.url))

interface Measure {
  readonly rps: number
  readonly p50_ms: number
  readonly p99_ms: number
  readonly non2xx: number
  readonly errors: number
}

/**
 * One autocannon run against a listening server. The load generator runs in a worker thread, so the
 * server's event loop (this process's main thread) serves requests and does nothing else, as in
 * production where clients are other machines.
 */
async function measure(options: autocannon.Options): Promise<Measure> {
  const result = await autocannon({ connections: 10, workers: 1, ...options })
  return {
    rps: round(result.requests.average),
    p50_ms: round(result.latency.p50),
    p99_ms: round(result.latency.p99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ host: '127.0.0.1', port: 0 })
}

/**
 * GET /accounts/:id as the OpenAPI document declares it, with an id from the demo data (the numeric id
 * for an integer parameter, else the external id).
 */
async function getTarget(app: FastifyInstance, store: Store, tenantId: number): Promise<string> {
  const doc = (await app.inject('/openapi.json')).json() as {
    paths: Record<string, Record<string, { parameters?: { name: string; schema?: { type?: string } }[] }>>
  }
  const account = await store.db
    .selectFrom('accounts')
    .select(['id', 'external_id'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .executeTakeFirstOrThrow()
  const operation = doc.paths[ACCOUNT_PATH]?.get
  if (!operation) throw new Error(`the OpenAPI document has no GET ${ACCOUNT_PATH}`)
  const idType = operation.parameters?.find((p) => p.name === 'account')?.schema?.type
  return `/api/v1/tenants/${SLUG}/accounts/${encodeURIComponent(idType === 'integer' ? String(account.id) : account.external_id)}`
}

async function benchOn(kind: 'sqlite' | 'postgres', accounts: number, seconds: number) {
  const { store, dispose } = await freshBenchStore(kind)
  const floorApp = Fastify({ logger: false })
  floorApp.get('/floor', async () => ({ ok: true, service: 'recoup' }))
  let app: FastifyInstance | undefined
  try {
    report(`${kind}: loading a demo portfolio of ${accounts} accounts`)
    await loadDemo(store, { accounts, seed: 1, asOf: '2026-03-01', tenantSlug: SLUG, by: 'bench' })
    const tenant = await store.db
      .selectFrom('tenants')
      .selectAll()
      .where('slug', '=', SLUG)
      .executeTakeFirstOrThrow()
    const key = await createApiKey(
      { store, actor: systemActor(tenant, 'bench') },
      { name: 'bench', role: 'admin' },
    )
    // The real server as `recoup serve` builds it, logging its JSON lines (to nowhere) as in production.
    app = await buildServer(store, { logStream: { write: () => {} }, rateLimitPerMinute: 100_000_000 })
    const base = await listen(app)
    const floorBase = await listen(floorApp)
    const headers = { authorization: `Bearer ${key.key}` }
    const getPath = await getTarget(app, store, tenant.id)
    const check = await app.inject({ url: getPath, headers })
    if (check.statusCode !== 200)
      throw new Error(`GET ${getPath} answered ${check.statusCode}: ${check.body}`)
    const open = await store.db
      .selectFrom('accounts')
      .select('external_id')
      .where('tenant_id', '=', tenant.id)
      .where('status', '=', 'open')
      .execute()
    if (open.length === 0) throw new Error('the demo portfolio has no open account')

    report(`${kind}: floor (bare Fastify GET /floor), ${seconds} s`)
    const floor = await measure({ url: `${floorBase}/floor`, duration: seconds })
    report(`${kind}: GET ${getPath} at full speed, ${seconds} s`)
    const get = await measure({ url: `${base}${getPath}`, headers, duration: seconds })
    report(`${kind}: GET ${getPath} at 1,000 requests/s, ${seconds} s`)
    const getAtRate = await measure({
      url: `${base}${getPath}`,
      headers,
      duration: seconds,
      overallRate: 1000,
    })
    const run = String(Date.now())
    // The request body is made in the worker by bench/support/payment-request.cjs from these.
    process.env.RECOUP_BENCH_ACCOUNTS = JSON.stringify(open.map((a) => a.external_id))
    process.env.RECOUP_BENCH_RUN = run
    report(`${kind}: POST /payments (a new reference each), ${seconds} s`)
    const post = await measure({
      url: base,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: `/api/v1/tenants/${SLUG}/payments`,
          headers: { ...headers, 'content-type': 'application/json' },
          setupRequest: PAYMENT_REQUEST as unknown as autocannon.Request['setupRequest'],
        },
      ],
    })
    const posted = await store.db
      .selectFrom('payments')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('tenant_id', '=', tenant.id)
      .where('external_id', 'like', `bench-${run}-%`)
      .executeTakeFirstOrThrow()
    const result = {
      get_path: getPath,
      get_rps: get.rps,
      get_p50_ms: get.p50_ms,
      get_p99_ms: get.p99_ms,
      get_at_1000_rps: getAtRate.rps,
      get_at_1000_p50_ms: getAtRate.p50_ms,
      get_at_1000_p99_ms: getAtRate.p99_ms,
      post_rps: post.rps,
      post_p50_ms: post.p50_ms,
      post_p99_ms: post.p99_ms,
      payments_inserted: Number(posted.count),
      floor_rps: floor.rps,
      floor_p99_ms: floor.p99_ms,
      ratio: round(get.rps / floor.rps),
      non2xx: get.non2xx + getAtRate.non2xx + post.non2xx + floor.non2xx,
      errors: get.errors + getAtRate.errors + post.errors + floor.errors,
    }
    report(
      `${kind}: GET ${get.rps} req/s (p99 ${get.p99_ms} ms; at 1,000 req/s p99 ${getAtRate.p99_ms} ms), ` +
        `POST ${post.rps} req/s (p99 ${post.p99_ms} ms, ${result.payments_inserted} inserted), ` +
        `floor ${floor.rps} req/s, ratio ${result.ratio}`,
    )
    return result
  } finally {
    await app?.close()
    await floorApp.close()
    await dispose()
  }
}

/**
 * `npm run bench -- api [--db sqlite|postgres] [--accounts N] [--seconds S]`: the real HTTP server on
 * loopback under autocannon, on a demo tenant, on SQLite and PostgreSQL (or only `--db`). GET: the
 * account (or the closest authenticated GET), at full speed for throughput and at 1,000 requests/s for
 * p99; POST /payments with a new reference per request (real inserts); the floor: a bare Fastify route
 * returning a fixed body, in the same run. Targets: GET p99 <= 20 ms at 1,000 req/s on SQLite, ratio >= 0.30.
 */
export async function apiBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const accounts = Number(args.flags.get('accounts') ?? 1000)
  const seconds = Number(args.flags.get('seconds') ?? 5)
  if (!Number.isInteger(accounts) || accounts < 10) throw new Error('--accounts must be a whole number >= 10')
  if (!(seconds > 0)) throw new Error('--seconds must be positive')
  const kinds = args.flags.has('db') ? [args.db] : (['sqlite', 'postgres'] as const)
  const results: Record<string, Awaited<ReturnType<typeof benchOn>>> = {}
  for (const kind of kinds) results[kind] = await benchOn(kind, accounts, seconds)
  const first = results[kinds[0] as 'sqlite' | 'postgres']
  return { bench: 'api', db: kinds[0], accounts, seconds, ...first, ...results }
}
