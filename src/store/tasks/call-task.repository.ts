import { type Kysely, sql, type Transaction } from 'kysely'
import type { PageRequest } from '../../core/paging/page-cursor.ts'
import { PAYMENT_CHANCE_TARGET, UNSCORED_BAD_PPM } from '../../core/tasks/call-outcome.ts'
import { keysetAfter, keysetOrder, type SortColumn } from '../paging.ts'
import type { CallTaskStatus, Database } from '../schema.ts'

/** A due `call` outbox row that has no task yet, with what its task needs. */
export interface DueCallRow {
  readonly outboxId: number
  readonly tenantId: number
  readonly accountId: number
  readonly debtorId: number
  readonly contactPointId: number | null
  readonly scheduledAt: string | null
  readonly payload: string
  readonly balance: number
}

/** Due `call` outbox rows (any tenant, or one) still pending and without a task. */
export async function selectDueCallRows(
  db: Kysely<Database> | Transaction<Database>,
  nowIso: string,
  tenantId?: number,
): Promise<DueCallRow[]> {
  let query = db
    .selectFrom('outbox as o')
    .innerJoin('accounts as a', 'a.id', 'o.account_id')
    .leftJoin('call_tasks as t', 't.outbox_id', 'o.id')
    .select([
      'o.id as outboxId',
      'o.tenant_id as tenantId',
      'o.account_id as accountId',
      'a.debtor_id as debtorId',
      'o.contact_point_id as contactPointId',
      'o.scheduled_at as scheduledAt',
      'o.payload',
      sql<number>`(select coalesce(sum(l.amount_minor), 0) from ledger_entries l where l.account_id = a.id)`.as(
        'balance',
      ),
    ])
    .where('o.channel', '=', 'call')
    .where('o.status', '=', 'pending')
    .where('t.id', 'is', null)
    .where((eb) => eb.or([eb('o.scheduled_at', 'is', null), eb('o.scheduled_at', '<=', nowIso)]))
    .orderBy('o.id')
    .limit(1000)
  if (tenantId !== undefined) query = query.where('o.tenant_id', '=', tenantId)
  const rows = await query.execute()
  return rows.map((r) => ({ ...r, balance: Number(r.balance) }))
}

/** A task to insert. */
export interface NewCallTask {
  readonly tenantId: number
  readonly accountId: number
  readonly debtorId: number
  readonly contactPointId: number | null
  readonly outboxId: number | null
  readonly followsTaskId: number | null
  readonly dueAt: string
  readonly priority: number
  readonly script: string
}

