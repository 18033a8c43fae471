import type { Store } from '../../src/store/connect.ts'

/**
 * The run bench's floor: what the daily run reads and writes, with nothing of the engine in between.
 * `captureRunWrites` takes the rows a real first-day run wrote (decisions with their traces, strategy
 * states, outbox rows) and its batch ranges; `resetRunWrites` deletes them again (outside any timing);
 * `measureRunFloor` then, batch by batch in one transaction each, runs the twelve snapshot queries of
 * `loadAccountSnapshots` (src/store/engine/account-snapshot.repository.ts) as bare prepared statements,
 * PostgreSQL's account lock of `lockBatchAccounts` too, and inserts the captured rows back: no playbook,
 * no compliance, no snapshot objects, no query builder. The ratio measures what the engine adds.
 */

export interface CapturedBatch {
  readonly first: number
  readonly last: number
  readonly decisions: readonly DecisionRow[]
  readonly states: readonly StateRow[]
  /** Outbox rows of the batch; `account_id` finds the decision they belong to. */
  readonly outbox: readonly OutboxRow[]
}

type DecisionRow = readonly [
  account_id: number,
  as_of: string,
  trigger: string,
  trigger_ref: string,
  run_id: number | null,
  playbook_id: string,
  playbook_version: number,
  variant: string,
  from_stage: string | null,
  to_stage: string,
  trace: string,
  error: string | null,
]
type StateRow = readonly unknown[]
type OutboxRow = readonly [account_id: number, ...rest: unknown[]]

const DECISION_COLUMNS =
  'account_id, as_of, "trigger", trigger_ref, run_id, playbook_id, playbook_version, variant, from_stage, to_stage, trace, error'
const STATE_COLUMNS =
  'account_id, playbook_id, playbook_version, variant, stage, stage_entered_on, next_step, updated_on'
const OUTBOX_COLUMNS =
  'account_id, idempotency_key, action_type, channel, contact_point_id, payload, status, scheduled_at, compliance'

/** The twelve snapshot queries, with `?` placeholders: tenant, first id, last id (and as-of where named). */
function snapshotQueries(postgres: boolean): { text: string; asOf: boolean }[] {
  const debtors = 'select debtor_id from accounts where accounts.tenant_id + 0 = ? and id >= ? and id <= ?'
  const range = 'tenant_id = ? and account_id >= ? and account_id <= ?'
  const queries = [
    {
      text: `select a.id, a.external_id, a.debtor_id, d.external_id as debtor_external_id, d.kind as debtor_kind,
        d.stated_time_zone, c.external_id as client_external_id, a.debt_kind, a.jurisdiction, a.currency, a.due_on,
        a.charge_off_on, a.attributes from accounts as a inner join debtors as d on d.id = a.debtor_id
        left join clients as c on c.id = a.client_id
        where a.tenant_id + 0 = ? and a.id >= ? and a.id <= ? and a.status = 'open' order by a.id`,
      asOf: false,
    },
    {
      text: `select account_id, sum(amount_minor) as balance,
        sum(case when kind = 'charge' then amount_minor else 0 end) as original,
        max(case when kind = 'payment' and component <> 'credit' and not exists (
          select 1 from ledger_entries r where r.reverses_id = ledger_entries.id) then effective_on end) as last_payment
        from ledger_entries where ledger_entries.tenant_id = ? and ledger_entries.account_id between ? and ?
        and effective_on <= ? group by account_id`,
      asOf: true,
    },
    { text: `select * from contact_points where debtor_id in (${debtors}) order by id`, asOf: false },
    {
      text: `select debtor_id, time_zone, is_primary from debtor_addresses where debtor_id in (${debtors})
        order by is_primary desc, id`,
      asOf: false,
    },
    {
      text: 'select * from strategy_states where strategy_states.tenant_id = ? and strategy_states.account_id between ? and ?',
      asOf: false,
    },
    { text: `select * from contact_events where ${range} order by occurred_at`, asOf: false },
    {
      text: `select * from debtor_restrictions where debtor_id in (${debtors}) and ended_at is null`,
      asOf: false,
    },
    { text: `select * from disputes where ${range}`, asOf: false },
    { text: `select * from promises where ${range} order by id`, asOf: false },
    {
      text: `select account_id, score, band, reason_codes from account_scores where ${range}`,
      asOf: false,
    },
    {
      text: `select account_id, status, created_on from payment_plans where ${range} and status != 'cancelled' order by id`,
      asOf: false,
    },
    {
      text: `select account_id, reason, from_on, to_on from hardship_pauses where ${range} and to_on >= ? order by id`,
      asOf: true,
    },
  ]
  if (!postgres) return queries
  return queries.map((q) => {
    let n = 0
    return { ...q, text: q.text.replace(/\?/g, () => `$${++n}`) }
  })
}

