import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ActiveTemplate } from '../../src/core/templates/activate-template.ts'
import { BUILTIN_TEMPLATES } from '../../src/core/templates/builtin-templates.ts'
import { Dispatcher } from '../../src/outreach/dispatch/dispatcher.ts'
import { MailSink } from '../../src/outreach/email/mail-sink.ts'
import { SmtpEmailSender } from '../../src/outreach/email/smtp-email-sender.ts'
import { templateRenderer } from '../../src/outreach/render/template-renderer.ts'
import { HAS_PDFTOTEXT, pdfText } from '../documents/pdf-tools.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { SEND_AT, seedOutbox } from './outreach-fixtures.ts'

const LINKS = { replyDomain: 'replies.example.test', publicUrl: 'https://collect.example.test' }

describeEachDatabase('dispatcher: templated email with PDF attachments', ({ store }) => {
  const sink = new MailSink()
  let sender: SmtpEmailSender
  beforeAll(async () => {
    const port = await sink.listen()
    sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${port}`, from: 'Acme <billing@acme.example>' })
  })
  afterAll(async () => {
    sender.close()
    await sink.close()
  })
  const dispatcher = (renderer?: ReturnType<typeof templateRenderer>) =>
    new Dispatcher({
      store: store(),
      senders: { email: sender },
      links: LINKS,
      now: () => SEND_AT,
      ...(renderer ? { renderer } : {}),
    })
  const mailTo = async (address: string) => {
    const mail = sink.received.find((m) => m.to.includes(address))
    expect(mail, `a mail to ${address}`).toBeDefined()
    return simpleParser(mail?.raw ?? Buffer.from(''))
  }

  it.skipIf(!HAS_PDFTOTEXT)(
    "a collector's first email carries the statement and the validation notice as PDFs of the account",
    async () => {
      const { tenant } = await seedOutbox(
        store().db,
        'attach',
        [{ accounts: 1, debtKind: 'consumer', email: 'first@example.test' }],
        { kind: 'agency' },
      )
      expect(await dispatcher().dispatchAll()).toMatchObject({ sent: 1, suppressed: 0 })
      const parsed = await mailTo('first@example.test')
      expect(parsed.subject).toBe('A reminder about your account ACC-1')
      expect(parsed.text).toContain('This communication is from a debt collector')
      expect(parsed.text).toContain('https://collect.example.test/unsubscribe/')
      const pdfs = parsed.attachments.filter((a) => a.contentType === 'application/pdf')
      expect(pdfs.map((a) => a.filename)).toEqual([
        'validation-notice-ACC-1-2026-03-03.pdf',
        'statement-ACC-1-2026-03-03.pdf',
      ])
      for (const pdf of pdfs) {
        expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-')
        const text = pdfText(pdf.content)
        expect(text).toContain('ACC-1')
        expect(text).toContain('$120.01')
      }
      const message = await store()
        .db.selectFrom('messages')
        .select(['render_input'])
        .where('tenant_id', '=', tenant.id)
        .executeTakeFirstOrThrow()
      const input = JSON.parse(message.render_input) as { firstCommunication: boolean; accounts: unknown[] }
      expect(input.firstCommunication).toBe(true)
      expect(input.accounts[0]).toMatchObject({ reference: 'ACC-1', books: { debtKind: 'consumer' } })
    },
  )

  it('a consolidated email lists every account and attaches a statement for each', async () => {
    await seedOutbox(store().db, 'attach-many', [{ accounts: 3, email: 'many@example.test' }])
    expect(await dispatcher().dispatchAll()).toMatchObject({ sent: 1 })
    const parsed = await mailTo('many@example.test')
    for (const ref of ['ACC-1', 'ACC-2', 'ACC-3']) expect(parsed.text).toContain(ref)
    expect(parsed.html).toContain('ACC-3')
    expect(parsed.attachments.map((a) => a.filename)).toEqual([
      'statement-ACC-1-2026-03-03.pdf',
      'statement-ACC-2-2026-03-03.pdf',
      'statement-ACC-3-2026-03-03.pdf',
    ])
  })

  it.skipIf(!HAS_PDFTOTEXT)('an Arabic debtor gets a right-to-left Arabic email and statement', async () => {
    await seedOutbox(store().db, 'attach-ar', [
      { accounts: 1, jurisdiction: 'AE', preferredLanguage: 'ar', email: 'arabic@example.test' },
    ])
    expect(await dispatcher().dispatchAll()).toMatchObject({ sent: 1 })
    const parsed = await mailTo('arabic@example.test')
    expect(parsed.html).toMatch(/<html lang="ar" dir="rtl"/)
    expect(parsed.text).toMatch(/[\u0600-\u06FF]{3,}/)
    expect(parsed.text).toContain('ACC-1')
    const pdf = parsed.attachments[0]
    expect(pdf?.contentType).toBe('application/pdf')
    expect(pdfText(pdf?.content ?? Buffer.from(''))).toMatch(/[\u0600-\u06FF]{3,}/)
  })

  it('a message failing the render-time content check is not sent, with the reason recorded', async () => {
    const { tenant, outboxIds } = await seedOutbox(
      store().db,
      'attach-check',
      [{ accounts: 1, debtKind: 'consumer', email: 'check@example.test' }],
      { kind: 'agency' },
    )
    // A template that leaves the disclosure out: activation refuses it, so it is forced in here.
    const base = BUILTIN_TEMPLATES.find((t) => t.locale === 'en' && t.channel === 'email') as ActiveTemplate
    const bad = {
      ...base,
      version: 99,
      body: 'Dear {name}, pay {balance} on {account}.\n\n{optOut}',
    } as ActiveTemplate
    const before = sink.received.length
    const c = await dispatcher(templateRenderer({ templates: [bad] })).dispatchAll()
    expect(c).toMatchObject({
      suppressed: 1,
      sent: 0,
    })
    expect(sink.received.length).toBe(before)
    const row = await store()
      .db.selectFrom('outbox')
      .select(['status', 'cancel_reason'])
      .where('id', '=', outboxIds[0] as number)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('blocked')
    expect(row.cancel_reason).toMatch(/debt collector|disclosure|1692e\(11\)|mini/i)
    const message = await store()
      .db.selectFrom('messages')
      .select(['status'])
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    expect(message.status).toBe('suppressed')
  })
})
