import { type IncomingPayment, postPaymentsIn } from '../src/money/post-payments.ts'
import type { Store } from '../src/store/connect.ts'
import { ensureTenant, type Tenant } from '../src/store/tenant.repository.ts'
import type { BenchArgs } from './support/bench-args.ts'
import { freshBenchStore, report, round, timed } from './support/bench-database.ts'
import { populateSynthetic } from './support/populate-synthetic.ts'
import { SYNTHETIC_AS_OF } from './support/synthetic-portfolio.ts'

const BATCH = 2000
const PAID_ON = '2026-07-01'

/** One payment per account: a fifth of its charge, so every payment lands on principal (one ledger line). */
async function paymentsFor(store: Store, tenant: Tenant): Promise<IncomingPayment[]> {
  const rows = await store.db
    .selectFrom('accounts as a')
    .innerJoin('ledger_entries as l', 'l.account_id', 'a.id')
    .select(['a.id', 'a.currency', 'l.amount_minor'])
    .where('a.tenant_id', '=', tenant.id)
    .where('l.kind', '=', 'charge')
    .orderBy('a.id')
    .execute()
  return rows.map((r) => ({
    accountId: r.id,
    amountMinor: Math.max(1, Math.floor(Number(r.amount_minor) / 5)),
    currency: r.currency,
    receivedOn: PAID_ON,
    source: 'api' as const,
    externalId: `bench-${r.id}`,
  }))
}

/**
 * The floor: the same number of ledger payment rows inserted bare (no payment rows, no allocation, no
 * idempotency check, no journal), in batches of the same size, inside one transaction that is then
 * rolled back (deleting them again would cost a scan per row for the self-referencing reversal key).
 * Skipping the per-batch commits only makes the floor faster, so the ratio errs against Recoup.
 */
async function measureFloor(
  store: Store,
  tenant: Tenant,
  payments: readonly IncomingPayment[],
): Promise<number> {
  const postedAt = new Date().toISOString()
  const batches: IncomingPayment[][] = []
  for (let i = 0; i < payments.length; i += BATCH) batches.push(payments.slice(i, i + BATCH))
  if (store.dialect === 'sqlite') {
    const insert = store.native.prepare(
      `insert into ledger_entries (tenant_id, account_id, kind, component, amount_minor, effective_on, posted_at, external_id)
       values (?, ?, 'payment', 'principal', ?, ?, ?, ?)`,
    )
    store.native.exec('begin')
    try {
      const { seconds } = await timed(() => {
        for (const batch of batches)
          for (const p of batch)
            insert.run(tenant.id, p.accountId, -p.amountMinor, PAID_ON, postedAt, `floor-${p.externalId}`)
      })
      return seconds
    } finally {
      store.native.exec('rollback')
    }
  }
  const client = await store.native.connect()
  try {
    await client.query('begin')
    const { seconds } = await timed(async () => {
      for (const batch of batches) {
        await client.query(
          `insert into ledger_entries (tenant_id, account_id, kind, component, amount_minor, effective_on, posted_at, external_id)
           select $1, a, 'payment', 'principal', m, $2, $3, x from unnest($4::bigint[], $5::bigint[], $6::text[]) as u(a, m, x)`,
          [
            tenant.id,
            PAID_ON,
            postedAt,
            batch.map((p) => p.accountId),
            batch.map((p) => -p.amountMinor),
            batch.map((p) => `floor-${p.externalId}`),
          ],
        )
      }
    })
    return seconds
  } finally {
    await client.query('rollback')
    client.release()
  }
}

/** `npm run bench -- payments [--rows N] [--db sqlite|postgres]`: N payments posted with allocation. */
export async function paymentsBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const { store, dispose } = await freshBenchStore(args.db)
  try {
    const tenant = await ensureTenant(store.db, {
      slug: 'bench',
      name: 'Bench',
      kind: 'agency',
      timeZone: 'UTC',
      defaultCurrency: 'USD',
    })
    report(`payments bench: populating ${args.rows} accounts on ${args.db} (as of ${SYNTHETIC_AS_OF})...`)
    await populateSynthetic(store, tenant.id, args.rows)
    const payments = await paymentsFor(store, tenant)
    const floor = await measureFloor(store, tenant, payments)
    report(`  floor (bare insert of ${payments.length} ledger rows): ${floor.toFixed(3)} s`)
    let posted = 0
    const real = await timed(async () => {
      for (let i = 0; i < payments.length; i += BATCH) {
        const batch = payments.slice(i, i + BATCH)
        const result = await store.db
          .transaction()
          .execute((trx) => postPaymentsIn(trx, tenant, batch, { actor: 'bench', reevaluate: false }))
        posted += result.posted.length
      }
    })
    if (posted !== payments.length) throw new Error(`posted ${posted} of ${payments.length} payments`)
    report(`  posted ${posted} payments with allocation in ${real.seconds.toFixed(3)} s`)
    return {
      bench: 'payments',
      db: args.db,
      rows: args.rows,
      payments: posted,
      seconds: round(real.seconds),
      floor_seconds: round(floor),
      ratio: round(real.seconds / floor),
    }
  } finally {
    await dispose()
  }
}
