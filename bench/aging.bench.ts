import { systemActor } from '../src/app/actor.ts'
import { getAgingReport } from '../src/app/reports/get-aging-report.ts'
import { DEFAULT_BUCKET_BOUNDS } from '../src/core/delinquency/aging-buckets.ts'
import type { Store } from '../src/store/connect.ts'
import { ensureTenant } from '../src/store/tenant.repository.ts'
import type { BenchArgs } from './support/bench-args.ts'
import { freshBenchStore, median, report, round, timed } from './support/bench-database.ts'
import { populateSynthetic } from './support/populate-synthetic.ts'
import { SYNTHETIC_AS_OF } from './support/synthetic-portfolio.ts'

const REPEATS = 3

/**
 * The floor: the faster of two hand-written statements that compute the same cells (balance as of the
 * date from the ledger, DPD bucket, count and sum per client/currency/bucket) on the native driver:
 * a grouped pass over the ledger joined to the accounts, and a correlated sub-query per account.
 * Taking the faster one means a worse query plan in the report shows up as a ratio above 1.
 */
function floorStatements(dialect: 'sqlite' | 'postgres', tenantId: number): string[] {
  const asOf = SYNTHETIC_AS_OF
  const dpd =
    dialect === 'postgres'
      ? `(date '${asOf}' - a.due_on)`
      : `cast(julianday('${asOf}') - julianday(a.due_on) as integer)`
  const [b1, b2, b3, b4] = DEFAULT_BUCKET_BOUNDS
  const bucket = `case when ${dpd} <= 0 then 0 when ${dpd} <= ${b1} then 1 when ${dpd} <= ${b2} then 2
    when ${dpd} <= ${b3} then 3 when ${dpd} <= ${b4} then 4 else 5 end`
  const joined = `select a.client_id, a.currency, ${bucket} as bucket, count(*) as accounts, sum(o.balance) as balance
    from accounts a join (select account_id, sum(amount_minor) as balance from ledger_entries
      where tenant_id = ${tenantId} and effective_on <= '${asOf}' group by account_id) o on o.account_id = a.id
    where a.tenant_id = ${tenantId} and a.opened_on <= '${asOf}' and o.balance > 0 group by 1, 2, 3`
  const correlated = `select client_id, currency, bucket, count(*) as accounts, sum(balance) as balance from (
      select a.client_id, a.currency, ${bucket} as bucket,
        (select sum(l.amount_minor) from ledger_entries l where l.account_id = a.id and l.effective_on <= '${asOf}') as balance
      from accounts a where a.tenant_id = ${tenantId} and a.opened_on <= '${asOf}'
    ) owed where balance > 0 group by client_id, currency, bucket`
  return [joined, correlated]
}

async function runFloor(store: Store, text: string): Promise<unknown[]> {
  if (store.dialect === 'sqlite') return store.native.prepare(text).all()
  return (await store.native.query(text)).rows
}

/** `npm run bench -- aging`: the aging report against the hand-written single statement. */
export async function agingBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const { store, dispose } = await freshBenchStore(args.db)
  try {
    const tenant = await ensureTenant(store.db, {
      slug: 'bench',
      name: 'Bench',
      kind: 'agency',
      timeZone: 'UTC',
      defaultCurrency: 'USD',
    })
    report(`aging bench: populating ${args.rows} accounts on ${args.db}...`)
    await populateSynthetic(store, tenant.id, args.rows)
    const seconds: number[] = []
    const statements = floorStatements(store.dialect, tenant.id)
    const floors: number[][] = statements.map(() => [])
    let accounts = 0
    for (let i = 0; i < REPEATS; i++) {
      const real = await timed(() =>
        getAgingReport({ store: store, actor: systemActor(tenant, 'test') }, { asOf: SYNTHETIC_AS_OF }),
      )
      seconds.push(real.seconds)
      accounts = real.value.totals.reduce((sum, row) => sum + row.accounts, 0)
      const floorTimes: string[] = []
      for (const [k, text] of statements.entries()) {
        const floor = await timed(() => runFloor(store, text))
        floors[k]?.push(floor.seconds)
        floorTimes.push(floor.seconds.toFixed(3))
        const rows = floor.value as { accounts: number }[]
        const floorAccounts = rows.reduce((sum, row) => sum + Number(row.accounts), 0)
        if (floorAccounts !== accounts)
          throw new Error(`floor counted ${floorAccounts} accounts, report ${accounts}`)
      }
      report(
        `  run ${i + 1}: report ${real.seconds.toFixed(3)} s, floors (joined, correlated) ${floorTimes.join(', ')} s`,
      )
    }
    report(`  ${accounts} accounts owed money as of ${SYNTHETIC_AS_OF}`)
    const s = median(seconds)
    const f = Math.min(...floors.map((times) => median(times)))
    return {
      bench: 'aging',
      db: args.db,
      rows: args.rows,
      seconds: round(s),
      floor_seconds: round(f),
      ratio: round(s / f),
    }
  } finally {
    await dispose()
  }
}
