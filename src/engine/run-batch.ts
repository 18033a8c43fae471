import { sql } from 'kysely'
import type { Store } from '../store/connect.ts'
import { loadAccountSnapshots } from '../store/engine/account-snapshot.repository.ts'
import { type DecisionWriteCounts, writeDecisions } from '../store/engine/decision.repository.ts'
import type { RunBatchRow } from '../store/engine/run.repository.ts'
import { type AccountDecision, decideAccount, type EngineContext } from './decide-account.ts'

/** What one batch did: accounts evaluated plus what was written. */
export type BatchCounts = DecisionWriteCounts & { accounts: number; skipped?: boolean }

/**
 * Evaluates one batch of a run and commits everything it decided, together with the batch's `done`
 * mark, in ONE transaction: a crash before the commit leaves the batch pending and nothing written, so
 * re-running it produces exactly what an uninterrupted run would. On PostgreSQL the batch row is locked
 * first with SKIP LOCKED: a batch another process is working on right now is skipped (that process
 * will commit it, or die and release the lock), and a batch finished meanwhile is skipped too. A
 * process killed mid-batch loses its connection, PostgreSQL rolls its transaction back and the lock
 * is free at once for the next taker.
 */
export async function runBatch(
  store: Store,
  context: EngineContext,
  tenantId: number,
  batch: RunBatchRow,
  worker: string,
): Promise<BatchCounts> {
  return store.db.transaction().execute(async (trx) => {
    const lock = store.dialect === 'postgres' ? sql` for update skip locked` : sql``
    const current = await sql<{
      status: string
    }>`select status from run_batches where id = ${batch.id}${lock}`.execute(trx)
    if (current.rows[0]?.status !== 'pending') return { ...emptyBatch(), skipped: true }
    if (store.dialect === 'postgres') {
      // The accounts too, in id order (as payments lock them): a payment or an event re-decision that
      // commits meanwhile cannot be overwritten by a decision made from the snapshot before it.
      await sql`select id from accounts where tenant_id = ${tenantId} and id between ${batch.first_account_id}
        and ${batch.last_account_id} and status = 'open' order by id for update`.execute(trx)
    }
    const snapshots = await loadAccountSnapshots(
      trx,
      { tenantId, firstAccountId: batch.first_account_id, lastAccountId: batch.last_account_id },
      context.asOf,
    )
    const decisions: AccountDecision[] = []
    for (const snapshot of snapshots) {
      const decision = decideAccount(snapshot, context)
      if (decision) decisions.push(decision)
    }
    const written = await writeDecisions(
      trx,
      tenantId,
      context.asOf,
      { kind: 'daily', ref: '', runId: batch.run_id },
      decisions,
    )
    const counts: BatchCounts = { accounts: snapshots.length, ...written }
    await trx
      .updateTable('run_batches')
      .set({ status: 'done', finished_at: new Date().toISOString(), worker, counts: JSON.stringify(counts) })
      .where('id', '=', batch.id)
      .execute()
    return counts
  })
}

function emptyBatch(): BatchCounts {
  return {
    accounts: 0,
    decisions: 0,
    stageMoves: 0,
    statesWritten: 0,
    actionsScheduled: 0,
    actionsAwaitingApproval: 0,
    actionsBlocked: 0,
    blockedByRule: {},
  }
}
