import { type Kysely, sql } from 'kysely'
import { type RunCompletedFacts, runCompletedEvent } from '../../core/webhooks/webhook-events.ts'
import type { Database, RunBatchTable, RunTable } from '../schema.ts'
import { enqueueWebhookEvents } from '../webhooks/webhook-outbox.repository.ts'

export type RunRow = Omit<RunTable, 'id' | 'started_at' | 'mode' | 'rules'> & {
  id: number
  started_at: string
  mode: 'full' | 'incremental'
  rules: string
}
export type RunBatchRow = Omit<RunBatchTable, 'id'> & { id: number }

/**
 * Finds the tenant's run for `asOf`, or creates it with its batches in one transaction, so a run row
 * never exists without its batches and two processes starting the same run end up sharing one.
 * Batches are contiguous ranges of open account ids, `batchSize` accounts each (due accounts each, in
 * an incremental run). `full` asks for every open account whatever the schedule says (`recoup run --full`).
 */
export async function findOrCreateRun(
  db: Kysely<Database>,
  input: {
    tenantId: number
    asOf: string
    batchSize: number
    playbooks: string
    /** The compliance packs decided under (`id@version,...`). */
    rules: string
    full?: boolean
  },
): Promise<{ run: RunRow; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const mode = input.full === true ? 'full' : await runMode(trx, input)
    const inserted = await trx
      .insertInto('runs')
      .values({
        tenant_id: input.tenantId,
        as_of: input.asOf,
        status: 'running',
        batch_size: input.batchSize,
        playbooks: input.playbooks,
        rules: input.rules,
        mode,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'as_of']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (inserted) {
      await createBatches(
        trx,
        inserted.id,
        input.tenantId,
        input.batchSize,
        mode === 'full' ? null : input.asOf,
      )
    }
    const run = await trx
      .selectFrom('runs')
      .selectAll()
      .where('tenant_id', '=', input.tenantId)
      .where('as_of', '=', input.asOf)
      .executeTakeFirstOrThrow()
    return { run: run as RunRow, created: inserted !== undefined }
  })
}

/**
 * A run decides only the accounts due by the decision schedule ('incremental') when the schedule was
 * written under the same rules: the tenant's latest earlier run completed with the same playbooks and
 * compliance packs, and no later day was run. Otherwise (the first run, a playbook activation, a crashed day, a replay of a past
 * day) it decides every open account ('full'), which rewrites the whole schedule.
 */
async function runMode(
  db: Kysely<Database>,
  input: { tenantId: number; asOf: string; playbooks: string; rules: string },
): Promise<'full' | 'incremental'> {
  const latest = await db
    .selectFrom('runs')
    .select(['as_of', 'status', 'playbooks', 'rules'])
    .where('tenant_id', '=', input.tenantId)
    .where('as_of', '!=', input.asOf)
    .orderBy('as_of', 'desc')
    .limit(1)
    .executeTakeFirst()
  const incremental =
    latest !== undefined &&
    String(latest.as_of).slice(0, 10) < input.asOf &&
    latest.status === 'completed' &&
    latest.playbooks === input.playbooks &&
    latest.rules === input.rules
  return incremental ? 'incremental' : 'full'
}

/**
 * Splits the open accounts (or, given `dueOn`, the open accounts due that day) into id ranges of
 * `batchSize` accounts with one ordered scan.
 */