/** A query's values for one batch: (tenant, first id, last id), then the as-of date where it takes one. */
function snapshotValues(asOf: boolean, tenantId: number, first: number, last: number, day: string) {
  return asOf ? [tenantId, first, last, day] : [tenantId, first, last]
}

/** The rows the run `runId` wrote, grouped by its batches. */
export async function captureRunWrites(
  store: Store,
  tenantId: number,
  runId: number,
): Promise<CapturedBatch[]> {
  const all = async <R>(text: string, values: unknown[]): Promise<R[]> => {
    if (store.dialect === 'sqlite')
      return store.native
        .prepare(text)
        .raw()
        .all(...values) as R[]
    let n = 0
    const result = await store.native.query({
      text: text.replace(/\?/g, () => `$${++n}`),
      values,
      rowMode: 'array',
    })
    return result.rows as R[]
  }
  const num = (v: unknown) => Number(v)
  const batches = await all<[number, number]>(
    'select first_account_id, last_account_id from run_batches where run_id = ? order by first_account_id',
    [runId],
  )
  const decisions = await all<unknown[]>(
    `select ${DECISION_COLUMNS} from decisions where run_id = ? order by account_id`,
    [runId],
  )
  const states = await all<unknown[]>(
    `select ${STATE_COLUMNS} from strategy_states where tenant_id = ? order by account_id`,
    [tenantId],
  )
  const outbox = await all<unknown[]>(
    `select ${OUTBOX_COLUMNS.split(', ')
      .map((c) => `o.${c}`)
      .join(', ')} from outbox o join decisions d on d.id = o.decision_id where d.run_id = ? order by o.id`,
    [runId],
  )
  const dateText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)
  const grouped = batches.map(([first, last]) => ({
    first: num(first),
    last: num(last),
    decisions: [] as DecisionRow[],
    states: [] as StateRow[],
    outbox: [] as OutboxRow[],
  }))
  const batchOf = (accountId: number) => {
    let lo = 0
    let hi = grouped.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((grouped[mid]?.last ?? 0) < accountId) lo = mid + 1
      else hi = mid
    }
    return grouped[lo]
  }
  for (const d of decisions) {
    const row = d.map(dateText)
    row[0] = num(row[0])
    batchOf(num(d[0]))?.decisions.push(row as unknown as DecisionRow)
  }
  for (const s of states) batchOf(num(s[0]))?.states.push(s.map(dateText))
  for (const o of outbox) {
    const row = o.map((v) => (v instanceof Date ? v.toISOString() : v))
    row[0] = num(row[0])
    batchOf(num(o[0]))?.outbox.push(row as unknown as OutboxRow)
  }
  return grouped
}

/** Deletes the tenant's decisions, outbox rows and strategy states: the state before the first day. */
export async function resetRunWrites(store: Store, tenantId: number): Promise<void> {
  if (store.dialect === 'sqlite') {
    for (const table of ['outbox', 'decisions', 'strategy_states'])
      store.native.exec(`delete from ${table} where tenant_id = ${tenantId}`)
    return
  }
  // Statistics first: analysed while the outbox was empty, PostgreSQL's foreign-key check of each
  // deleted decision may walk the outbox's (tenant_id, idempotency_key) index (one such delete ran for
  // minutes at 100k); and the checks are skipped (replica role: the outbox rows go first anyway).
  const client = await store.native.connect()
  try {
    await client.query('analyze outbox, decisions, strategy_states')
    await client.query('set session_replication_role = replica')
    for (const table of ['outbox', 'decisions', 'strategy_states'])
      await client.query(`delete from ${table} where tenant_id = ${tenantId}`)
  } finally {
    await client.query('reset session_replication_role').catch(() => undefined)
    client.release()
  }
  await store.native.query('vacuum analyze outbox, decisions, strategy_states')
}

