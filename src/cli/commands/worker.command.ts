import type { Command } from 'commander'
import { databaseConfigFromEnv } from '../../config/database-config.ts'
import { AppError } from '../../core/errors/index.ts'
import { finishDailyRun } from '../../engine/daily-run.ts'
import {
  DEFAULT_QUEUE_SETTINGS,
  openRunBatchQueue,
  workRunBatches,
} from '../../engine/queue/run-batch-queue.ts'
import { openStore } from '../../store/connect.ts'
import { batchProgress } from '../../store/engine/run.repository.ts'
import { wholeNumberOption } from '../options.ts'

/**
 * `recoup worker`: claims run batches from the PostgreSQL queue until stopped (SIGINT/SIGTERM finish
 * the batch in hand first). Any number of workers on any number of machines share a run; the worker
 * that commits a run's last batch marks the run completed.
 */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('PostgreSQL: work daily-run batches from the queue until stopped')
    .option('--lease-seconds <n>', 'seconds before a dead worker’s batch is handed to another worker', '300')
    .action(async (options: { leaseSeconds: string }) => {
      const config = databaseConfigFromEnv()
      if (config.kind !== 'postgres') {
        throw new AppError(
          'worker_needs_postgres',
          'recoup worker shares work through PostgreSQL; on SQLite `recoup run` works every batch itself',
        )
      }
      const expireInSeconds = Math.max(1, wholeNumberOption('--lease-seconds', options.leaseSeconds, 86_400))
      const settings = { ...DEFAULT_QUEUE_SETTINGS, expireInSeconds }
      const store = await openStore(config)
      const boss = await openRunBatchQueue(config.url, config.schema, settings)
      let batches = 0
      await workRunBatches(boss, store, {
        worker: `worker:${process.pid}`,
        onBatch: async (job) => {
          batches++
          const { done, total } = await batchProgress(store.db, job.runId)
          if (done === total) await finishDailyRun(store, job.runId)
        },
      })
      console.error(`worker ${process.pid} waiting for batches`)
      await new Promise<void>((resolve) => {
        const stop = () => resolve()
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
      await boss.stop({ graceful: true, wait: true })
      await store.close()
      console.error(`worker ${process.pid} stopped after ${batches} batches`)
    })
}