async function createBatches(
  db: Kysely<Database>,
  runId: number,
  tenantId: number,
  batchSize: number,
  dueOn: string | null,
) {
  const starts =
    dueOn === null
      ? await sql<{ id: number }>`
    select id from (
      select id, row_number() over (order by id) as rn from accounts
      where tenant_id = ${tenantId} and status = 'open'
    ) numbered where (rn - 1) % ${batchSize} = 0 order by id`.execute(db)
      : await sql<{ id: number }>`
    select id from (
      select s.account_id as id, row_number() over (order by s.account_id) as rn
      from decision_schedule s join accounts a on a.id = s.account_id
      where s.tenant_id = ${tenantId} and s.decide_on <= ${dueOn} and a.status = 'open'
    ) numbered where (rn - 1) % ${batchSize} = 0 order by id`.execute(db)
  const last = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst()
  const maxId = Number(last?.id ?? 0)
  const rows = starts.rows.map((row, seq) => {
    const next = starts.rows[seq + 1]
    return {
      run_id: runId,
      seq,
      first_account_id: Number(row.id),
      // Up to the next batch's first id; the last batch ends at the highest id when the run began.
      last_account_id: next ? Number(next.id) - 1 : maxId,
      status: 'pending' as const,
    }
  })
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('run_batches')
      .values(rows.slice(i, i + 500))
      .execute()
  }
}

/** The run's batches still to do, in order. */
export async function pendingBatches(db: Kysely<Database>, runId: number): Promise<RunBatchRow[]> {
  return (await db
    .selectFrom('run_batches')
    .selectAll()
    .where('run_id', '=', runId)
    .where('status', '=', 'pending')
    .orderBy('seq')
    .execute()) as RunBatchRow[]
}

/** Batches of the run in each status. */
export async function batchProgress(
  db: Kysely<Database>,
  runId: number,
): Promise<{ total: number; done: number }> {
  const row = await db
    .selectFrom('run_batches')
    .select([
      sql<number>`count(*)`.as('total'),
      sql<number>`sum(case when status = 'done' then 1 else 0 end)`.as('done'),
    ])
    .where('run_id', '=', runId)
    .executeTakeFirstOrThrow()
  return { total: Number(row.total), done: Number(row.done ?? 0) }
}

/** Every done batch's counts (JSON), for the run summary. */
export async function batchCounts(db: Kysely<Database>, runId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('run_batches')
    .select('counts')
    .where('run_id', '=', runId)
    .where('status', '=', 'done')
    .execute()
  return rows.map((r) => r.counts ?? '{}')
}

/**
 * Marks the run completed with its summary (stored whole as the run's counts) and announces
 * `run.completed` in the same transaction. A no-op when another process already did: only the call
 * that completed the run announces it, so it is announced once (again after a `--force` reopen).
 * True when this call completed it.
 */
export async function completeRun<S extends RunCompletedFacts>(
  db: Kysely<Database>,
  runId: number,
  summary: S,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const completed = await trx
      .updateTable('runs')
      .set({ status: 'completed', finished_at: new Date().toISOString(), counts: JSON.stringify(summary) })
      .where('id', '=', runId)
      .where('status', '=', 'running')
      .returning('tenant_id')
      .executeTakeFirst()
    if (!completed) return false
    await enqueueWebhookEvents(trx, completed.tenant_id, [runCompletedEvent(summary)])
    return true
  })
}

/** The run with this id. */
export async function getRun(db: Kysely<Database>, runId: number): Promise<RunRow> {
  return (await db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow()) as RunRow
}

/**
 * Reopens a completed run so `--force` re-evaluates every batch (which must then write nothing new).
 * With `full`, an incremental run (completed, or interrupted) becomes a full one: its batches are
 * replaced by ranges over every open account, so the day is decided for all of them (accounts already
 * decided that day decide alike and write nothing new).
 */
export async function reopenRun(db: Kysely<Database>, runId: number, full = false): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const run = await trx.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow()
    if (full && run.mode !== 'full') {
      await trx.deleteFrom('run_batches').where('run_id', '=', runId).execute()
      await createBatches(trx, runId, run.tenant_id, run.batch_size, null)
    } else {
      await trx
        .updateTable('run_batches')
        .set({ status: 'pending', counts: null })
        .where('run_id', '=', runId)
        .execute()
    }
    await trx
      .updateTable('runs')
      .set({ status: 'running', finished_at: null, counts: null, ...(full ? { mode: 'full' as const } : {}) })
      .where('id', '=', runId)
      .execute()
  })
}