/** Seconds to read every batch's snapshot rows and write its captured rows, one transaction per batch. */
export async function measureRunFloor(
  store: Store,
  tenantId: number,
  asOf: string,
  batches: readonly CapturedBatch[],
): Promise<number> {
  const queries = snapshotQueries(store.dialect === 'postgres')
  const start = process.hrtime.bigint()
  if (store.dialect === 'sqlite') {
    const n = store.native
    const reads = queries.map((q) => n.prepare(q.text))
    const insertDecision = n.prepare(
      `insert into decisions (tenant_id, ${DECISION_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const insertState = n.prepare(
      `insert into strategy_states (tenant_id, ${STATE_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const insertOutbox = n.prepare(
      `insert into outbox (tenant_id, decision_id, ${OUTBOX_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const batch = n.transaction((b: CapturedBatch) => {
      for (const [i, read] of reads.entries())
        read.all(...snapshotValues(queries[i]?.asOf === true, tenantId, b.first, b.last, asOf))
      const ids = new Map<number, number>()
      for (const d of b.decisions) ids.set(d[0], Number(insertDecision.run(tenantId, ...d).lastInsertRowid))
      for (const s of b.states) insertState.run(tenantId, ...s)
      for (const o of b.outbox) insertOutbox.run(tenantId, ids.get(o[0]), ...o)
    })
    for (const b of batches) batch(b)
  } else {
    const client = await store.native.connect()
    try {
      const lock = `select id from accounts where tenant_id = $1 and id between $2 and $3 and status = 'open'
        order by id for update`
      const columnsOf = (list: string) => list.split(', ')
      const jsonInsert = (table: string, columns: readonly string[]) =>
        `insert into ${table} (tenant_id, ${columns.join(', ')}) select $1, ${columns.join(', ')}
         from json_populate_recordset(null::${table}, $2::json)`
      const toObjects = (columns: readonly string[], rows: readonly (readonly unknown[])[]) =>
        JSON.stringify(
          rows.map((r) => Object.fromEntries(columns.map((c, i) => [c.replaceAll('"', ''), r[i]]))),
        )
      const decisionColumns = columnsOf(DECISION_COLUMNS)
      const stateColumns = columnsOf(STATE_COLUMNS)
      const outboxColumns = ['decision_id', ...columnsOf(OUTBOX_COLUMNS)]
      for (const b of batches) {
        await client.query('begin')
        await client.query({ name: 'floor-lock', text: lock, values: [tenantId, b.first, b.last] })
        for (const [i, q] of queries.entries())
          await client.query({
            name: `floor-read-${i}`,
            text: q.text,
            values: snapshotValues(q.asOf, tenantId, b.first, b.last, asOf),
          })
        const inserted = await client.query<{ id: string; account_id: string }>({
          name: 'floor-decisions',
          text: `${jsonInsert('decisions', decisionColumns)} returning id, account_id`,
          values: [tenantId, toObjects(decisionColumns, b.decisions)],
        })
        const ids = new Map(inserted.rows.map((r) => [Number(r.account_id), Number(r.id)]))
        await client.query({
          name: 'floor-states',
          text: jsonInsert('strategy_states', stateColumns),
          values: [tenantId, toObjects(stateColumns, b.states)],
        })
        await client.query({
          name: 'floor-outbox',
          text: jsonInsert('outbox', outboxColumns),
          values: [
            tenantId,
            toObjects(
              outboxColumns,
              b.outbox.map((o) => [ids.get(o[0]), ...o]),
            ),
          ],
        })
        await client.query('commit')
      }
    } catch (error) {
      await client.query('rollback').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }
  return Number(process.hrtime.bigint() - start) / 1e9
}
