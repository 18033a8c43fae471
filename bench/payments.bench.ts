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

/** What the path wrote for one batch, read back after it: the floor writes the same rows again. */
interface WrittenBatch {
  /** Payment rows (columns of PAYMENT_COLUMNS), each with its ledger lines (LEDGER_COLUMNS minus payment_id). */
  payments: { row: unknown[]; lines: unknown[][] }[]
  /** The batch's `payments.posted` journal event: type, actor, occurred_at, subject, payload, hash. */
  journal: unknown[]
}

const PAYMENT_COLUMNS = [
  'tenant_id',
  'account_id',
  'amount_minor',
  'currency',
  'received_on',
  'source',
  'external_id',
  'end_to_end_id',
  'status',
  'policy_id',
  'credit_minor',
]
const LEDGER_COLUMNS = [
  'tenant_id',
  'account_id',
  'kind',
  'component',
  'amount_minor',
  'effective_on',
  'posted_at',
  'external_id',
  'reverses_id',
  'memo',
]
const JOURNAL_FIELDS = ['type', 'actor', 'occurred_at', 'subject', 'payload', 'hash']

/**
 * Reads back the rows the posting wrote (payments, their ledger lines, one journal event per batch),
 * with the references prefixed so that writing them again conflicts with nothing.
 */
async function capturePostedRows(store: Store, tenant: Tenant): Promise<WrittenBatch[]> {
  const all = async (text: string): Promise<unknown[][]> => {
    if (store.dialect === 'sqlite') return store.native.prepare(text).raw().all(tenant.id) as unknown[][]
    return (
      await store.native.query({ text: text.replace('?', '$1'), values: [tenant.id], rowMode: 'array' })
    ).rows as unknown[][]
  }
  const payments = await all(
    `select id, ${PAYMENT_COLUMNS.join(', ')} from payments where tenant_id = ? order by id`,
  )
  const lines = await all(
    `select payment_id, ${LEDGER_COLUMNS.join(', ')} from ledger_entries
     where tenant_id = ? and payment_id is not null order by id`,
  )
  const journal = await all(
    `select ${JOURNAL_FIELDS.join(', ')} from journal_events where tenant_id = ? and type = 'payments.posted' order by seq`,
  )
  const linesOf = new Map<number, unknown[][]>()
  const externalId = LEDGER_COLUMNS.indexOf('external_id')
  for (const [paymentId, ...line] of lines) {
    line[externalId] = `floor-${line[externalId]}`
    const list = linesOf.get(Number(paymentId))
    if (list) list.push(line)
    else linesOf.set(Number(paymentId), [line])
  }
  const reference = PAYMENT_COLUMNS.indexOf('external_id')
  const batches: WrittenBatch[] = []
  for (let i = 0; i < payments.length; i += BATCH) {
    batches.push({
      payments: payments.slice(i, i + BATCH).map(([id, ...row]) => {
        row[reference] = `floor-${row[reference]}`
        return { row, lines: linesOf.get(Number(id)) ?? [] }
      }),
      journal: journal[i / BATCH] ?? [],
    })
  }
  return batches
}

/**
 * The floor: the rows the posting wrote (the payment row, its allocated ledger lines, the batch's
 * journal event with the head's bump and new hash), written again as bare prepared statements in the
 * same batches, one transaction each, with nothing read, allocated, checked or digested. Measured after
 * the posting (whose rows it copies, under other references), so its caches are warm: that errs
 * against Recoup. SQLite: one prepared INSERT per row; PostgreSQL: one `unnest` INSERT per table and batch.
 */
