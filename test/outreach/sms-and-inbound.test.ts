import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { recordDeliveryReceipt } from '../../src/app/outreach/record-delivery-receipt.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { Dispatcher } from '../../src/outreach/dispatch/dispatcher.ts'
import { recordInboundEmail } from '../../src/outreach/email/inbound-email.ts'
import { twilioSignature } from '../../src/outreach/sms/twilio-signature.ts'
import { TwilioSmsSender } from '../../src/outreach/sms/twilio-sms-sender.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { SEND_AT, seedOutbox } from './outreach-fixtures.ts'

const SID = 'AC0123456789'
const TOKEN = 'test-auth-token'
const PUBLIC = 'https://collect.example.test'
const LINKS = { replyDomain: 'replies.example.test', publicUrl: PUBLIC }

/** A local HTTP server speaking the Twilio Messages API: basic auth, form bodies, 201 with a sid. */
function fakeProvider() {
  const texts: Record<string, string>[] = []
  let next = 1
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = ''
    req.on('data', (c: Buffer) => {
      body += c.toString()
    })
    req.on('end', () => {
      const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString()
      res.setHeader('content-type', 'application/json')
      if (req.url !== `/2010-04-01/Accounts/${SID}/Messages.json` || auth !== `${SID}:${TOKEN}`) {
        res.statusCode = 401
        return res.end(JSON.stringify({ code: 20003, message: 'Authenticate' }))
      }
      const form = Object.fromEntries(new URLSearchParams(body))
      if (form.To === '+15005550001') {
        res.statusCode = 400
        return res.end(
          JSON.stringify({ code: 21211, message: "The 'To' number is not a valid phone number." }),
        )
      }
      texts.push(form)
      res.statusCode = 201
      res.end(JSON.stringify({ sid: `SM${String(next++).padStart(32, '0')}`, status: 'queued' }))
    })
  })
  return { server, texts }
}

const signedForm = (path: string, params: Record<string, string>) => ({
  method: 'POST' as const,
  url: path,
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': twilioSignature(TOKEN, `${PUBLIC}${path}`, params),
  },
  payload: new URLSearchParams(params).toString(),
})

