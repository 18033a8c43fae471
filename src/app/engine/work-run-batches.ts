import { finishDailyRun } from '../../engine/daily-run.ts'
import {
  DEFAULT_QUEUE_SETTINGS,
  openRunBatchQueue,
  type QueueSettings,
  workRunBatches as workQueue,
} from '../../engine/queue/run-batch-queue.ts'
import type { Store } from '../../store/connect.ts'
import { batchProgress } from '../../store/engine/run.repository.ts'

export interface WorkRunBatchesInput {
  /** The PostgreSQL queue: the store's URL and schema. */
  readonly queue: { url: string; schema?: string }
  readonly settings?: QueueSettings
  /** The name recorded on each batch the worker commits. */
  readonly worker: string
  /** Resolves when the worker should stop; the batch in hand is finished first. */
  readonly stopped: Promise<void>
  /** Called after each committed batch. */
  readonly onBatch?: () => void
}

/**
 * Works daily-run batches from the queue for every tenant until `stopped` resolves (a worker serves
 * the installation, not one tenant, so it takes the store rather than an actor context): the worker
 * that commits a run's last batch marks the run completed. Returns the number of batches worked.
 */
export async function workRunBatches(store: Store, input: WorkRunBatchesInput): Promise<number> {
  const boss = await openRunBatchQueue(
    input.queue.url,
    input.queue.schema,
    input.settings ?? DEFAULT_QUEUE_SETTINGS,
  )
  let batches = 0
  try {
    await workQueue(boss, store, {
      worker: input.worker,
      onBatch: async (job) => {
        batches++
        input.onBatch?.()
        const { done, total } = await batchProgress(store.db, job.runId)
        if (done === total) await finishDailyRun(store, job.runId)
      },
    })
    await input.stopped
  } finally {
    await boss.stop({ graceful: true, wait: true })
  }
  return batches
}
