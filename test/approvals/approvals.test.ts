import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Actor, Role } from '../../src/app/actor.ts'
import { approveEscalation, rejectEscalation } from '../../src/app/approvals/decide-approval.ts'
import { listApprovals } from '../../src/app/approvals/list-approvals.ts'
import { Dispatcher } from '../../src/outreach/dispatch/dispatcher.ts'
import { MailSink } from '../../src/outreach/email/mail-sink.ts'
import { SmtpEmailSender } from '../../src/outreach/email/smtp-email-sender.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { SEND_AT, seedOutbox } from '../outreach/outreach-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'

const LINKS = { replyDomain: 'replies.example.test', publicUrl: 'https://collect.example.test' }

describeEachDatabase('escalation approval: list, approve, reject', ({ store }) => {
  const sink = new MailSink({})
  let sender: SmtpEmailSender
  let tenant: Tenant
  let other: Tenant
  let ids: number[] = []
  let otherIds: number[] = []

  const as = (role: Role, t: Tenant = tenant, extra: Partial<Actor> = {}) => ({
    store: store(),
    actor: { tenant: t, kind: 'user', id: `7${role.length}`, roles: [role], ...extra } as Actor,
  })
  const row = (id: number) =>
    store().db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const outcome = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (e: { code?: string }) => e.code ?? String(e),
    )

  beforeAll(async () => {
    sender = new SmtpEmailSender({
      url: `smtp://127.0.0.1:${await sink.listen()}`,
      from: 'Acme <b@acme.example>',
    })
    const seeded = await seedOutbox(
      store().db,
      'approvals',
      [1, 2, 3, 4, 5, 6].map(() => ({ accounts: 1 })),
    )
    tenant = seeded.tenant
    ids = seeded.outboxIds
    // A playbook step with `requiresApproval` writes its row as the daily run does: held, not pending.
    await store()
      .db.updateTable('outbox')
      .set({ status: 'awaiting_approval' })
      .where('id', 'in', ids.slice(0, 5))
      .execute()
    const foreign = await seedOutbox(store().db, 'approvals-other', [{ accounts: 1 }])
    other = foreign.tenant
    otherIds = foreign.outboxIds
    await store()
      .db.updateTable('outbox')
      .set({ status: 'awaiting_approval' })
      .where('id', 'in', otherIds)
      .execute()
  })
  afterAll(async () => {
    sender?.close()
    await sink.close()
  })

  it('lists what awaits approval, in pages, with account, debtor, stage, action, compliance and playbook', async () => {
    const first = await listApprovals(as('manager'), { limit: 3 })
    expect(first.items.map((i) => i.id)).toEqual(ids.slice(0, 3))
    expect(first.items[0]).toMatchObject({
      status: 'awaiting_approval',
      account: 'ACC-1',
      debtor: 'D-1',
      debtorName: 'Debtor 1',
      stage: 'reminder',
      action: { type: 'send_message', channel: 'email', template: 'reminder_1' },
      scheduledAt: '2026-03-02T15:00:00.000Z',
      compliance: { outcome: 'allow', reasons: [] },
      playbook: { id: 'test', version: 1 },
      decidedOn: '2026-03-02',
      approvedBy: null,
    })
    expect(first.nextCursor).not.toBeNull()
    const rest = await listApprovals(as('manager'), { limit: 3, cursor: first.nextCursor ?? '' })
    expect(rest.items.map((i) => i.id)).toEqual(ids.slice(3, 5))
    expect(rest.nextCursor).toBeNull()
    // The pending row (no approval needed) and the other tenant's are not listed.
    const all = await listApprovals(as('admin'), { sort: '-createdAt' })
    expect(all.items.map((i) => i.id).sort((a, b) => a - b)).toEqual(ids.slice(0, 5))
  })

  it('approves: pending, approver recorded, journaled, then sent by the dispatcher; a second approve is 409', async () => {
    const id = ids[0] as number
    const approved = await approveEscalation(as('manager'), { id })
    expect(approved).toMatchObject({ id, status: 'pending', approvedBy: 'user:77' })
    const stored = await row(id)
    expect(stored.status).toBe('pending')
    expect(stored.approved_by).toBe('user:77')
    expect(Date.parse(stored.approved_at ?? '')).not.toBeNaN()
    const events = await store()
      .db.selectFrom('journal_events')
      .select(['type', 'actor', 'payload'])
      .where('tenant_id', '=', tenant.id)
      .where('type', '=', 'escalation.approved')
      .execute()
    expect(events).toHaveLength(1)
    expect(events[0]?.actor).toBe('user:77')
    await expect(approveEscalation(as('admin'), { id })).rejects.toMatchObject({
      code: 'approval_not_pending',
      httpStatus: 409,
    })
    // Scheduled in the past: the dispatcher's next pass sends it (after its own send-time check).
    const counts = await new Dispatcher({
      store: store(),
      senders: { email: sender },
      links: LINKS,
      now: () => SEND_AT,
    }).dispatchAll()
    // The approved row and the sixth (never held); not the five others awaiting approval.
    expect(counts).toMatchObject({ sent: 2 })
    expect((await row(id)).status).toBe('sent')
    // Rows still awaiting approval were not sent.
    expect((await row(ids[1] as number)).status).toBe('awaiting_approval')
  })

  it('rejects with a required reason naming the user: cancelled; approving it afterwards is 409', async () => {
    const id = ids[1] as number
    await expect(rejectEscalation(as('manager'), { id, reason: '   ' })).rejects.toMatchObject({
      code: 'invalid_reason',
      details: { field: 'reason' },
    })
    const rejected = await rejectEscalation(as('manager'), { id, reason: 'hardship evidence expected' })
    expect(rejected).toMatchObject({
      status: 'cancelled',
      cancelReason: 'rejected by user:77: hardship evidence expected',
    })
    expect((await row(id)).cancel_reason).toBe('rejected by user:77: hardship evidence expected')
    await expect(approveEscalation(as('manager'), { id })).rejects.toMatchObject({
      code: 'approval_not_pending',
    })
    await expect(rejectEscalation(as('manager'), { id, reason: 'again' })).rejects.toMatchObject({
      code: 'approval_not_pending',
    })
    const journal = await store()
      .db.selectFrom('journal_events')
      .select(['actor'])
      .where('tenant_id', '=', tenant.id)
      .where('type', '=', 'escalation.rejected')
      .execute()
    expect(journal.map((j) => j.actor)).toEqual(['user:77'])
  })

  it('refuses a row cancelled meanwhile (payment, dispute, re-decision) with 409, never releasing it', async () => {
    const id = ids[2] as number
    await store()
      .db.updateTable('outbox')
      .set({ status: 'cancelled', cancelled_at: new Date().toISOString(), cancel_reason: 'payment posted' })
      .where('id', '=', id)
      .execute()
    await expect(approveEscalation(as('manager'), { id })).rejects.toMatchObject({
      code: 'approval_not_pending',
      message: expect.stringContaining('payment posted'),
    })
    expect((await row(id)).status).toBe('cancelled')
  })

  it('releases a row once when two approvers race for it', async () => {
    const id = ids[3] as number
    const results = await Promise.all([
      outcome(approveEscalation(as('manager'), { id })),
      outcome(approveEscalation(as('admin'), { id })),
      outcome(rejectEscalation(as('admin'), { id, reason: 'race' })),
    ])
    expect(results.filter((r) => r === 'ok')).toHaveLength(1)
    expect(results.filter((r) => r !== 'ok')).toEqual(['approval_not_pending', 'approval_not_pending'])
    const events = await store()
      .db.selectFrom('journal_events')
      .select(['payload'])
      .where('tenant_id', '=', tenant.id)
      .where('type', 'in', ['escalation.approved', 'escalation.rejected'])
      .execute()
    expect(events.filter((e) => String(e.payload).includes(`"outboxId":${id}`))).toHaveLength(1)
  })

  it("another tenant's id is 404, so is an id out of the user's clients; a collector gets 403", async () => {
    const foreign = otherIds[0] as number
    await expect(approveEscalation(as('manager'), { id: foreign })).rejects.toMatchObject({
      code: 'approval_not_found',
      httpStatus: 404,
    })
    await expect(rejectEscalation(as('manager'), { id: foreign, reason: 'x' })).rejects.toMatchObject({
      code: 'approval_not_found',
    })
    expect((await row(foreign)).status).toBe('awaiting_approval')
    expect((await listApprovals(as('manager', other), {})).items.map((i) => i.id)).toEqual(otherIds)
    const limited = as('manager', tenant, { clientIds: [999_999] })
    expect((await listApprovals(limited, {})).items).toEqual([])
    await expect(approveEscalation(limited, { id: ids[4] as number })).rejects.toMatchObject({
      code: 'approval_not_found',
    })
    for (const role of ['collector', 'compliance', 'read_only'] as const) {
      await expect(listApprovals(as(role), {})).rejects.toMatchObject({ code: 'forbidden', httpStatus: 403 })
      await expect(approveEscalation(as(role), { id: ids[4] as number })).rejects.toMatchObject({
        code: 'forbidden',
      })
    }
    expect((await row(ids[4] as number)).status).toBe('awaiting_approval')
  })
})
