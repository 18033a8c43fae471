import { type Kysely, sql, type Transaction } from 'kysely'
import { dialectOf } from '../dialect.ts'
import { insertRows } from '../insert-rows.ts'
import { DUE_NOW } from '../migrations/0034-decision-schedule.ts'
import type { Database } from '../schema.ts'
import type { RunBatchRow } from './run.repository.ts'

/** The batch with this id (a queue job carries only the id). */
export async function getRunBatch(db: Kysely<Database>, batchId: number): Promise<RunBatchRow> {
  return (await db
    .selectFrom('run_batches')
    .selectAll()
    .where('id', '=', batchId)
    .executeTakeFirstOrThrow()) as RunBatchRow
}

/**
 * Claims a pending batch inside the caller's transaction: its run's mode when it is pending and now
 * ours, else null. On PostgreSQL the row is locked with SKIP LOCKED, so a batch another process holds
 * right now reads as not claimable (that process commits it, or dies and releases the lock); a batch
 * done meanwhile too. The mode is read here, not cached, because `--force --full` can change it.
 */
export async function claimPendingBatch(
  trx: Transaction<Database>,
  batchId: number,
): Promise<'full' | 'incremental' | null> {
  const lock =
    dialectOf(trx as unknown as Kysely<unknown>) === 'postgres' ? sql` for update of b skip locked` : sql``
  const current = await sql<{
    status: string
    mode: 'full' | 'incremental'
  }>`select b.status, r.mode from run_batches b join runs r on r.id = b.run_id where b.id = ${batchId}${lock}`.execute(
    trx,
  )
  const row = current.rows[0]
  return row?.status === 'pending' ? row.mode : null
}

/**
 * Locks the batch's accounts in id order (the order payments lock them) on PostgreSQL, and their
 * decision-schedule rows, so a payment or an event re-decision that commits meanwhile cannot be
 * overwritten by a decision made from an older snapshot, and an event's due mark (a trigger locks the
 * schedule row before marking it, migration 0034) waits for this batch and lands after its schedule
 * write. A no-op on SQLite, whose writer lock already serialises transactions.
 *
 * An incremental batch (`dueOn`) takes only the range's open accounts due that day and returns their
 * ids: exactly these are then read and decided, so an account that turns due after the lock waits for
 * the next run instead of being decided unlocked. The range is read through the primary key (`+ 0`:
 * compared bare, SQLite walks the (tenant, decide_on) index over every due account for each batch).
 */
export async function lockBatchAccounts(
  trx: Transaction<Database>,
  tenantId: number,
  batch: Pick<RunBatchRow, 'first_account_id' | 'last_account_id'>,
  dueOn: string | null = null,
): Promise<number[] | null> {
  const postgres = dialectOf(trx as unknown as Kysely<unknown>) === 'postgres'
  const { first_account_id: first, last_account_id: last } = batch
  if (dueOn === null) {
    if (!postgres) return null
    await sql`select id from accounts where tenant_id = ${tenantId} and id between ${first}
      and ${last} and status = 'open' order by id for update`.execute(trx)
    await sql`select account_id from decision_schedule where tenant_id = ${tenantId} and account_id
      between ${first} and ${last} order by account_id for update`.execute(trx)
    return null
  }
  const due = await sql<{ id: number | string }>`select a.id from decision_schedule s
    join accounts a on a.id = s.account_id
    where s.account_id between ${first} and ${last} and s.tenant_id + 0 = ${tenantId}
      and s.decide_on <= ${dueOn} and a.status = 'open'
    order by a.id${postgres ? sql` for update` : sql``}`.execute(trx)
  return due.rows.map((r) => Number(r.id))
}

/** Rows per multi-row upsert of the schedule. */
const SCHEDULE_CHUNK = 500

/**
 * Writes the day each decided account is next due (docs/daily-run.md, "Only the day's work"), inside
 * the batch's transaction and after its decisions: `[accountId, decideOn]` pairs.
 */
export async function writeDecisionSchedule(
  trx: Transaction<Database>,
  tenantId: number,
  entries: readonly (readonly [number, string])[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += SCHEDULE_CHUNK) {
    const rows = entries.slice(i, i + SCHEDULE_CHUNK).map(([accountId, on]) => [accountId, tenantId, on])
    await insertRows(
      trx as unknown as Kysely<unknown>,
      'decision_schedule',
      ['account_id', 'tenant_id', 'decide_on'],
      rows,
      ' on conflict (account_id) do update set decide_on = excluded.decide_on',
    )
  }
}

/** Marks accounts due at once (an event re-decision: the next run decides them again). */
export async function markAccountsDue(
  trx: Transaction<Database>,
  accountIds: readonly number[],
): Promise<void> {
  if (accountIds.length === 0) return
  await trx
    .updateTable('decision_schedule')
    .set({ decide_on: DUE_NOW })
    .where('account_id', 'in', accountIds)
    .where('decide_on', '!=', DUE_NOW)
    .execute()
}

/** Marks the batch done with its counts, in the transaction that wrote its decisions. */
export async function markBatchDone(
  trx: Transaction<Database>,
  batchId: number,
  worker: string,
  counts: unknown,
): Promise<void> {
  await trx
    .updateTable('run_batches')
    .set({ status: 'done', finished_at: new Date().toISOString(), worker, counts: JSON.stringify(counts) })
    .where('id', '=', batchId)
    .execute()
}

/** The playbooks (JSON) of the tenant's latest run, or null before its first run. */
export async function latestRunPlaybooks(db: Kysely<Database>, tenantId: number): Promise<string | null> {
  const latest = await db
    .selectFrom('runs')
    .select('playbooks')
    .where('tenant_id', '=', tenantId)
    .orderBy('as_of', 'desc')
    .executeTakeFirst()
  return latest?.playbooks ?? null
}
