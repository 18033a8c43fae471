import type { Command } from 'commander'
import { workRunBatches } from '../../app/engine/work-run-batches.ts'
import { databaseConfigFromEnv } from '../../config/database-config.ts'
import { AppError } from '../../core/errors/index.ts'
import { DEFAULT_QUEUE_SETTINGS } from '../../engine/queue/run-batch-queue.ts'
import { withStore } from '../cli-context.ts'
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
      const stopped = new Promise<void>((resolve) => {
        const stop = () => resolve()
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
      console.error(`worker ${process.pid} waiting for batches`)
      const batches = await withStore(
        (store) =>
          workRunBatches(store, {
            queue: { url: config.url, ...(config.schema ? { schema: config.schema } : {}) },
            settings: { ...DEFAULT_QUEUE_SETTINGS, expireInSeconds },
            worker: `worker:${process.pid}`,
            stopped,
          }),
        config,
      )
      console.error(`worker ${process.pid} stopped after ${batches} batches`)
    })
}
