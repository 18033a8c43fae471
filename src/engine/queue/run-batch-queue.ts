import PgBoss from 'pg-boss'
import type { Store } from '../../store/connect.ts'
import { getRun, type RunBatchRow } from '../../store/engine/run.repository.ts'
import { getRunBatch } from '../../store/engine/run-batch.repository.ts'
import { findTenantById } from '../../store/tenant.repository.ts'
import { engineContextForRun } from '../daily-run.ts'
import type { EngineContext } from '../decide-account.ts'
import { type BatchCounts, runBatch } from '../run-batch.ts'

/** The pg-boss queue the run's batches travel on; a job carries ids only, workers load the rest. */
export const RUN_BATCH_QUEUE = 'recoup-run-batch'

export interface RunBatchJob {
  tenantId: number
  runId: number
  batchId: number
}

export interface QueueSettings {
  /** Seconds after which a claimed batch whose worker died is handed to another worker. */
  expireInSeconds: number
  /** How often idle workers look for work. */
  pollingIntervalSeconds: number
}

/** Defaults: a batch takes ~1 s, so a lease of 5 minutes only ever expires when its worker is gone. */
export const DEFAULT_QUEUE_SETTINGS: QueueSettings = { expireInSeconds: 300, pollingIntervalSeconds: 1 }

/**
 * Opens pg-boss next to Recoup's tables: in schema `pgboss`, or `<schema>_boss` when Recoup itself
 * lives in a schema (the tests), so each installation has its own queue.
 */
export async function openRunBatchQueue(
  url: string,
  schema: string | undefined,
  settings: QueueSettings = DEFAULT_QUEUE_SETTINGS,
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: schema ? `${schema}_boss` : 'pgboss',
    max: 4,
    // Expired leases are found by the supervisor; check often enough for the lease to mean something.
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(settings.expireInSeconds / 2))),
    schedule: false,
  })
  boss.on('error', (error) => console.error(`queue error: ${error.message}`))
  await boss.start()
  await boss.createQueue(RUN_BATCH_QUEUE, {
    name: RUN_BATCH_QUEUE,
    expireInSeconds: settings.expireInSeconds,
    retryLimit: 1000,
    retryDelay: 1,
  })
  return boss
}

/**
 * Puts each pending batch on the queue once: the singleton key is the batch id, so a restarted run
 * does not queue a batch that is already waiting or being worked on.
 */
export async function enqueueBatches(
  boss: PgBoss,
  tenantId: number,
  batches: readonly RunBatchRow[],
  settings: QueueSettings = DEFAULT_QUEUE_SETTINGS,
): Promise<void> {
  for (let i = 0; i < batches.length; i += 1000) {
    await boss.insert(
      batches.slice(i, i + 1000).map((b) => ({
        name: RUN_BATCH_QUEUE,
        data: { tenantId, runId: b.run_id, batchId: b.id } satisfies RunBatchJob,
        singletonKey: `batch:${b.id}`,
        expireInSeconds: settings.expireInSeconds,
        retryLimit: 1000,
        retryDelay: 1,
      })),
    )
  }
}

/**
 * Works batches from the queue until `stop` is called: each job is one batch (claimed by pg-boss with
 * SKIP LOCKED), run in one transaction by `runBatch`, which skips a batch already done, so a job
 * redelivered after a lease expired is harmless. Engine contexts are compiled once per run.
 */
export async function workRunBatches(
  boss: PgBoss,
  store: Store,
  options: {
    worker: string
    pollingIntervalSeconds?: number
    onBatch?: (job: RunBatchJob, counts: BatchCounts) => void | Promise<void>
  },
): Promise<void> {
  const contexts = new Map<number, Promise<EngineContext>>()
  const contextFor = (job: RunBatchJob) => {
    let context = contexts.get(job.runId)
    if (!context) {
      context = (async () => {
        const [run, tenant] = await Promise.all([
          getRun(store.db, job.runId),
          findTenantById(store.db, job.tenantId),
        ])
        if (!tenant) throw new Error(`tenant ${job.tenantId} of run ${job.runId} no longer exists`)
        return engineContextForRun(run, tenant)
      })()
      contexts.set(job.runId, context)
    }
    return context
  }
  await boss.work<RunBatchJob>(
    RUN_BATCH_QUEUE,
    {
      batchSize: 1,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? DEFAULT_QUEUE_SETTINGS.pollingIntervalSeconds,
    },
    async ([job]) => {
      if (!job) return
      const context = await contextFor(job.data)
      const batch = await getRunBatch(store.db, job.data.batchId)
      const counts = await runBatch(store, context, job.data.tenantId, batch, options.worker)
      await options.onBatch?.(job.data, counts)
    },
  )
}
