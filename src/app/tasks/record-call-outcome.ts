import { localDateAt } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import {
  CASE_TASK_OUTCOME,
  type CallOutcomeRequest,
  callResultOf,
  requireOutcomeFields,
} from '../../core/tasks/call-outcome.ts'
import { openDisputeIn } from '../../money/disputes.service.ts'
import { recordPromiseIn } from '../../money/promises.service.ts'
import type { Touched } from '../../money/touched-account.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { loadMoneyAccount } from '../../store/money/money-account.repository.ts'
import {
  callTaskById,
  closeCallTask,
  insertCallContactEvent,
  insertCallRestriction,
  insertCallTask,
  markCallOutboxDone,
  markPhoneUndeliverable,
} from '../../store/tasks/call-task.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { requireAccountInScope } from '../client-scope.ts'
import { amountIn, dayIn } from '../money/on-account.ts'
import { redecideAccounts } from '../redecide-accounts.ts'
import { type CallTaskView, callTaskView } from './call-task-view.ts'

export interface RecordCallOutcomeInput extends CallOutcomeRequest {
  readonly task: number
  /** When the call was made (ISO instant; default now). */
  readonly calledAt?: string
}

/** The task closed with its outcome, and what the outcome created. */
export interface CallOutcomeResult {
  readonly task: CallTaskView
  readonly promiseId: number | null
  readonly disputeId: number | null
  readonly restrictionId: number | null
  /** The call-back task a `call_back` scheduled. */
  readonly nextTaskId: number | null
}

/**
 * Records what came of a call, in ONE transaction: the task is closed with its outcome; the call is a
 * `contact_events` row (so the call-frequency caps count it); a promise to pay is recorded and a
 * dispute opened through the money services; an attorney or a stated inconvenient time becomes a
 * debtor restriction; "not in service" marks the phone undeliverable; a call-back schedules the next
 * task; the account is re-decided; journaled with the actor (`call_task.outcome`). A legal case's task
 * (a deadline, hearing or enforcement step) is internal work, not a call: it takes the outcome `done`
 * and goes through `completeCaseTaskIn`.
 */
