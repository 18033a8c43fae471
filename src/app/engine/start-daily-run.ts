import { localDateAt } from '../../core/calendar/local-date.ts'
import type { PlaybookDocument } from '../../core/playbook/playbook-document.ts'
import type { QueueSettings } from '../../engine/queue/run-batch-queue.ts'
import { type RunDailyResult, runDaily } from '../../engine/run-daily.service.ts'
import { tenantPlaybooks } from '../../playbook/tenant-playbooks.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { evaluateMoney } from '../money/evaluate-money.ts'

export interface StartDailyRunInput {
  /** The day to decide (default: today in the tenant's time zone). */
  readonly asOf?: string
  /** Playbooks to apply (default: the tenant's effective set, src/playbook/tenant-playbooks.ts). */
  readonly playbooks?: readonly PlaybookDocument[]
  readonly batchSize?: number
  /** Re-evaluate a completed run (it must then write nothing new). */
  readonly force?: boolean
  /**
   * Decide every open account, not only those the decision schedule says are due today (docs/daily-run.md,
   * "Only the day's work"); with `force`, re-decide a completed day in full.
   */
  readonly full?: boolean
  /** PostgreSQL: queue the batches for `recoup worker` processes and return without working. */
  readonly enqueueOnly?: boolean
  /** PostgreSQL: where the queue lives (the store's own URL and schema); absent, batches run in-process. */
  readonly queue?: { url: string; schema?: string; settings?: QueueSettings }
  /** Called with (batches done, batches in all) as batches commit. */
  readonly onProgress?: (done: number, total: number) => void
}

/**
 * Starts (or resumes after a crash) the actor's tenant's daily run and works it to the end, or only
 * queues it for workers. One account that cannot be decided never stops the run: it is listed in the
 * summary's `errorAccounts`.
 */
export async function startDailyRun(
  ctx: AppContext,
  input: StartDailyRunInput = {},
): Promise<RunDailyResult> {
  authorize(ctx.actor, 'runs.start')
  requireAllClients(ctx.actor, 'start the daily run')
  const { tenant } = ctx.actor
  const asOf = input.asOf ?? localDateAt(new Date(), tenant.time_zone)
  // Plans, promises and settlement offers are brought up to the day first, so its decisions see them.
  await evaluateMoney(ctx, { asOf })
  return runDaily(ctx.store, {
    tenant,
    asOf,
    playbooks: input.playbooks ?? (await tenantPlaybooks(ctx.store.db, tenant.id)).map((p) => p.document),
    ...(input.batchSize !== undefined ? { batchSize: input.batchSize } : {}),
    force: input.force === true,
    full: input.full === true,
    enqueueOnly: input.enqueueOnly === true,
    ...(input.queue ? { queue: input.queue } : {}),
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  })
}
