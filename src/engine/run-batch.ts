import type { AccountDecision, DecisionError } from '../core/engine/account-decision.ts'
import type { Store } from '../store/connect.ts'
import { loadAccountSnapshots } from '../store/engine/account-snapshot.repository.ts'
import {
  type DecisionWriteCounts,
  emptyWriteCounts,
  writeDecisionErrors,
  writeDecisions,
} from '../store/engine/decision.repository.ts'
import type { RunBatchRow } from '../store/engine/run.repository.ts'
import {
  claimPendingBatch,
  lockBatchAccounts,
  markBatchDone,
  writeDecisionSchedule,
} from '../store/engine/run-batch.repository.ts'
import { decideAccountSafely, type EngineContext } from './decide-account.ts'

/** What one batch did: accounts evaluated plus what was written. */
export type BatchCounts = DecisionWriteCounts & { accounts: number; skipped?: boolean }

/**
 * Evaluates one batch of a run and commits everything it decided, together with the batch's `done`
 * mark, in ONE transaction: a crash before the commit leaves the batch pending and nothing written, so
 * re-running it produces exactly what an uninterrupted run would. On PostgreSQL the batch row is locked
 * first with SKIP LOCKED: a batch another process is working on right now is skipped (that process
 * will commit it, or die and release the lock), and a batch finished meanwhile is skipped too. A
 * process killed mid-batch loses its connection, PostgreSQL rolls its transaction back and the lock
 * is free at once for the next taker. An account that cannot be decided is recorded as an error
 * decision and counted; the rest of the batch (and the run) goes on. Each account decided gets the day
 * it is next due (the decision schedule); an incremental run's batch reads only the accounts due today.
 */
export async function runBatch(
  store: Store,
  context: EngineContext,
  tenantId: number,
  batch: RunBatchRow,
  worker: string,
): Promise<BatchCounts> {
  return store.db.transaction().execute(async (trx) => {
    const mode = await claimPendingBatch(trx, batch.id)
    if (mode === null) return { accounts: 0, ...emptyWriteCounts(), skipped: true }
    const dueOn = mode === 'incremental' ? context.asOf : null
    const due = await lockBatchAccounts(trx, tenantId, batch, dueOn)
    const snapshots = await loadAccountSnapshots(
      trx,
      { tenantId, firstAccountId: batch.first_account_id, lastAccountId: batch.last_account_id },
      context.asOf,
      due === null ? {} : { accountIds: due },
    )
    const decisions: AccountDecision[] = []
    const errors: DecisionError[] = []
    const schedule: [number, string][] = []
    for (const snapshot of snapshots) {
      const result = decideAccountSafely(snapshot, context)
      schedule.push([snapshot.accountId, result.decideAgainOn])
      if ('error' in result) errors.push(result.error)
      else if (result.decision) decisions.push(result.decision)
    }
    const trigger = { kind: 'daily', ref: '', runId: batch.run_id } as const
    const written = await writeDecisions(trx, tenantId, context.asOf, trigger, decisions)
    await writeDecisionErrors(trx, tenantId, context.asOf, trigger, errors, written)
    await writeDecisionSchedule(trx, tenantId, schedule)
    const counts: BatchCounts = { accounts: snapshots.length, ...written }
    await markBatchDone(trx, batch.id, worker, counts)
    return counts
  })
}
