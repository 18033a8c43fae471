import { expect, it } from 'vitest'
import type { Actor, Role } from '../../src/app/actor.ts'
import { dispatchMessages } from '../../src/app/outreach/dispatch-messages.ts'
import { getCallTask, listCallTasks } from '../../src/app/tasks/list-call-tasks.ts'
import { recordCallOutcome } from '../../src/app/tasks/record-call-outcome.ts'
import { writeAccountScores } from '../../src/store/scoring/account-score.repository.ts'
import { insertScoreModel } from '../../src/store/scoring/score-model.repository.ts'
import { insertCallTask } from '../../src/store/tasks/call-task.repository.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { SEND_AT } from '../outreach/outreach-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { seedCallRows } from './task-fixtures.ts'

const LINKS = { replyDomain: 'replies.example.test', publicUrl: 'https://collect.example.test' }
const CALLED_AT = SEND_AT.toISOString()

describeEachDatabase('collector call tasks', ({ store }) => {
  const as = (tenant: Tenant, role: Role = 'collector') => ({
    store: store(),
    actor: { tenant, kind: 'user', id: `u-${role}`, roles: [role] } satisfies Actor,
  })

  it('turns due call actions into tasks with a script, once, through recoup dispatch', async () => {
    const db = store().db
    const { tenant, outboxIds } = await seedCallRows(db, 'tasks-made', 3)
    await dispatchMessages(store(), { senders: {}, links: LINKS, at: SEND_AT })
    await dispatchMessages(store(), { senders: {}, links: LINKS, at: SEND_AT })
    const tasks = await db.selectFrom('call_tasks').selectAll().where('tenant_id', '=', tenant.id).execute()
    expect(tasks.map((t) => t.outbox_id).sort()).toEqual([...outboxIds].sort())
    expect(tasks.every((t) => t.status === 'open')).toBe(true)
    const page = await listCallTasks(as(tenant), { at: SEND_AT })
    expect(page.items).toHaveLength(3)
    // Highest balance first (the fixture's balances grow with the account number).
    expect(page.items.map((t) => t.account)).toEqual(['ACC-3', 'ACC-2', 'ACC-1'])
    expect(page.items[0]?.script).toContain('Offer the 3-month plan.')
    expect(page.items[0]?.script).toContain('ACC-3')
    expect(page.items[0]?.offer).toEqual({ offered: true, nextAllowedAt: null, reasons: [] })
    const first = await listCallTasks(as(tenant), { at: SEND_AT, limit: 2 })
    expect(first.items).toHaveLength(2)
    const second = await listCallTasks(as(tenant), { at: SEND_AT, limit: 2, cursor: first.nextCursor ?? '' })
    expect(second.items.map((t) => t.account)).toEqual(['ACC-1'])
    expect(second.nextCursor).toBeNull()
  })

  it('ranks by expected value (balance × chance of payment from the risk score), call-backs first, in pages', async () => {
    const db = store().db
    const { tenant } = await seedCallRows(db, 'tasks-value', 4)
    await dispatchMessages(store(), { senders: {}, links: LINKS, at: SEND_AT })
    const accounts = await db
      .selectFrom('accounts')
      .select(['id', 'external_id'])
      .where('tenant_id', '=', tenant.id)
      .execute()
    const idOf = (external: string) => accounts.find((a) => a.external_id === external)?.id ?? 0
    // Balances 120.01 ... 120.04: by balance the order would be ACC-4, ACC-3, ACC-2, ACC-1.
    await db.transaction().execute(async (trx) => {
      const model = await insertScoreModel(trx, {
        tenant_id: tenant.id,
        target: 'late_payment',
        trained_by: 'test',
        data_as_of: '2026-03-01',
        split_on: '2026-02-01',
        scorecard: '{}',
        baseline: '{}',
        metrics: '{}',
        examples: '[]',
      })
      const score = (external: string, badPpm: number, band: 'low' | 'medium' | 'high') => ({
        account_id: idOf(external),
        tenant_id: tenant.id,
        model_id: model.id,
        as_of: '2026-03-01',
        score: 1000 - Math.round(badPpm / 1000),
        band,
        bad_ppm: badPpm,
        reason_codes: '[]',
      })
      // ACC-1 likely pays, ACC-4 likely not; ACC-2 is unscored (even odds), ACC-3 a shade better than even.
      await writeAccountScores(trx, [
        score('ACC-1', 100_000, 'low'),
        score('ACC-3', 400_000, 'medium'),
        score('ACC-4', 950_000, 'high'),
      ])
    })
    const queue = (await listCallTasks(as(tenant), { at: SEND_AT })).items
    expect(queue.map((t) => t.account)).toEqual(['ACC-1', 'ACC-3', 'ACC-2', 'ACC-4'])
    expect(queue.map((t) => [t.balance, t.expectedValue, t.risk])).toEqual([
      ['120.01', '108.00', { score: 900, band: 'low' }],
      ['120.03', '72.01', { score: 600, band: 'medium' }],
      ['120.02', '60.01', null],
      ['120.04', '6.00', { score: 50, band: 'high' }],
    ])
    // Pages of one follow the same order.
    const paged: string[] = []
    let cursor: string | undefined
    do {
      const page = await listCallTasks(as(tenant), { at: SEND_AT, limit: 1, ...(cursor ? { cursor } : {}) })
      paged.push(...page.items.map((t) => t.account))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(paged).toEqual(['ACC-1', 'ACC-3', 'ACC-2', 'ACC-4'])
    // The highest-risk account asks to be called back: once due, that call comes first.
    const [, , , last] = queue
    const later = new Date(SEND_AT.getTime() + 3_600_000)
    const callBack = await recordCallOutcome(as(tenant), {
      task: last?.id ?? 0,
      outcome: 'call_back',
      at: later.toISOString(),
      calledAt: CALLED_AT,
    })
    const after = (await listCallTasks(as(tenant), { at: later })).items
    expect(after.map((t) => [t.account, t.followsTaskId !== null])).toEqual([
      ['ACC-4', true],
      ['ACC-1', false],
      ['ACC-3', false],
      ['ACC-2', false],
    ])
    expect(after[0]?.id).toBe(callBack.nextTaskId)
    // By balance when asked.
    const byBalance = (await listCallTasks(as(tenant), { at: later, sort: '-priority' })).items
    expect(byBalance.map((t) => t.account)).toEqual(['ACC-4', 'ACC-3', 'ACC-2', 'ACC-1'])
  })

  it('a promise to pay records the promise, the call and re-decides, journaled with the actor', async () => {
    const db = store().db
    const { tenant } = await seedCallRows(db, 'tasks-promise', 1)
    const [task] = (await listCallTasks(as(tenant), { at: SEND_AT })).items
    const result = await recordCallOutcome(as(tenant), {
      task: task?.id ?? 0,
      outcome: 'promise_to_pay',
      amount: '50.00',
      currency: 'USD',
      date: '2026-03-20',
      calledAt: CALLED_AT,
    })
    expect(result.promiseId).not.toBeNull()
    expect(result.task).toMatchObject({
      status: 'done',
      outcome: { outcome: 'promise_to_pay', by: 'user:u-collector' },
    })
    const promise = await db
      .selectFrom('promises')
      .selectAll()
      .where('id', '=', result.promiseId ?? 0)
      .executeTakeFirstOrThrow()
    expect(promise).toMatchObject({ amount_minor: 5000, due_on: '2026-03-20', channel: 'phone' })
    const events = await db
      .selectFrom('contact_events')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .execute()
    expect(events.map((e) => [e.channel, e.result])).toEqual([['call', 'conversation']])
    const journal = await db
      .selectFrom('journal_events')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('type', '=', 'call_task.outcome')
      .execute()
    expect(journal.map((j) => j.actor)).toEqual(['user:u-collector'])
    const outbox = await db
      .selectFrom('outbox')
      .select('status')
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    expect(outbox.status).toBe('sent')
    await expect(
      recordCallOutcome(as(tenant), { task: task?.id ?? 0, outcome: 'busy' }),
    ).rejects.toMatchObject({ code: 'task_not_open' })
  })

  it('a dispute opens a dispute; attorney and inconvenient time store restrictions; not in service marks the phone', async () => {
    const db = store().db
    const { tenant, debtorIds } = await seedCallRows(db, 'tasks-effects', 4)
    const tasks = (await listCallTasks(as(tenant), { at: SEND_AT, sort: 'dueAt' })).items
    const [a, b, c, d] = tasks.map((t) => t.id)
    const dispute = await recordCallOutcome(as(tenant), {
      task: a ?? 0,
      outcome: 'dispute',
      note: 'never ordered it',
      calledAt: CALLED_AT,
    })
    const stored = await db
      .selectFrom('disputes')
      .selectAll()
      .where('id', '=', dispute.disputeId ?? 0)
      .executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ reason: 'never ordered it', written: 0 })
    const attorney = await recordCallOutcome(as(tenant), {
      task: b ?? 0,
      outcome: 'attorney_named',
      note: 'J. Doe, 555-0100',
      calledAt: CALLED_AT,
    })
    const time = await recordCallOutcome(as(tenant), {
      task: c ?? 0,
      outcome: 'inconvenient_time',
      from: '09:00',
      to: '12:00',
      calledAt: CALLED_AT,
    })
    const restrictions = await db
      .selectFrom('debtor_restrictions')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .execute()
    expect(
      restrictions.map((r) => [r.id, r.kind, JSON.parse(r.details).name ?? JSON.parse(r.details).from]),
    ).toEqual([
      [attorney.restrictionId, 'attorney', 'J. Doe, 555-0100'],
      [time.restrictionId, 'inconvenient_time', '09:00'],
    ])
    await recordCallOutcome(as(tenant), { task: d ?? 0, outcome: 'not_in_service', calledAt: CALLED_AT })
    const phone = await db
      .selectFrom('contact_points')
      .selectAll()
      .where('debtor_id', '=', debtorIds[3] ?? 0)
      .executeTakeFirstOrThrow()
    expect(phone.undeliverable_at).toBe(CALLED_AT)
    await expect(
      recordCallOutcome(as(tenant), { task: d ?? 0, outcome: 'promise_to_pay' }),
    ).rejects.toMatchObject({ code: 'invalid_call_outcome' })
  })

  it('a call-back schedules the next task at the stated time, offered only once due', async () => {
    const db = store().db
    const { tenant } = await seedCallRows(db, 'tasks-callback', 1)
    const [task] = (await listCallTasks(as(tenant), { at: SEND_AT })).items
    const at = '2026-03-04T16:00:00.000Z'
    const result = await recordCallOutcome(as(tenant), {
      task: task?.id ?? 0,
      outcome: 'call_back',
      at,
      calledAt: CALLED_AT,
    })
    const next = await getCallTask(as(tenant), { id: result.nextTaskId ?? 0, at: new Date(at) })
    expect(next).toMatchObject({ status: 'open', dueAt: at, followsTaskId: task?.id })
    expect((await listCallTasks(as(tenant), { at: SEND_AT })).items).toEqual([])
    expect((await listCallTasks(as(tenant), { at: new Date(at) })).items.map((t) => t.id)).toEqual([
      result.nextTaskId,
    ])
  })

  it('the call-frequency cap (Reg F, a debt collector) counts recorded calls: a task the cap blocks is not offered, with its next time', async () => {
    const db = store().db
    const { tenant, debtorIds } = await seedCallRows(db, 'tasks-cap', 1, {
      debtKind: 'consumer',
      kind: 'agency',
    })
    const [first] = (await listCallTasks(as(tenant), { at: SEND_AT })).items
    expect(first?.offer?.offered).toBe(true)
    const account = await db
      .selectFrom('accounts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    const point = await db
      .selectFrom('contact_points')
      .select('id')
      .where('debtor_id', '=', debtorIds[0] ?? 0)
      .executeTakeFirstOrThrow()
    let taskId = first?.id ?? 0
    let calls = 0
    for (; calls < 8; calls++) {
      const view = await getCallTask(as(tenant), { id: taskId, at: SEND_AT })
      if (!view.offer?.offered) break
      await recordCallOutcome(as(tenant), {
        task: taskId,
        outcome: 'no_answer',
        calledAt: new Date(SEND_AT.getTime() - (8 - calls) * 60_000).toISOString(),
      })
      taskId =
        (await insertCallTask(db, {
          tenantId: tenant.id,
          accountId: account.id,
          debtorId: debtorIds[0] ?? 0,
          contactPointId: point.id,
          outboxId: null,
          followsTaskId: null,
          dueAt: CALLED_AT,
          priority: 1,
          script: first?.script ?? '',
        })) ?? 0
    }
    expect(calls).toBeGreaterThan(0)
    expect(calls).toBeLessThanOrEqual(7)
    const blocked = await getCallTask(as(tenant), { id: taskId, at: SEND_AT })
    expect(blocked.offer?.offered).toBe(false)
    expect(blocked.offer?.nextAllowedAt).not.toBeNull()
    expect(blocked.offer?.reasons.join(' ')).toMatch(/call/i)
    expect((await listCallTasks(as(tenant), { at: SEND_AT })).items).toEqual([])
    const withBlocked = await listCallTasks(as(tenant), { at: SEND_AT, includeBlocked: true })
    expect(withBlocked.items.map((t) => [t.id, t.offer?.offered])).toEqual([[taskId, false]])
  })

  it('another tenant cannot see or work the task; read-only users cannot record outcomes', async () => {
    const db = store().db
    const { tenant } = await seedCallRows(db, 'tasks-mine', 1)
    const { tenant: other } = await seedCallRows(db, 'tasks-other', 1)
    const [task] = (await listCallTasks(as(tenant), { at: SEND_AT })).items
    await expect(getCallTask(as(other), { id: task?.id ?? 0 })).rejects.toMatchObject({
      code: 'task_not_found',
    })
    await expect(
      recordCallOutcome(as(other), { task: task?.id ?? 0, outcome: 'busy' }),
    ).rejects.toMatchObject({ code: 'task_not_found' })
    await expect(
      recordCallOutcome(as(tenant, 'read_only'), { task: task?.id ?? 0, outcome: 'busy' }),
    ).rejects.toMatchObject({ code: 'forbidden' })
  })
})