describeEachDatabase('SMS through a Twilio-compatible API, receipts and replies', ({ store }) => {
  const provider = fakeProvider()
  let sender: TwilioSmsSender
  beforeAll(async () => {
    await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve))
    const { port } = provider.server.address() as AddressInfo
    sender = new TwilioSmsSender({
      baseUrl: `http://127.0.0.1:${port}`,
      accountSid: SID,
      authToken: TOKEN,
      from: '+15550001111',
    })
  })
  afterAll(() => new Promise<void>((resolve) => provider.server.close(() => resolve())))

  it('texts carry the opt-out; receipts, STOP (one confirmation) and flags are recorded', async () => {
    const db = store().db
    const { tenant, debtorIds } = await seedOutbox(
      db,
      'sms',
      [{ accounts: 2, channels: ['sms'], phone: '+12125550100' }],
      {
        kind: 'agency',
      },
    )
    const dispatcher = new Dispatcher({
      store: store(),
      senders: { sms: sender },
      links: LINKS,
      now: () => SEND_AT,
    })
    expect(await dispatcher.dispatchAll()).toMatchObject({ queued: 1, sent: 1 })
    const text = provider.texts.find((t) => t.To === '+12125550100')
    expect(text?.Body).toContain('Reply STOP to opt out.')
    expect(text?.Body).toContain('debt collector')
    expect(text?.Body).toMatch(/ACC-1 .*ACC-2/)
    const message = await db
      .selectFrom('messages')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    expect(message.status).toBe('sent')

    const confirmations: string[] = []
    const app = await buildServer(store(), {
      logger: false,
      smsWebhooks: {
        authToken: TOKEN,
        publicUrl: PUBLIC,
        confirm: async (to, t) => void confirmations.push(`${to}: ${t}`),
      },
    })
    const receipt = { MessageSid: message.provider_message_id ?? '', MessageStatus: 'delivered' }
    const forged = {
      ...signedForm('/api/v1/webhooks/sms/status', receipt),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' },
    }
    expect((await app.inject(forged)).statusCode).toBe(403)
    expect((await app.inject(signedForm('/api/v1/webhooks/sms/status', receipt))).statusCode).toBe(200)
    expect((await app.inject(signedForm('/api/v1/webhooks/sms/status', receipt))).json()).toMatchObject({
      duplicate: true,
    })
    expect(
      (
        await db
          .selectFrom('messages')
          .select('status')
          .where('id', '=', message.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('delivered')

    const reply = (sid: string, body: string) =>
      app.inject(
        signedForm('/api/v1/webhooks/sms/inbound', {
          MessageSid: sid,
          From: '+12125550100',
          To: '+15550001111',
          Body: body,
        }),
      )
    const flagged = (await reply('SMin1', 'I already paid this. My lawyer will call you')).json()
    expect(flagged.revoked).toBe(false)
    expect(flagged.flags).toEqual([
      { flag: 'dispute', phrase: 'already paid' },
      { flag: 'attorney', phrase: 'lawyer' },
    ])
    expect((await reply('SMin2', 'STOP')).json()).toMatchObject({ revoked: true, confirmationSent: true })
    expect((await reply('SMin3', 'stop')).json()).toMatchObject({ revoked: false, confirmationSent: false })
    expect(confirmations).toHaveLength(1)
    const point = await db
      .selectFrom('contact_points')
      .selectAll()
      .where('debtor_id', '=', debtorIds[0] as number)
      .executeTakeFirstOrThrow()
    expect(point.opted_out_at).not.toBeNull()
    expect(point.consent).toBe('revoked')
    const events = await db
      .selectFrom('message_events')
      .select(['kind', 'detail', 'account_id'])
      .where('message_id', '=', message.id)
      .orderBy('id')
      .execute()
    // Each event is on both accounts' timelines.
    expect(events.filter((e) => e.kind === 'flag').map((e) => e.detail)).toEqual([
      'dispute',
      'dispute',
      'attorney',
      'attorney',
    ])
    expect(events.filter((e) => e.kind === 'opt_out' && e.detail === 'channel revoked')).toHaveLength(2)
    expect(events.filter((e) => e.kind === 'confirmation')).toHaveLength(2)
    await app.close()
  })

  it('an invalid number fails for good and is marked undeliverable; an email bounce receipt does the same', async () => {
    const db = store().db
    const { debtorIds } = await seedOutbox(db, 'sms-bad', [
      { accounts: 1, channels: ['sms'], phone: '+15005550001' },
    ])
    const dispatcher = new Dispatcher({
      store: store(),
      senders: { sms: sender },
      links: LINKS,
      now: () => SEND_AT,
    })
    expect(await dispatcher.dispatchAll()).toMatchObject({ failed: 1 })
    const point = await db
      .selectFrom('contact_points')
      .selectAll()
      .where('debtor_id', '=', debtorIds[0] as number)
      .executeTakeFirstOrThrow()
    expect(point.undeliverable_reason).toContain('21211')
  })

  it('email replies reach the accounts by their reply address; the List-Unsubscribe mailto opts out', async () => {
    const db = store().db
    const { tenant } = await seedOutbox(db, 'email-in', [{ accounts: 1, email: 'ann@example.test' }])
    await db.transaction().execute(async () => {})
    const dispatcher = new Dispatcher({
      store: store(),
      senders: {
        email: {
          channel: 'email',
          provider: 'test',
          send: async () => ({ status: 'accepted', providerMessageId: '<m1@test>' }),
        },
      },
      links: LINKS,
      now: () => SEND_AT,
    })
    expect(await dispatcher.dispatchAll()).toMatchObject({ sent: 1 })
    const message = await db
      .selectFrom('messages')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    const raw = (to: string, text: string) =>
      Buffer.from(
        `From: Ann <ann@example.test>\r\nTo: ${to}\r\nSubject: Re: overdue\r\nMessage-ID: <r-${to.length}-${text.length}@example.test>\r\n\r\n${text}\r\n\r\nOn Tue, Acme wrote:\r\n> Dear Debtor\r\n`,
      )
    const reply = await recordInboundEmail(
      store(),
      raw(`reply+${message.reply_token}@replies.example.test`, 'I lost my job and cannot pay right now.'),
      [`reply+${message.reply_token}@replies.example.test`],
      'replies.example.test',
    )
    expect(reply?.reading.flags.map((f) => f.flag)).toEqual(['hardship'])
    expect(reply?.revoked).toBe(false)
    const ignored = await recordInboundEmail(
      store(),
      raw('someone@else.test', 'hi'),
      ['someone@else.test'],
      'replies.example.test',
    )
    expect(ignored).toBeNull()
    const unsubscribe = `unsubscribe+${message.reply_token}@replies.example.test`
    expect(
      (await recordInboundEmail(store(), raw(unsubscribe, ''), [unsubscribe], 'replies.example.test'))
        ?.revoked,
    ).toBe(true)
    await expect(
      recordDeliveryReceipt(store(), {
        providerMessageId: '<m1@test>',
        status: 'bounced',
        recipientInvalid: true,
        detail: '550 5.1.1 user unknown',
      }),
    ).resolves.toMatchObject({ duplicate: false })
    const after = await db
      .selectFrom('messages')
      .select('status')
      .where('id', '=', message.id)
      .executeTakeFirstOrThrow()
    expect(after.status).toBe('bounced')
    const point = await db
      .selectFrom('contact_points')
      .selectAll()
      .where('id', '=', message.contact_point_id as number)
      .executeTakeFirstOrThrow()
    expect(point.undeliverable_reason).toBe('550 5.1.1 user unknown')
  })
})
