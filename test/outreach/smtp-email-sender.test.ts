import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MailSink } from '../../src/outreach/email/mail-sink.ts'
import {
  classifySmtpError,
  messageIdFor,
  SmtpEmailSender,
} from '../../src/outreach/email/smtp-email-sender.ts'
import { defineMessageSenderContract } from '../core/channels/message-sender.contract.ts'

const FROM = 'Acme Collections <billing@acme.example>'

describe('SMTP email sender against a real SMTP server', () => {
  const answers = new Map<string, { code: number; message: string }[]>()
  const sink = new MailSink({ rejectRecipient: (to) => answers.get(to)?.shift() ?? null })
  let url = ''
  beforeAll(async () => {
    url = `smtp://127.0.0.1:${await sink.listen()}`
  })
  afterAll(() => sink.close())

  it('sends text and HTML, attachments, one-click unsubscribe, reply-to and a Message-ID from the key', async () => {
    const sender = new SmtpEmailSender({ url, from: FROM })
    const pdf = new Uint8Array(Buffer.from('%PDF-1.7 statement'))
    const outcome = await sender.send({
      idempotencyKey: 'acme:42:reminder:2026-03-02:1',
      channel: 'email',
      to: 'ann@example.test',
      subject: 'Overdue balance on account ACC-1',
      body: 'Dear Ann,\nyour balance is 120.00 USD.',
      html: '<p>Dear Ann,</p><p>your balance is <b>120.00 USD</b>.</p>',
      attachments: [{ filename: 'statement.pdf', contentType: 'application/pdf', bytes: pdf }],
      replyTo: 'reply+abc123@replies.example.test',
      unsubscribe: {
        url: 'https://collect.example.test/unsubscribe/abc123',
        mailto: 'unsubscribe+abc123@replies.example.test',
      },
      tenant: 'acme',
      account: 'ACC-1',
    })
    sender.close()
    const id = messageIdFor('acme:42:reminder:2026-03-02:1', FROM)
    expect(outcome).toEqual({ status: 'accepted', providerMessageId: id })
    const mail = sink.received.find((m) => m.messageId === id)
    const parsed = await simpleParser(mail?.raw ?? Buffer.from(''))
    expect(parsed.messageId).toBe(id)
    expect(parsed.subject).toBe('Overdue balance on account ACC-1')
    expect(parsed.text?.trim()).toBe('Dear Ann,\nyour balance is 120.00 USD.')
    expect(parsed.html).toContain('<b>120.00 USD</b>')
    expect(parsed.replyTo?.value[0]?.address).toBe('reply+abc123@replies.example.test')
    const headers = (mail?.raw.toString() ?? '').split('\r\n\r\n')[0]?.replace(/\r\n\s+/g, ' ')
    expect(headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    expect(headers).toContain(
      'List-Unsubscribe: <https://collect.example.test/unsubscribe/abc123>, <mailto:unsubscribe+abc123@replies.example.test>',
    )
    expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
      ['statement.pdf', 'application/pdf', '%PDF-1.7 statement'],
    ])
  })

  it('classifies SMTP answers: 5xx on RCPT is a refused recipient, 4xx and connection errors are transient', () => {
    expect(
      classifySmtpError({ responseCode: 550, command: 'RCPT TO', response: '550 5.1.1 no such user' }),
    ).toMatchObject({
      status: 'permanent',
      recipientInvalid: true,
    })
    expect(classifySmtpError({ responseCode: 552, command: 'DATA', response: '552 too big' })).toMatchObject({
      status: 'permanent',
      recipientInvalid: false,
    })
    expect(classifySmtpError({ responseCode: 451, command: 'RCPT TO' }).status).toBe('transient')
    expect(classifySmtpError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }).status).toBe(
      'transient',
    )
  })

  defineMessageSenderContract('smtp (smtp-server)', 'email', () => {
    const sender = new SmtpEmailSender({ url, from: FROM })
    return {
      sender,
      failTransientlyThenPermanently: (to) =>
        answers.set(to, [
          { code: 451, message: '4.3.0 try again later' },
          { code: 550, message: '5.1.1 no such user' },
        ]),
      deliveredTo: async (to) => sink.received.filter((m) => m.to.includes(to)).length,
      recipient: (name) => `${name}@example.test`,
    }
  })
})
