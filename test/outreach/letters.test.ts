import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { letterDocuments } from '../../src/app/outreach/dispatch-messages.ts'
import { Dispatcher } from '../../src/outreach/dispatch/dispatcher.ts'
import { PrintBatchSender } from '../../src/outreach/letters/print-batch-sender.ts'
import { HAS_PDFTOTEXT, pdfText } from '../documents/pdf-tools.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { SEND_AT, seedOutbox } from './outreach-fixtures.ts'

const LINKS = { replyDomain: 'replies.example.test', publicUrl: 'https://collect.example.test' }
/** SEND_AT in New York. */
const MAILING_DAY = '2026-03-03'

describeEachDatabase('letters: outbox to print-and-mail batches', ({ store }) => {
  const dir = mkdtempSync(join(tmpdir(), 'recoup-letters-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const sender = new PrintBatchSender(dir)
  const dispatcher = () =>
    new Dispatcher({
      store: store(),
      senders: { letter: sender },
      letters: letterDocuments(store()),
      links: LINKS,
      now: () => SEND_AT,
    })
  const dayDir = (slug: string) => join(dir, slug, MAILING_DAY)

  it('prints each due letter once into the day’s batch PDF and manifest, recorded as sent and mailed', async () => {
    const db = store().db
    const slug = `letters-${store().dialect}`
    const { tenant, outboxIds } = await seedOutbox(db, slug, [
      { accounts: 1, channels: ['letter'] },
      { accounts: 1, channels: ['letter'] },
    ])
    expect(await dispatcher().dispatchAll()).toMatchObject({ queued: 2, sent: 2, failed: 0, suppressed: 0 })
    expect(await dispatcher().dispatchAll()).toMatchObject({ queued: 0, sent: 0 })
    const messages = await db
      .selectFrom('messages')
      .select(['channel', 'status', 'provider', 'provider_message_id', 'recipient'])
      .where('tenant_id', '=', tenant.id)
      .execute()
    expect(messages).toHaveLength(2)
    for (const m of messages) {
      expect(m).toMatchObject({ channel: 'letter', status: 'sent', provider: 'print-batch' })
      expect(m.recipient).toContain('1 Main St')
    }
    const outbox = await db.selectFrom('outbox').select('status').where('id', 'in', outboxIds).execute()
    expect(outbox.map((o) => o.status)).toEqual(['sent', 'sent'])

    const files = readdirSync(dayDir(slug)).sort()
    expect(files.filter((f) => f.endsWith('.pdf') && f.startsWith('L'))).toHaveLength(2)
    expect(files).toContain('batch-LETTER.pdf')
    const manifest = readFileSync(join(dayDir(slug), 'manifest-LETTER.csv'), 'utf8')
      .trim()
      .split('\r\n')
    expect(manifest[0]).toBe(
      'seq,account,kind,locale,paper,mailing_date,first_page,pages,recipient,address,country',
    )
    expect(manifest.slice(1).map((l) => l.split(',').slice(1, 6).join(','))).toEqual([
      `ACC-1,reminder,en,LETTER,${MAILING_DAY}`,
      `ACC-2,reminder,en,LETTER,${MAILING_DAY}`,
    ])
    if (HAS_PDFTOTEXT) {
      const text = pdfText(readFileSync(join(dayDir(slug), 'batch-LETTER.pdf')))
      expect(text).toContain('ACC-1')
      expect(text).toContain('ACC-2')
      expect(text).toContain('1 Main St')
    }
    const journal = await db
      .selectFrom('journal_events')
      .select('payload')
      .where('tenant_id', '=', tenant.id)
      .where('type', '=', 'letters.mailed')
      .execute()
    expect(journal).toHaveLength(2)
    // A process that died after the hand-off, before building the batch: the next start builds it.
    rmSync(join(dayDir(slug), 'batch-LETTER.pdf'))
    writeFileSync(join(dir, '.pending', `${slug}__${MAILING_DAY}`), '')
    await new PrintBatchSender(dir).flush()
    expect(readdirSync(dayDir(slug))).toContain('batch-LETTER.pdf')
  })

  it('records the validation notice’s mailing date on the account, which starts the validation period', async () => {
    const db = store().db
    const slug = `letters-vn-${store().dialect}`
    const { tenant } = await seedOutbox(
      db,
      slug,
      [
        {
          accounts: 1,
          channels: ['letter'],
          debtKind: 'consumer',
          letterAction: { type: 'produce_document', document: 'validation_notice' },
        },
      ],
      { kind: 'agency' },
    )
    expect(await dispatcher().dispatchAll()).toMatchObject({ sent: 1, failed: 0 })
    const account = await db
      .selectFrom('accounts')
      .select('attributes')
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(account.attributes ?? '{}')).toMatchObject({ validationNoticeSentOn: MAILING_DAY })
    const manifest = readFileSync(join(dayDir(slug), 'manifest-LETTER.csv'), 'utf8')
    expect(manifest).toContain(`ACC-1,validation-notice,en,LETTER,${MAILING_DAY}`)
  })

  it('fails a letter that does not apply to the account, with the reason, and prints nothing', async () => {
    const db = store().db
    const slug = `letters-na-${store().dialect}`
    const { tenant, outboxIds } = await seedOutbox(db, slug, [
      {
        accounts: 1,
        channels: ['letter'],
        debtKind: 'consumer',
        letterAction: { type: 'produce_document', document: 'demand_letter' },
      },
    ])
    expect(await dispatcher().dispatchAll()).toMatchObject({ sent: 0, failed: 1 })
    const message = await db
      .selectFrom('messages')
      .select(['status', 'error'])
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    expect(message.status).toBe('failed')
    expect(message.error).toContain('document_not_applicable')
    const outbox = await db.selectFrom('outbox').select('status').where('id', 'in', outboxIds).execute()
    expect(outbox.map((o) => o.status)).toEqual(['cancelled'])
    expect(() => readdirSync(dayDir(slug))).toThrow()
  })

  it('prints no validation notice where none is owed (a German consumer debt): suppressed, not failed', async () => {
    const db = store().db
    const slug = `letters-de-${store().dialect}`
    const { tenant } = await seedOutbox(db, slug, [
      {
        accounts: 1,
        channels: ['letter'],
        debtKind: 'consumer',
        jurisdiction: 'DE',
        letterAction: { type: 'produce_document', document: 'validation_notice' },
      },
    ])
    expect(await dispatcher().dispatchAll()).toMatchObject({ suppressed: 1, failed: 0, sent: 0 })
    const message = await db
      .selectFrom('messages')
      .select(['status', 'compliance'])
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    expect(message.status).toBe('suppressed')
    expect(message.compliance).toContain('outreach.letter-not-required')
  })

  it('prints the letter to the address whose contact point passed the check, not the primary one', async () => {
    const db = store().db
    const slug = `letters-addr-${store().dialect}`
    const { tenant, debtorIds, outboxIds } = await seedOutbox(db, slug, [
      { accounts: 1, channels: ['letter'] },
    ])
    const debtorId = debtorIds[0] as number
    const { id: addressId } = await db
      .insertInto('debtor_addresses')
      .values({
        tenant_id: tenant.id,
        debtor_id: debtorId,
        line1: '99 New Ave',
        line2: null,
        city: 'Boston',
        region: 'MA',
        postal_code: '02108',
        country: 'US',
        time_zone: 'America/New_York',
        is_primary: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const { id: pointId } = await db
      .insertInto('contact_points')
      .values({
        tenant_id: tenant.id,
        debtor_id: debtorId,
        kind: 'postal',
        phone_type: null,
        value: '99 New Ave, Boston, MA 02108, US',
        address_id: addressId,
        consent: 'unknown',
        consent_at: null,
        opted_out_at: null,
        time_zone: 'America/New_York',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db.updateTable('outbox').set({ contact_point_id: pointId }).where('id', 'in', outboxIds).execute()
    expect(await dispatcher().dispatchAll()).toMatchObject({ sent: 1 })
    const manifest = readFileSync(join(dayDir(slug), 'manifest-LETTER.csv'), 'utf8')
    expect(manifest).toContain('99 New Ave')
    expect(manifest).not.toContain('1 Main St')
  })

  it('retries a letter whose rendering broke (not the letter’s fault), and the pass goes on', async () => {
    const db = store().db
    const slug = `letters-broken-${store().dialect}`
    const { tenant } = await seedOutbox(db, slug, [{ accounts: 1, channels: ['letter'] }])
    let calls = 0
    const flaky = new Dispatcher({
      store: store(),
      senders: { letter: sender },
      letters: async (input) => {
        calls++
        if (calls === 1) throw new TypeError('boom')
        return letterDocuments(store())(input)
      },
      links: LINKS,
      now: () => SEND_AT,
    })
    expect(await flaky.dispatchOnce()).toMatchObject({ retried: 1, sent: 0 })
    const message = await db
      .selectFrom('messages')
      .select(['status', 'attempts', 'error'])
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    expect(message).toMatchObject({ status: 'queued', attempts: 1 })
    expect(message.error).toContain('boom')
  })

  it('suppresses a letter to a postal address that opted out, with the send-time reason', async () => {
    const db = store().db
    const slug = `letters-out-${store().dialect}`
    const { tenant } = await seedOutbox(db, slug, [{ accounts: 1, channels: ['letter'] }])
    await db
      .updateTable('contact_points')
      .set({ opted_out_at: '2026-03-01T00:00:00.000Z' })
      .where('tenant_id', '=', tenant.id)
      .execute()
    expect(await dispatcher().dispatchAll()).toMatchObject({ suppressed: 1, sent: 0 })
    const message = await db
      .selectFrom('messages')
      .select(['status', 'compliance'])
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    expect(message.status).toBe('suppressed')
    expect(message.compliance).toContain('outreach.opted-out')
  })
})

it('the print sender keeps one letter per idempotency key, also when handed it again after a crash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'recoup-letters-'))
  try {
    const sender = new PrintBatchSender(dir)
    const model = {
      kind: 'reminder',
      locale: 'en',
      direction: 'ltr',
      title: 'Reminder',
      references: [],
      sender: ['Acme'],
      recipient: ['Debtor 1', '1 Main St', 'US'],
      blocks: [],
      footer: '',
    }
    const message = {
      idempotencyKey: 'acme:1:reminder',
      channel: 'letter' as const,
      to: 'Debtor 1',
      body: 'reminder',
      attachments: [
        { filename: 'r.pdf', contentType: 'application/pdf', bytes: new Uint8Array([37, 80, 68, 70]) },
      ],
      letter: { kind: 'reminder', paper: 'A4' as const, mailingDate: '2026-03-03', model: model as never },
      tenant: 'acme',
      account: 'ACC-1',
    }
    const first = await sender.send(message)
    const again = await sender.send(message)
    expect(first).toMatchObject({ status: 'accepted' })
    expect(again).toEqual(first)
    expect(readdirSync(join(dir, 'acme', '2026-03-03')).filter((f) => f.endsWith('.json'))).toHaveLength(1)
    expect(await sender.send({ ...message, letter: undefined })).toMatchObject({ status: 'permanent' })
    // Handed over again a day later (a crash between the hand-off and its record): the first day stands.
    const later = await sender.send({ ...message, letter: { ...message.letter, mailingDate: '2026-03-04' } })
    expect(later).toEqual({
      status: 'accepted',
      providerMessageId: first.status === 'accepted' ? first.providerMessageId : '',
      mailedOn: '2026-03-03',
    })
    expect(() => readdirSync(join(dir, 'acme', '2026-03-04'))).toThrow()
    // A batch that cannot be built (this record's document is a stub) stays pending for the next pass.
    await expect(new PrintBatchSender(dir).flush()).rejects.toThrow()
    expect(readdirSync(join(dir, '.pending'))).toEqual(['acme__2026-03-03'])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
