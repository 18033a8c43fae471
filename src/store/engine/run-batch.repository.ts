import { type Kysely, sql, type Transaction } from 'kysely'
import { dialectOf } from '../dialect.ts'
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
 * Claims a pending batch inside the caller's transaction: true when it is pending and now ours. On
 * PostgreSQL the row is locked with SKIP LOCKED, so a batch another process holds right now reads as
 * not claimable (that process commits it, or dies and releases the lock); a batch done meanwhile too.
 */
export async function claimPendingBatch(trx: Transaction<Database>, batchId: number): Promise<boolean> {
  const lock =
    dialectOf(trx as unknown as Kysely<unknown>) === 'postgres' ? sql` for update skip locked` : sql``
  const current = await sql<{
    status: string
  }>`select status from run_batches where id = ${batchId}${lock}`.execute(trx)
  return current.rows[0]?.status === 'pending'
}

/**
 * Locks the batch's open accounts in id order (the order payments lock them) on PostgreSQL, so a
 * payment or an event re-decision that commits meanwhile cannot be overwritten by a decision made
 * from an older snapshot. A no-op on SQLite, whose writer lock already serialises transactions.
 */
export async function lockBatchAccounts(
  trx: Transaction<Database>,
  tenantId: number,
  batch: Pick<RunBatchRow, 'first_account_id' | 'last_account_id'>,
): Promise<void> {
  if (dialectOf(trx as unknown as Kysely<unknown>) !== 'postgres') return
  await sql`select id from accounts where tenant_id = ${tenantId} and id between ${batch.first_account_id}
    and ${batch.last_account_id} and status = 'open' order by id for update`.execute(trx)
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
