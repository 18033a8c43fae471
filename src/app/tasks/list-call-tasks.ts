import { AppError } from '../../core/errors/index.ts'
import { type Page, pageOf, pageRequest } from '../../core/paging/page-cursor.ts'
import { createDueCallTasks } from '../../outreach/tasks/create-call-tasks.ts'
import type { CallTaskStatus } from '../../store/schema.ts'
import {
  callTaskById,
  listCallTasks as listTaskRows,
  TASK_SORT_COLUMNS,
} from '../../store/tasks/call-task.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { type CallTaskView, callTaskView, offerOf } from './call-task-view.ts'

export const TASK_SORT_FIELDS = Object.keys(TASK_SORT_COLUMNS) as (keyof typeof TASK_SORT_COLUMNS)[]
const STATUSES: readonly CallTaskStatus[] = ['open', 'done', 'cancelled']

export interface ListCallTasksInput {
  /** Only tasks assigned to the acting user or to nobody (a user's own queue). */
  readonly mine?: boolean
  /** open (default: the work queue), done or cancelled. */
  readonly status?: string
  /** Open tasks only: also list those the send-time check does not offer now (with the next allowed time). */
  readonly includeBlocked?: boolean
  readonly limit?: number
  readonly cursor?: string
  /** rank (default, highest first: call-backs, then expected value), priority (the balance) or dueAt. */
  readonly sort?: string
  /** Act as if it were this instant (tests, replays). */
  readonly at?: Date
}

/**
 * The collectors' work queue: open call tasks that are due, call-backs first, then by expected value
 * (balance × the chance of payment from the account's risk score; the repository's QUEUE_RANK), each re-checked by
 * the send-time compliance evaluator. A task the check refuses now is not offered (with
 * `includeBlocked` it is listed with the next allowed time and the reasons). Due `call` outbox rows
 * become tasks first, so the queue is current without a dispatcher running. Cursor-paginated: a page
 * may hold fewer items than `limit` when tasks were held back; follow `nextCursor` to the end.
 */
export async function listCallTasks(ctx: AppContext, input: ListCallTasksInput): Promise<Page<CallTaskView>> {
  authorize(ctx.actor, 'tasks.list')
  const status = (input.status ?? 'open') as CallTaskStatus
  if (!STATUSES.includes(status))
    throw new AppError(
      'invalid_option',
      `status must be one of ${STATUSES.join(', ')}, not "${input.status}"`,
      {
        field: 'status',
      },
    )
  const page = pageRequest(input, TASK_SORT_FIELDS, { field: 'rank', direction: 'desc' })
  const now = input.at ?? new Date()
  const { tenant } = ctx.actor
  return ctx.store.db.transaction().execute(async (trx) => {
    await createDueCallTasks(trx, now, tenant.id)
    const rows = await listTaskRows(
      trx,
      tenant.id,
      {
        status,
        dueBy: status === 'open' ? now.toISOString() : '9999-12-31T23:59:59.999Z',
        ...(input.mine && ctx.actor.kind === 'user' ? { assignedUserId: Number(ctx.actor.id) } : {}),
        ...(ctx.actor.clientIds ? { clientIds: ctx.actor.clientIds } : {}),
      },
      page,
    )
    const sortValue = { rank: 'rank', priority: 'priority', dueAt: 'dueAt' } as const
    const cut = pageOf(rows, page, (r) => ({ value: r[sortValue[page.sort.field]], id: r.id }))
    const items: CallTaskView[] = []
    for (const row of cut.items) {
      const offer = status === 'open' ? await offerOf(trx, tenant, row, now) : null
      if (offer && !offer.offered && !input.includeBlocked) continue
      items.push(callTaskView(row, offer))
    }
    return { items, nextCursor: cut.nextCursor }
  })
}

/** One task of the actor's tenant with its send-time check; another tenant's id is `task_not_found`. */
export async function getCallTask(ctx: AppContext, input: { id: number; at?: Date }): Promise<CallTaskView> {
  authorize(ctx.actor, 'tasks.list')
  const { tenant } = ctx.actor
  return ctx.store.db.transaction().execute(async (trx) => {
    const row = await callTaskById(trx, tenant.id, input.id)
    if (!row) throw new AppError('task_not_found', `no call task ${input.id} in this tenant`)
    const scope = ctx.actor.clientIds
    if (scope) {
      const client = await trx
        .selectFrom('accounts')
        .select('client_id')
        .where('id', '=', row.accountId)
        .executeTakeFirst()
      if (!scope.includes(client?.client_id ?? -1))
        throw new AppError('task_not_found', `no call task ${input.id} in this tenant`)
    }
    const offer = row.status === 'open' ? await offerOf(trx, tenant, row, input.at ?? new Date()) : null
    return callTaskView(row, offer)
  })
}