export async function recordCallOutcome(
  ctx: AppContext,
  input: RecordCallOutcomeInput,
): Promise<CallOutcomeResult> {
  authorize(ctx.actor, 'tasks.outcome')
  const caseOutcome = input.outcome === CASE_TASK_OUTCOME
  const outcome = caseOutcome ? null : requireOutcomeFields(input)
  const { tenant } = ctx.actor
  const calledAt = input.calledAt ?? new Date().toISOString()
  if (Number.isNaN(Date.parse(calledAt)))
    throw new AppError('invalid_date', `calledAt "${calledAt}" is not an ISO date-time`, {
      field: 'calledAt',
    })
  const atIso = new Date(calledAt).toISOString()
  const actor = actorLabel(ctx.actor)
  return inTransaction(ctx, async (trx) => {
    const notFound = () => new AppError('task_not_found', `no call task ${input.task} in this tenant`)
    const task = await callTaskById(trx, tenant.id, input.task)
    if (!task) throw notFound()
    await requireAccountInScope(ctx, trx, task.account).catch(() => {
      throw notFound()
    })
    if (task.status !== 'open')
      throw new AppError(
        'task_not_open',
        `call task ${task.id} is ${task.status}, its outcome cannot be recorded`,
      )
    if ((task.legalCaseId !== null) !== caseOutcome)
      throw new AppError(
        'invalid_call_outcome',
        task.legalCaseId !== null
          ? `task ${task.id} is work on legal case #${task.legalCaseId}, not a call: its outcome is ${CASE_TASK_OUTCOME}`
          : `task ${task.id} is a call task: ${CASE_TASK_OUTCOME} is for legal case tasks only`,
        { field: 'outcome' },
      )
    if (outcome === null) return completeCaseTaskIn(trx, task, { note: input.note ?? null, atIso, actor })
    const account = await loadMoneyAccount(trx, tenant.id, task.accountId)
    const today = localDateAt(new Date(atIso), tenant.time_zone)
    const touched: Touched[] = []
    const details: Record<string, unknown> = {}
    let promiseId: number | null = null
    let disputeId: number | null = null
    let restrictionId: number | null = null
    let nextTaskId: number | null = null

    await insertCallContactEvent(trx, {
      tenantId: tenant.id,
      accountId: task.accountId,
      contactPointId: task.contactPointId,
      result: callResultOf(outcome),
      atIso,
      outboxId: task.outboxId,
    })
    if (outcome === 'promise_to_pay') {
      if (input.currency !== account.currency)
        throw new AppError(
          'invalid_amount',
          `currency ${input.currency} is not account ${account.externalId}'s currency ${account.currency}`,
          { field: 'currency' },
        )
      const amountMinor = amountIn('amount', input.amount ?? '', account)
      const dueOn = dayIn('date', input.date ?? '')
      const promise = await recordPromiseIn(trx, tenant, {
        accountId: account.id,
        amountMinor,
        dueOn,
        channel: 'phone',
        takenBy: actor,
        takenOn: today,
        actor,
      })
      promiseId = promise.promiseId
      touched.push(...promise.touched)
      Object.assign(details, { amountMinor, currency: account.currency, dueOn, promiseId })
    } else if (outcome === 'dispute') {
      const dispute = await openDisputeIn(trx, tenant, {
        accountId: account.id,
        channel: 'phone',
        written: false,
        reason: input.note?.trim() || 'disputed on a call',
        documents: [],
        receivedAt: atIso,
        actor,
      })
      disputeId = dispute.disputeId
      touched.push(...dispute.touched)
      details.disputeId = disputeId
    } else if (outcome === 'attorney_named' || outcome === 'inconvenient_time') {
      restrictionId = await insertCallRestriction(trx, {
        tenantId: tenant.id,
        debtorId: task.debtorId,
        kind: outcome === 'attorney_named' ? 'attorney' : 'inconvenient_time',
        details:
          outcome === 'attorney_named'
            ? { name: input.note ?? '', source: `call_task:${task.id}` }
            : { from: input.from, to: input.to, source: `call_task:${task.id}` },
        atIso,
      })
      details.restrictionId = restrictionId
    } else if (outcome === 'not_in_service' && task.contactPointId !== null) {
      await markPhoneUndeliverable(trx, task.contactPointId, atIso, `not in service (call task ${task.id})`)
    } else if (outcome === 'call_back') {
      const dueAt = new Date(input.at ?? '').toISOString()
      if (dueAt <= atIso)
        throw new AppError('invalid_call_outcome', `at ${dueAt} must be after the call (${atIso})`, {
          field: 'at',
        })
      nextTaskId = await insertCallTask(trx, {
        tenantId: tenant.id,
        accountId: task.accountId,
        debtorId: task.debtorId,
        contactPointId: task.contactPointId,
        outboxId: null,
        followsTaskId: task.id,
        dueAt,
        priority: account.balanceMinor,
        script: task.script,
      })
      Object.assign(details, { callBackAt: dueAt, nextTaskId })
    }
    if (
      !(await closeCallTask(trx, task.id, { outcome, note: input.note ?? null, details, atIso, by: actor }))
    )
      throw new AppError('task_not_open', `call task ${task.id} got its outcome meanwhile`)
    if (task.outboxId !== null) await markCallOutboxDone(trx, task.outboxId, atIso)
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'call_task.outcome',
      actor,
      subject: `account:${task.accountId}`,
      payload: { taskId: task.id, outcome, calledAt: atIso, ...details },
    })
    // The service's event (promise:N, dispute:N) keys the decision when there is one.
    touched.push({ accountId: task.accountId, event: { key: `call_task:${task.id}`, at: atIso } })
    await redecideAccounts(trx, tenant, touched)
    const closed = await callTaskById(trx, tenant.id, task.id)
    return {
      task: callTaskView(closed ?? task, null),
      promiseId,
      disputeId,
      restrictionId,
      nextTaskId,
    }
  })
}

/**
 * Closes a legal case's work task with outcome `done`: no `contact_events` row (nobody was called, so
 * neither the call caps nor the bureau's "spoke with the consumer" may count it), no promise, dispute,
 * restriction or follow-up task, no re-decision; journaled `call_task.outcome`.
 */
async function completeCaseTaskIn(
  trx: Parameters<Parameters<typeof inTransaction>[1]>[0],
  task: NonNullable<Awaited<ReturnType<typeof callTaskById>>>,
  p: { note: string | null; atIso: string; actor: string },
): Promise<CallOutcomeResult> {
  const details = { legalCaseId: task.legalCaseId }
  if (
    !(await closeCallTask(trx, task.id, {
      outcome: CASE_TASK_OUTCOME,
      note: p.note,
      details,
      atIso: p.atIso,
      by: p.actor,
    }))
  )
    throw new AppError('task_not_open', `call task ${task.id} got its outcome meanwhile`)
  await appendJournalEvent(trx, {
    tenantId: task.tenantId,
    type: 'call_task.outcome',
    actor: p.actor,
    subject: `account:${task.accountId}`,
    payload: { taskId: task.id, outcome: CASE_TASK_OUTCOME, completedAt: p.atIso, ...details },
  })
  const closed = await callTaskById(trx, task.tenantId, task.id)
  return {
    task: callTaskView(closed ?? task, null),
    promiseId: null,
    disputeId: null,
    restrictionId: null,
    nextTaskId: null,
  }
}
