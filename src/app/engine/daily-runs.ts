import { requireLocalDate } from '../../core/calendar/instant.ts'
import { localDateAt } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { type Page, pageOf, pageRequest } from '../../core/paging/page-cursor.ts'
import {
  findTenantRun,
  findTenantRunOn,
  listRunsPage,
  RUN_SORTS,
  type RunListRow,
} from '../../store/operations/operations.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { type StartDailyRunInput, startDailyRun } from './start-daily-run.ts'

/** A daily run as the API shows it: its day, progress and, once completed, its summary counts. */
export interface DailyRunView {
  readonly id: number
  readonly asOf: string
  readonly status: 'running' | 'completed'
  /** 'full': every open account; 'incremental': only the accounts due that day (docs/daily-run.md). */
  readonly mode: 'full' | 'incremental'
  readonly batchSize: number
  readonly startedAt: string
  readonly finishedAt: string | null
  readonly batchesDone: number
  readonly batchesTotal: number
  readonly summary: RunSummaryView | null
  /** Accounts that could not be decided (external id and reason; at most 100). */
  readonly errors: readonly { account: string; reason: string }[]
}

export interface RunSummaryView {
  readonly accounts: number
  readonly decisions: number
  readonly stageMoves: number
  readonly actionsScheduled: number
  readonly actionsAwaitingApproval: number
  readonly actionsBlocked: number
  readonly errors: number
}

/** A run row as the API shows it. */
export function runView(row: RunListRow): DailyRunView {
  const counts = row.counts ? (JSON.parse(row.counts) as Record<string, unknown>) : null
  const n = (key: string) => (counts && typeof counts[key] === 'number' ? (counts[key] as number) : 0)
  return {
    id: row.id,
    asOf: row.as_of,
    status: row.status,
    mode: row.mode,
    batchSize: row.batch_size,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    batchesDone: row.batches_done,
    batchesTotal: row.batches_total,
    summary: counts
      ? {
          accounts: n('accounts'),
          decisions: n('decisions'),
          stageMoves: n('stageMoves'),
          actionsScheduled: n('actionsScheduled'),
          actionsAwaitingApproval: n('actionsAwaitingApproval'),
          actionsBlocked: n('actionsBlocked'),
          errors: n('errors'),
        }
      : null,
    errors: Array.isArray(counts?.errorAccounts)
      ? (counts.errorAccounts as { account: string; reason: string }[]).map((e) => ({
          account: String(e.account),
          reason: String(e.reason),
        }))
      : [],
  }
}

/** The tenant's daily runs, newest day first by default (cursor pagination). */
export async function listDailyRuns(
  ctx: AppContext,
  input: { limit?: number; cursor?: string; sort?: string } = {},
): Promise<Page<DailyRunView>> {
  authorize(ctx.actor, 'runs.read')
  const page = pageRequest(input, RUN_SORTS, { field: 'asOf', direction: 'desc' })
  const rows = await listRunsPage(ctx.store.db, ctx.actor.tenant.id, page)
  const cut = pageOf(rows, page, (r) => ({
    value: page.sort.field === 'asOf' ? r.as_of : r.started_at,
    id: r.id,
  }))
  return { items: cut.items.map(runView), nextCursor: cut.nextCursor }
}

/** One daily run of the tenant: status, batches done of total, summary and errors. */
export async function getDailyRun(ctx: AppContext, input: { id: number }): Promise<DailyRunView> {
  authorize(ctx.actor, 'runs.read')
  const row = await findTenantRun(ctx.store.db, ctx.actor.tenant.id, input.id)
  if (!row) throw new AppError('run_not_found', `no daily run ${input.id} in this tenant`, { id: input.id })
  return runView(row)
}

/** What `launchDailyRun` hands back at once: the run, while it works on in the background. */
export interface LaunchedRun {
  readonly run: DailyRunView
  /** Settles when the background work ends (tests and shutdown wait on it; it never rejects). */
  readonly finished: Promise<void>
}

/**
 * Starts the daily run of a day and returns as soon as its run row exists, while the batches are
 * worked in the background in this process (SQLite and PostgreSQL alike; `recoup worker` processes
 * on PostgreSQL still pick batches up from the table). An error before the run exists is thrown; one
 * after is logged by the caller through `onError`, and the run stays `running` to be resumed.
 */
export async function launchDailyRun(
  ctx: AppContext,
  input: Pick<StartDailyRunInput, 'asOf' | 'batchSize' | 'force' | 'full'> & {
    onError?: (error: unknown) => void
  },
): Promise<LaunchedRun> {
  authorize(ctx.actor, 'runs.start')
  requireAllClients(ctx.actor, 'start the daily run')
  const { tenant } = ctx.actor
  const asOf =
    input.asOf === undefined
      ? localDateAt(new Date(), tenant.time_zone)
      : requireLocalDate(input.asOf, 'asOf')
  let failure: unknown
  let done = false
  const finished = startDailyRun(ctx, {
    asOf,
    ...(input.batchSize !== undefined ? { batchSize: input.batchSize } : {}),
    ...(input.force !== undefined ? { force: input.force } : {}),
    ...(input.full !== undefined ? { full: input.full } : {}),
  }).then(
    () => {
      done = true
    },
    (error: unknown) => {
      failure = error
      done = true
      input.onError?.(error)
    },
  )
  for (;;) {
    const row = await findTenantRunOn(ctx.store.db, tenant.id, asOf)
    if (row) return { run: runView(row), finished }
    if (done) {
      if (failure !== undefined) throw failure
      throw new AppError('run_not_found', `the daily run of ${asOf} did not start`, { asOf })
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
