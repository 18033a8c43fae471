import { systemActor } from '../src/app/actor.ts'
import type { Store } from '../src/store/connect.ts'
import { ensureTenant } from '../src/store/tenant.repository.ts'
import type { BenchArgs } from './support/bench-args.ts'
import { freshBenchStore, median, report, round, timed } from './support/bench-database.ts'
import { populateReportExtras } from './support/populate-report-extras.ts'
import { populateSynthetic } from './support/populate-synthetic.ts'
import { benchWindow, POSTGRES_SQL, REPORT_CASES, SQLITE_SQL } from './support/report-cases.ts'

/** Each report's target: its use case at most 1.5 times its hand-written statement. */
const TARGET_RATIO = 1.5

async function runFloor(store: Store, text: string): Promise<unknown[]> {
  if (store.dialect === 'sqlite') return store.native.prepare(text).all()
  return (await store.native.query(text)).rows
}

/**
 * `npm run bench -- reports [--repeats N] [--only a,b]`: every analytics report's use case over the
 * synthetic portfolio (plus the promises, plans, decisions, blocked actions and scores the reports read),
 * each against one hand-written statement computing the same figures on the native driver, taken in
 * turn, median of `--repeats` (default 3).
 */
export async function reportsBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const repeats = Number(args.flags.get('repeats') ?? 3)
  if (!Number.isInteger(repeats) || repeats <= 0) throw new Error('--repeats must be a positive whole number')
  const only = args.flags.get('only')?.split(',')
  const cases = REPORT_CASES.filter((c) => !only || only.includes(c.name))
  if (cases.length === 0)
    throw new Error(`--only names no report; reports: ${REPORT_CASES.map((c) => c.name)}`)
  const { store, dispose } = await freshBenchStore(args.db)
  try {
    const tenant = await ensureTenant(store.db, {
      slug: 'bench',
      name: 'Bench',
      kind: 'agency',
      timeZone: 'UTC',
      defaultCurrency: 'USD',
    })
    report(`reports bench: populating ${args.rows} accounts on ${args.db}...`)
    await populateSynthetic(store, tenant.id, args.rows)
    const { modelId } = await populateReportExtras(store, tenant.id)
    // Read again: the extras set the tenant's unit costs (cost to collect).
    const configured = await store.db
      .selectFrom('tenants')
      .selectAll()
      .where('id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    const ctx = { store, actor: systemActor(configured, 'bench') }
    const floorContext = {
      tenantId: tenant.id,
      modelId,
      ...benchWindow(ctx),
      sql: store.dialect === 'postgres' ? POSTGRES_SQL : SQLITE_SQL,
    }
    const results: Record<
      string,
      { seconds: number; floor_seconds: number; ratio: number; met: boolean; agrees?: boolean }
    > = {}
    for (const c of cases) {
      const text = c.floor(floorContext)
      const seconds: number[] = []
      const floors: number[] = []
      let disagreement: string | undefined
      for (let i = 0; i < repeats; i++) {
        const real = await timed(() => c.run(ctx))
        seconds.push(real.seconds)
        const bare = await timed(() => runFloor(store, text))
        floors.push(bare.seconds)
        disagreement ??= c.agree?.(real.value, bare.value as Record<string, unknown>[])
        report(
          `  ${c.name} run ${i + 1}: report ${real.seconds.toFixed(3)} s (${real.value.rows.length} rows), floor ${bare.seconds.toFixed(3)} s (${bare.value.length} rows)`,
        )
      }
      const s = median(seconds)
      const f = median(floors)
      results[c.name] = {
        seconds: round(s),
        floor_seconds: round(f),
        ratio: round(s / f),
        met: s / f <= TARGET_RATIO,
        ...(c.agree ? { agrees: disagreement === undefined } : {}),
      }
      report(`${c.name}: ${s.toFixed(3)} s, floor ${f.toFixed(3)} s, ratio ${(s / f).toFixed(2)}`)
      if (disagreement !== undefined) {
        report(`  ${c.name} DISAGREES with its floor: ${disagreement}`)
        process.exitCode = 1
      }
    }
    return { bench: 'reports', db: args.db, rows: args.rows, target_ratio: TARGET_RATIO, reports: results }
  } finally {
    await dispose()
  }
}
