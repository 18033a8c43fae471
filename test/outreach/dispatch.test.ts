import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Dispatcher } from '../../src/outreach/dispatch/dispatcher.ts'
import { MailSink } from '../../src/outreach/email/mail-sink.ts'
import { SmtpEmailSender } from '../../src/outreach/email/smtp-email-sender.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { SEND_AT, seedOutbox } from './outreach-fixtures.ts'

const LINKS = { replyDomain: 'replies.example.test', publicUrl: 'https://collect.example.test' }

describeEachDatabase('dispatcher: outbox to SMTP', ({ store }) => {
  const sink = new MailSink({
    rejectRecipient: (to) => (to.startsWith('gone') ? { code: 550, message: '5.1.1 no such user' } : null),
  })
  let sender: SmtpEmailSender
  beforeAll(async () => {
    const port = await sink.listen()
    sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${port}`, from: 'Acme <billing@acme.example>' })
  })
  afterAll(async () => {
    sender.close()
    await sink.close()
  })
  const dispatcher = () =>
    new Dispatcher({ store: store(), senders: { email: sender }, links: LINKS, now: () => SEND_AT })

  it('sends each due row once, consolidated per debtor, recorded against every account', async () => {
    const db = store().db
    const { tenant, outboxIds } = await seedOutbox(db, 'consolidated', [{ accounts: 3 }, { accounts: 1 }])
    const counts = await dispatcher().dispatchAll()
    expect(counts).toMatchObject({ queued: 2, sent: 2, failed: 0 })
    expect(await dispatcher().dispatchAll()).toMatchObject({ queued: 0, sent: 0 })
    const outbox = await db
      .selectFrom('outbox')
      .select(['status', 'message_id'])
      .where('id', 'in', outboxIds)
      .execute()
    expect(outbox.every((o) => o.status === 'sent')).toBe(true)
    expect(new Set(outbox.map((o) => o.message_id)).size).toBe(2)
    const messages = await db
      .selectFrom('messages')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .execute()
    expect(messages.map((m) => m.status)).toEqual(['sent', 'sent'])
    const mails = sink.received.filter((m) => m.to[0]?.startsWith('debtor'))
    expect(mails).toHaveLength(2)
    const parsed = await simpleParser(mails[0]?.raw ?? Buffer.from(''))
    expect(parsed.subject).toBe('A reminder about your account ACC-1')
    expect(parsed.text).toContain('ACC-2')
    expect(parsed.text).toContain('ACC-1')
    expect(parsed.text).toContain('ACC-3')
    expect(parsed.messageId).toBe(messages[0]?.provider_message_id)
    const events = await db
      .selectFrom('contact_events')
      .select(['result'])
      .where('tenant_id', '=', tenant.id)
      .execute()
    expect(events.map((e) => e.result)).toEqual(['sent', 'sent', 'sent', 'sent'])
  })

  it('re-checks compliance at send time: an opt-out after the decision is not sent, with the reason', async () => {
    const db = store().db
    const { tenant, outboxIds, debtorIds } = await seedOutbox(db, 'opted-out', [{ accounts: 1 }])
    await db
      .updateTable('contact_points')
      .set({ opted_out_at: '2026-03-02T20:00:00.000Z' })
      .where('debtor_id', '=', debtorIds[0] as number)
      .execute()
    const before = sink.received.length
    expect(await dispatcher().dispatchAll()).toMatchObject({ suppressed: 1, sent: 0 })
    expect(sink.received.length).toBe(before)
    const row = await db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', outboxIds[0] as number)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('blocked')
    expect(row.cancel_reason).toMatch(/^at send time: .*opt/i)
    const message = await db
      .selectFrom('messages')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    expect(message.status).toBe('suppressed')
    expect(JSON.parse(message.compliance)).toMatchObject({ outcome: 'block' })
  })

  it('a hard bounce fails the message for good and marks the address undeliverable', async () => {
    const db = store().db
    const { outboxIds, debtorIds } = await seedOutbox(db, 'bounced', [
      { accounts: 1, email: 'gone@example.test' },
    ])
    expect(await dispatcher().dispatchAll()).toMatchObject({ failed: 1, sent: 0 })
    const row = await db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', outboxIds[0] as number)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('cancelled')
    expect(row.cancel_reason).toContain('550')
    const point = await db
      .selectFrom('contact_points')
      .selectAll()
      .where('debtor_id', '=', debtorIds[0] as number)
      .executeTakeFirstOrThrow()
    expect(point.undeliverable_at).not.toBeNull()
    expect(point.undeliverable_reason).toContain('no such user')
  })
})
