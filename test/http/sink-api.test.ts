import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { Dispatcher } from '../../src/outreach/dispatch/dispatcher.ts'
import { MailSink } from '../../src/outreach/email/mail-sink.ts'
import { SmtpEmailSender } from '../../src/outreach/email/smtp-email-sender.ts'
import { SmsSinkSender } from '../../src/outreach/sms/sms-sink-sender.ts'
import { SEND_AT, seedOutbox } from '../outreach/outreach-fixtures.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { apiOperations, responseChecker } from '../support/openapi-operations.ts'

const LINKS = { replyDomain: 'replies.example.test', publicUrl: 'https://collect.example.test' }

describeEachDatabase('development sinks API: the tenant’s captured mail and texts', ({ store }) => {
  const dir = mkdtempSync(join(tmpdir(), 'recoup-sink-'))
  const folders = { mail: join(dir, 'mail'), sms: join(dir, 'sms') }
  const sink = new MailSink({ dir: folders.mail, keepInMemory: false })
  let email: SmtpEmailSender
  let app: FastifyInstance
  let bare: FastifyInstance
  let a: Awaited<ReturnType<typeof injectAs>>
  let b: Awaited<ReturnType<typeof injectAs>>
  let aMessages: { id: number; channel: string; provider_message_id: string | null }[]

  beforeAll(async () => {
    const port = await sink.listen()
    email = new SmtpEmailSender({ url: `smtp://127.0.0.1:${port}`, from: 'Acme <billing@acme.example>' })
    const db = store().db
    const { tenant } = await seedOutbox(db, 'sink-a', [
      { accounts: 1, channels: ['email', 'sms'] },
      { accounts: 1, channels: ['email'] },
      { accounts: 1, channels: ['email'] },
    ])
    await seedOutbox(db, 'sink-b', [{ accounts: 1, channels: ['email', 'sms'] }])
    // A real SMTP conversation into the sink (and texts into the SMS sink), as `recoup serve` does.
    const dispatcher = new Dispatcher({
      store: store(),
      senders: { email, sms: new SmsSinkSender(folders.sms) },
      links: LINKS,
      now: () => SEND_AT,
    })
    expect(await dispatcher.dispatchAll()).toMatchObject({ sent: 6, failed: 0 })
    // Something else in the folder: an inbound mail no message of either tenant sent.
    writeFileSync(
      join(folders.mail, '2026-03-03T16-00-00-000Z-999999.eml'),
      'From: someone@example.test\r\nTo: reply+x@replies.example.test\r\nMessage-ID: <stray@example.test>\r\nSubject: hi\r\n\r\nhello\r\n',
    )
    aMessages = await db
      .selectFrom('messages')
      .select(['id', 'channel', 'provider_message_id'])
      .where('tenant_id', '=', tenant.id)
      .execute()
    app = await buildServer(store(), { logger: false, sinks: folders })
    bare = await buildServer(store(), { logger: false })
    a = await injectAs(app, store(), 'sink-a', 'manager')
    b = await injectAs(app, store(), 'sink-b', 'admin')
  })
  afterAll(async () => {
    email?.close()
    await sink.close()
    await app?.close()
    await bare?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const list = '/api/v1/tenants/sink-a/sink/messages'

  it("lists only the tenant's mail and texts, newest first, linked to their messages", async () => {
    const answer = await a(list)
    expect(answer.statusCode, answer.body).toBe(200)
    const { items, nextCursor } = answer.json()
    expect(nextCursor).toBeNull()
    expect(items).toHaveLength(4)
    expect(items.filter((m: { channel: string }) => m.channel === 'email')).toHaveLength(3)
    expect(items.filter((m: { channel: string }) => m.channel === 'sms')).toHaveLength(1)
    const dates = items.map((m: { date: string }) => m.date)
    expect([...dates].sort().reverse()).toEqual(dates)
    for (const item of items) {
      const message = aMessages.find((m) => m.id === item.messageId)
      expect(message?.provider_message_id, JSON.stringify(item)).toBe(item.providerMessageId)
      expect(item.preview.length).toBeGreaterThan(0)
    }
    const mail = items.find((m: { channel: string }) => m.channel === 'email')
    expect(mail).toMatchObject({ from: expect.stringContaining('billing@acme.example') })
    expect(mail.subject).toContain('ACC-')
    expect(mail.to).toMatch(/debtor\d@example.test/)
    const text = items.find((m: { channel: string }) => m.channel === 'sms')
    expect(text).toMatchObject({ from: null, subject: null, to: expect.stringMatching(/^\+1212555/) })

    const other = (await b('/api/v1/tenants/sink-b/sink/messages')).json().items
    expect(other).toHaveLength(2)
    const ids = new Set(items.map((m: { id: string }) => m.id))
    expect(other.some((m: { id: string }) => ids.has(m.id))).toBe(false)
  })

  it('pages with limit and cursor without repeating or losing one', async () => {
    const all = (await a(list)).json().items.map((m: { id: string }) => m.id)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await a(`${list}?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()
      seen.push(...page.items.map((m) => m.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(all)
    expect((await a(`${list}?cursor=nonsense`)).json().error.code).toBe('invalid_cursor')
    expect((await a(`${list}?limit=101`)).statusCode).toBe(400)
  })

  it('shows one message with its text and HTML; another tenant’s, a stray one or a path is 404', async () => {
    const items = (await a(list)).json().items
    const mail = items.find((m: { channel: string }) => m.channel === 'email')
    const one = await a(`${list}/${mail.id}`)
    expect(one.statusCode, one.body).toBe(200)
    expect(one.json()).toMatchObject({ id: mail.id, messageId: mail.messageId, subject: mail.subject })
    expect(one.json().text).toContain('ACC-')
    expect(typeof one.json().html).toBe('string')
    expect(one.json().html).toContain('<')
    const sms = items.find((m: { channel: string }) => m.channel === 'sms')
    expect((await a(`${list}/${sms.id}`)).json()).toMatchObject({ html: null, text: expect.any(String) })

    const theirs = (await b('/api/v1/tenants/sink-b/sink/messages')).json().items
    for (const foreign of theirs) {
      const answer = await a(`${list}/${foreign.id}`)
      expect(answer.statusCode).toBe(404)
      expect(answer.json().error.code).toBe('sink_message_not_found')
    }
    for (const id of [
      'mail-2026-03-03T16-00-00-000Z-999999',
      'mail-..%2F..%2Fetc%2Fpasswd',
      '..%2Fmail%2Fx',
      'sms-..%2F..%2Fsms%2Fx',
      'mail-%2E%2E',
      `mail-${'a'.repeat(150)}`,
    ]) {
      const answer = await a(`${list}/${id}`)
      expect(answer.statusCode, id).toBe(404)
      expect(answer.json().error.code, id).toBe('sink_message_not_found')
    }
  })

  it('answers as the OpenAPI document declares', async () => {
    const operations = await apiOperations(app)
    const check = responseChecker()
    const items = (await a(list)).json().items
    const problems: string[] = []
    for (const [path, url] of [
      ['/api/v1/tenants/{tenant}/sink/messages', list],
      ['/api/v1/tenants/{tenant}/sink/messages/{id}', `${list}/${items[0].id}`],
      ['/api/v1/tenants/{tenant}/sink/messages/{id}', `${list}/${items.at(-1).id}`],
      ['/api/v1/tenants/{tenant}/sink/messages/{id}', `${list}/mail-none`],
    ] as const) {
      const operation = operations.find((o) => o.path === path && o.method === 'GET')
      if (!operation) throw new Error(`no operation ${path}`)
      problems.push(...check(operation, await a(url)))
    }
    expect(problems).toEqual([])
  })

  it('is for admins and managers, and 404 sink_not_configured on a server without sinks', async () => {
    const collector = await injectAs(app, store(), 'sink-a', 'collector')
    expect((await collector(list)).statusCode).toBe(403)
    const admin = await injectAs(bare, store(), 'sink-a', 'admin')
    const answer = await admin(list)
    expect(answer.statusCode).toBe(404)
    expect(answer.json().error.code).toBe('sink_not_configured')
    expect((await admin(`${list}/mail-x`)).json().error.code).toBe('sink_not_configured')
  })
})