async function measureFloor(store: Store, tenant: Tenant, batches: readonly WrittenBatch[]): Promise<number> {
  const journalSql = (p: (i: number) => string) =>
    `insert into journal_events (tenant_id, seq, prev_hash, ${JOURNAL_FIELDS.join(', ')})
     values (${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(p).join(', ')})`
  if (store.dialect === 'sqlite') {
    const n = store.native
    const q = (count: number) => Array.from({ length: count }, () => '?').join(', ')
    const payment = n.prepare(`insert into payments (${PAYMENT_COLUMNS.join(', ')}) values (${q(11)})`)
    const line = n.prepare(
      `insert into ledger_entries (payment_id, ${LEDGER_COLUMNS.join(', ')}) values (${q(11)})`,
    )
    const bump = n.prepare('update journal_heads set seq = seq + 1 where tenant_id = ? returning seq, hash')
    const event = n.prepare(journalSql(() => '?'))
    const rehash = n.prepare('update journal_heads set hash = ? where tenant_id = ?')
    const write = n.transaction((batch: WrittenBatch) => {
      for (const p of batch.payments) {
        const id = payment.run(...p.row).lastInsertRowid
        for (const l of p.lines) line.run(id, ...l)
      }
      const head = bump.get(tenant.id) as { seq: number; hash: string }
      const [type, actor, occurredAt, subject, payload, hash] = batch.journal
      event.run(tenant.id, head.seq, head.hash, type, actor, occurredAt, subject, payload, hash)
      rehash.run(hash, tenant.id)
    })
    return (
      await timed(() => {
        for (const b of batches) write(b)
      })
    ).seconds
  }
  const client = await store.native.connect()
  const column = (rows: readonly unknown[][], i: number) => rows.map((r) => r[i])
  try {
    const { seconds } = await timed(async () => {
      for (const batch of batches) {
        await client.query('begin')
        const rows = batch.payments.map((p) => p.row)
        const inserted = await client.query<{ id: number; external_id: string }>({
          name: 'floor-payments',
          text: `insert into payments (${PAYMENT_COLUMNS.join(', ')})
            select $1, * from unnest($2::bigint[], $3::bigint[], $4::text[], $5::date[], $6::text[], $7::text[],
              $8::text[], $9::text[], $10::text[], $11::bigint[]) returning id, external_id`,
          values: [tenant.id, ...PAYMENT_COLUMNS.slice(1).map((_, i) => column(rows, i + 1))],
        })
        const ids = new Map(inserted.rows.map((r) => [r.external_id, r.id]))
        const reference = PAYMENT_COLUMNS.indexOf('external_id')
        const lines = batch.payments.flatMap((p) =>
          p.lines.map((l) => [ids.get(p.row[reference] as string), ...l]),
        )
        await client.query({
          name: 'floor-lines',
          text: `insert into ledger_entries (payment_id, ${LEDGER_COLUMNS.join(', ')})
            select * from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::bigint[],
              $7::date[], $8::timestamptz[], $9::text[], $10::bigint[], $11::text[])`,
          values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => column(lines, i)),
        })
        const head = await client.query<{ seq: number; hash: string }>({
          name: 'floor-bump',
          text: 'update journal_heads set seq = seq + 1 where tenant_id = $1 returning seq, hash',
          values: [tenant.id],
        })
        const [type, actor, occurredAt, subject, payload, hash] = batch.journal
        await client.query({
          name: 'floor-event',
          text: journalSql((i) => `$${i}`),
          values: [
            tenant.id,
            head.rows[0]?.seq,
            head.rows[0]?.hash,
            type,
            actor,
            occurredAt,
            subject,
            payload,
            hash,
          ],
        })
        await client.query({
          name: 'floor-rehash',
          text: 'update journal_heads set hash = $1 where tenant_id = $2',
          values: [hash, tenant.id],
        })
        await client.query('commit')
      }
    })
    return seconds
  } catch (error) {
    await client.query('rollback').catch(() => undefined)
    throw error
  } finally {
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
    const written = await capturePostedRows(store, tenant)
    const floor = await measureFloor(store, tenant, written)
    const lines = written.reduce((n, b) => n + b.payments.reduce((m, p) => m + p.lines.length, 0), 0)
    report(
      `  floor (the same ${posted} payment rows, ${lines} ledger lines and ${written.length} journal events written bare): ${floor.toFixed(3)} s`,
    )
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
