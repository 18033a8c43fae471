import type { PlaybookDocument } from '../core/playbook/playbook-document.ts'
import type { Store } from '../store/connect.ts'
import { batchProgress, pendingBatches, type RunRow, reopenRun } from '../store/engine/run.repository.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import {
  engineContextForRun,
  finishDailyRun,
  type RunSummary,
  startDailyRun,
  workRunInProcess,
} from './daily-run.ts'
import { enqueueBatches, openRunBatchQueue, type QueueSettings } from './queue/run-batch-queue.ts'
import { runBatch } from './run-batch.ts'

export interface RunDailyOptions {
  tenant: Tenant
  asOf: string
  playbooks: readonly PlaybookDocument[]
  batchSize?: number
  /** Re-evaluate a completed run (it must then write nothing new). */
  force?: boolean
  /** Decide every open account, not only the due ones (with `force`: re-decide a completed day in full). */
  full?: boolean
  /** PostgreSQL: queue the batches for `recoup worker` processes and return without working. */
  enqueueOnly?: boolean
  /** PostgreSQL connection for the queue (the store's own URL and schema). */
  queue?: { url: string; schema?: string; settings?: QueueSettings }
  /** Called with (batches done, batches in all) as batches commit. */
  onProgress?: (done: number, total: number) => void
}

export type RunDailyResult =
  | { status: 'completed'; summary: RunSummary; alreadyCompleted: boolean }
  | { status: 'queued'; runId: number; batches: number }

/**
 * The decisions of the daily run, start to end (the use case startDailyRun in src/app/engine brings the
 * money up to the day first and calls this). SQLite: every pending batch runs in this process. PostgreSQL: pending
 * batches go on the queue; this process then works alongside any `recoup worker` processes until every
 * batch is done (or returns at once with `enqueueOnly`). Re-running after a crash resumes the same run.
 */
export async function runDaily(store: Store, options: RunDailyOptions): Promise<RunDailyResult> {
  const { tenant } = options
  const { run } = await startDailyRun(store, options)
  if (run.status === 'completed') {
    if (!options.force) {
      return {
        status: 'completed',
        summary: JSON.parse(run.counts ?? '{}') as RunSummary,
        alreadyCompleted: true,
      }
    }
    await reopenRun(store.db, run.id, options.full === true)
  } else if (options.full === true && run.mode !== 'full') {
    // A day begun incrementally (and interrupted) is finished in full when asked: every open account.
    await reopenRun(store.db, run.id, true)
  }
  if (store.dialect === 'sqlite' || !options.queue) {
    const { total } = await batchProgress(store.db, run.id)
    let done = total - (await pendingBatches(store.db, run.id)).length
    options.onProgress?.(done, total)
    await workRunInProcess(store, run, tenant, () => options.onProgress?.(++done, total))
    return { status: 'completed', summary: await finishDailyRun(store, run.id), alreadyCompleted: false }
  }
  return runOnQueue(store, run, options, options.queue)
}

async function runOnQueue(
  store: Store,
  run: RunRow,
  options: RunDailyOptions,
  queue: NonNullable<RunDailyOptions['queue']>,
): Promise<RunDailyResult> {
  const boss = await openRunBatchQueue(queue.url, queue.schema, queue.settings)
  try {
    const pending = await pendingBatches(store.db, run.id)
    await enqueueBatches(boss, options.tenant.id, pending, queue.settings)
    if (options.enqueueOnly) return { status: 'queued', runId: run.id, batches: pending.length }
    // This process works too, straight from the batch table: SKIP LOCKED passes over batches that
    // workers hold, and picks up at once a batch whose worker died (its lock went with its connection).
    const context = engineContextForRun(run, options.tenant)
    for (;;) {
      const { done, total } = await batchProgress(store.db, run.id)
      options.onProgress?.(done, total)
      if (done === total) break
      let worked = 0
      for (const batch of await pendingBatches(store.db, run.id)) {
        const counts = await runBatch(store, context, options.tenant.id, batch, `run:${process.pid}`)
        if (!counts.skipped) options.onProgress?.(done + ++worked, total)
      }
      if (worked === 0) await new Promise((resolve) => setTimeout(resolve, 100))
    }
  } finally {
    await boss.stop({ graceful: true, wait: true })
  }
  return { status: 'completed', summary: await finishDailyRun(store, run.id), alreadyCompleted: false }
}