/** Inserts a task; a task for the same outbox row already there (another dispatcher) is left alone. */
export async function insertCallTask(
  db: Kysely<Database> | Transaction<Database>,
  task: NewCallTask,
): Promise<number | null> {
  const row = await db
    .insertInto('call_tasks')
    .values({
      tenant_id: task.tenantId,
      account_id: task.accountId,
      debtor_id: task.debtorId,
      contact_point_id: task.contactPointId,
      outbox_id: task.outboxId,
      follows_task_id: task.followsTaskId,
      due_at: task.dueAt,
      status: 'open',
      assigned_user_id: null,
      priority: task.priority,
      script: task.script,
      outcome: null,
      outcome_note: null,
      outcome_details: null,
      outcome_at: null,
      outcome_by: null,
    })
    .onConflict((oc) => oc.column('outbox_id').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id ?? null
}

/** Open tasks whose outbox row was cancelled or blocked meanwhile (a dispute, a payment) are cancelled. */
export async function cancelStaleTasks(
  db: Kysely<Database> | Transaction<Database>,
  tenantId?: number,
): Promise<number> {
  let query = db
    .updateTable('call_tasks')
    .set({ status: 'cancelled' })
    .where('status', '=', 'open')
    .where('outbox_id', 'in', (eb) =>
      eb.selectFrom('outbox').select('id').where('status', 'in', ['cancelled', 'blocked']),
    )
  if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId)
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** A task as the queue shows it. */
export interface CallTaskRow {
  readonly id: number
  readonly tenantId: number
  readonly accountId: number
  readonly account: string
  readonly debtorId: number
  readonly debtor: string
  readonly contactPointId: number | null
  readonly phone: string | null
  readonly outboxId: number | null
  /** The legal case whose deadline this task is; null for a call (migration 0029). */
  readonly legalCaseId: number | null
  readonly followsTaskId: number | null
  readonly dueAt: string
  readonly status: CallTaskStatus
  readonly assignedUserId: number | null
  readonly priority: number
  readonly currency: string
  readonly script: string
  readonly outcome: string | null
  readonly outcomeNote: string | null
  readonly outcomeDetails: string | null
  readonly outcomeAt: string | null
  readonly outcomeBy: string | null
  /** The account's current risk score, if it was scored (account_scores). */
  readonly score: number | null
  readonly band: string | null
  /** The model the score came from (its target). */
  readonly scoreTarget: string | null
  /** The chance of no payment in 30 days, parts per million, when the score estimates it (pay_30). */
  readonly noPaymentPpm: number | null
  /** The queue's rank: call-backs first, then expected value (see QUEUE_RANK). */
  readonly rank: number
}

/** Added to a call-back's rank: a call the debtor asked for, at the time they stated, comes first. */
export const CALLBACK_RANK = 1_000_000_000_000_000

/**
 * The chance of no payment soon, parts per million: the bad-outcome probability of the account's score
 * when its model estimates exactly that (PAYMENT_CHANCE_TARGET, "no payment within 30 days"); null for a
 * score of another target (late_payment: paid after the due date, which an overdue invoice already is).
 */
const NO_PAYMENT_PPM = sql<
  number | null
>`(case when m.target = ${sql.lit(PAYMENT_CHANCE_TARGET)} then s.bad_ppm end)`

/**
 * The work queue's rank of a task, in minor units: its expected value (core's `expectedValueMinor` of the
 * balance when the task was made and NO_PAYMENT_PPM, even odds without it), plus `CALLBACK_RANK` for a
 * call-back. Integer arithmetic, the same on both databases, split at 10^6 so no product leaves 64 bits
 * whatever the balance; rounded down like expectedValueMinor. One number, so the keyset pages on it
 * (call-backs come first for balances below CALLBACK_RANK minor units).
 */
const GOOD_PPM = sql`(1000000 - coalesce(${NO_PAYMENT_PPM}, ${sql.lit(UNSCORED_BAD_PPM)}))`
const QUEUE_RANK = sql<number>`(case when t.follows_task_id is null then 0 else ${sql.lit(CALLBACK_RANK)} end
  + (t.priority / 1000000) * ${GOOD_PPM} + (t.priority % 1000000) * ${GOOD_PPM} / 1000000)`

export const TASK_SORT_COLUMNS = {
  rank: QUEUE_RANK,
  priority: 't.priority',
  dueAt: 't.due_at',
} as const satisfies Record<string, SortColumn>

function taskQuery(db: Kysely<Database> | Transaction<Database>, tenantId: number) {
  return db
    .selectFrom('call_tasks as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .innerJoin('debtors as d', 'd.id', 't.debtor_id')
    .leftJoin('contact_points as p', 'p.id', 't.contact_point_id')
    .leftJoin('account_scores as s', 's.account_id', 't.account_id')
    .leftJoin('score_models as m', 'm.id', 's.model_id')
    .select([
      't.id',
      't.tenant_id as tenantId',
      't.account_id as accountId',
      'a.external_id as account',
      't.debtor_id as debtorId',
      'd.name as debtor',
      't.contact_point_id as contactPointId',
      'p.value as phone',
      't.outbox_id as outboxId',
      't.legal_case_id as legalCaseId',
      't.follows_task_id as followsTaskId',
      't.due_at as dueAt',
      't.status',
      't.assigned_user_id as assignedUserId',
      't.priority',
      'a.currency',
      't.script',
      't.outcome',
      't.outcome_note as outcomeNote',
      't.outcome_details as outcomeDetails',
      't.outcome_at as outcomeAt',
      't.outcome_by as outcomeBy',
      's.score',
      's.band',
      'm.target as scoreTarget',
      NO_PAYMENT_PPM.as('noPaymentPpm'),
      QUEUE_RANK.as('rank'),
    ])
    .where('t.tenant_id', '=', tenantId)
}

function taskRow<R extends { priority: unknown; rank: unknown; noPaymentPpm: unknown }>(r: R) {
  return {
    ...r,
    priority: Number(r.priority),
    rank: Number(r.rank),
    legalCaseId:
      (r as { legalCaseId?: unknown }).legalCaseId == null
        ? null
        : Number((r as { legalCaseId?: unknown }).legalCaseId),
    noPaymentPpm: r.noPaymentPpm === null ? null : Number(r.noPaymentPpm),
  }
}

/** One page of a tenant's tasks (fetch `limit + 1`: pageOf cuts it). */
export async function listCallTasks(
  db: Kysely<Database> | Transaction<Database>,
  tenantId: number,
  filter: {
    status: CallTaskStatus
    assignedUserId?: number
    dueBy: string
    clientIds?: readonly number[]
  },
  page: PageRequest<keyof typeof TASK_SORT_COLUMNS>,
): Promise<CallTaskRow[]> {
  const column = TASK_SORT_COLUMNS[page.sort.field]
  let query = taskQuery(db, tenantId)
    .where('t.status', '=', filter.status)
    .where('t.due_at', '<=', filter.dueBy)
    .where(keysetAfter(column, 't.id', page))
    .orderBy(keysetOrder(column, 't.id', page))
    .limit(page.limit + 1)
  if (filter.assignedUserId !== undefined)
    query = query.where((eb) =>
      eb.or([
        eb('t.assigned_user_id', '=', filter.assignedUserId ?? 0),
        eb('t.assigned_user_id', 'is', null),
      ]),
    )
  if (filter.clientIds) query = query.where('a.client_id', 'in', [...filter.clientIds, -1])
  return (await query.execute()).map(taskRow)
}

/** One task of the tenant, or undefined (another tenant's id is not found). */
export async function callTaskById(
  db: Kysely<Database> | Transaction<Database>,
  tenantId: number,
  id: number,
): Promise<CallTaskRow | undefined> {
  const row = await taskQuery(db, tenantId).where('t.id', '=', id).executeTakeFirst()
  return row ? taskRow(row) : undefined
}

/** Locks an open task for its outcome; false when it is no longer open (someone recorded it first). */
export async function closeCallTask(
  trx: Transaction<Database>,
  id: number,
  outcome: {
    outcome: string
    note: string | null
    details: Record<string, unknown>
    atIso: string
    by: string
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('call_tasks')
    .set({
      status: 'done',
      outcome: outcome.outcome,
      outcome_note: outcome.note,
      outcome_details: JSON.stringify(outcome.details),
      outcome_at: outcome.atIso,
      outcome_by: outcome.by,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The call as a contact event: the compliance call-frequency caps count it from the snapshot. */
export async function insertCallContactEvent(
  trx: Transaction<Database>,
  event: {
    tenantId: number
    accountId: number
    contactPointId: number | null
    result: string
    atIso: string
    outboxId: number | null
  },
): Promise<void> {
  await trx
    .insertInto('contact_events')
    .values({
      tenant_id: event.tenantId,
      account_id: event.accountId,
      contact_point_id: event.contactPointId,
      channel: 'call',
      direction: 'outbound',
      result: event.result,
      occurred_at: event.atIso,
      outbox_id: event.outboxId,
    })
    .execute()
}

/** A restriction the debtor stated on the call (an attorney, an inconvenient time). */
export async function insertCallRestriction(
  trx: Transaction<Database>,
  restriction: {
    tenantId: number
    debtorId: number
    kind: 'attorney' | 'inconvenient_time'
    details: Record<string, unknown>
    atIso: string
  },
): Promise<number> {
  const row = await trx
    .insertInto('debtor_restrictions')
    .values({
      tenant_id: restriction.tenantId,
      debtor_id: restriction.debtorId,
      kind: restriction.kind,
      details: JSON.stringify(restriction.details),
      effective_at: restriction.atIso,
      ended_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** "Number not in service": the phone point is not called or texted again. */
export async function markPhoneUndeliverable(
  trx: Transaction<Database>,
  contactPointId: number,
  atIso: string,
  reason: string,
): Promise<void> {
  await trx
    .updateTable('contact_points')
    .set({ undeliverable_at: atIso, undeliverable_reason: reason })
    .where('id', '=', contactPointId)
    .execute()
}

/** The task's outbox row is carried out once its call has an outcome. */
export async function markCallOutboxDone(
  trx: Transaction<Database>,
  outboxId: number,
  atIso: string,
): Promise<void> {
  await trx
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: atIso })
    .where('id', '=', outboxId)
    .where('status', '=', 'pending')
    .execute()
}
