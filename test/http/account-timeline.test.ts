import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { addHardshipPause } from '../../src/app/money/add-hardship-pause.ts'
import { createPlan } from '../../src/app/money/create-plan.ts'
import { openDispute } from '../../src/app/money/open-dispute.ts'
import { recordPromise } from '../../src/app/money/record-promise.ts'
import { recordVerificationSent } from '../../src/app/money/record-verification-sent.ts'
import { resolveDispute } from '../../src/app/money/resolve-dispute.ts'
import { writeOffAccount } from '../../src/app/money/write-off-account.ts'
import { letterDocuments } from '../../src/app/outreach/dispatch-messages.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import { getAccountTimeline } from '../../src/app/records/get-account-timeline.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { Dispatcher } from '../../src/outreach/dispatch/dispatcher.ts'
import { MailSink } from '../../src/outreach/email/mail-sink.ts'
import { SmtpEmailSender } from '../../src/outreach/email/smtp-email-sender.ts'
import { PrintBatchSender } from '../../src/outreach/letters/print-batch-sender.ts'
import { SmsSinkSender } from '../../src/outreach/sms/sms-sink-sender.ts'
import { writeLedgerLines } from '../../src/store/ledger.repository.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { SEND_AT, seedOutbox } from '../outreach/outreach-fixtures.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { apiOperations, responseChecker } from '../support/openapi-operations.ts'
import { walk } from './records-fixtures.ts'

const SLUG = 'tl-main'
const BASE = `/api/v1/tenants/${SLUG}/accounts`
/** New York before the 2026 DST change (8 March): midnight there is 05:00 UTC. */
const NY_OFFSET_MS = 5 * 3_600_000
const BULK_ENTRIES = 700
const BULK_CALLS = 240
const BULK_DECISIONS = 90

type Item = {
  id: string
  kind: string
  at: string
  title: string
  details: Record<string, unknown>
}

/** The instant an item sorts at, computed here without the server's code: dates are NY midnight. */
const sortMs = (at: string) =>
  at.length === 10 ? Date.parse(`${at}T00:00:00Z`) + NY_OFFSET_MS : Date.parse(at)

describeEachDatabase('account timeline', ({ store }) => {
  const sink = new MailSink()
  const dir = mkdtempSync(join(tmpdir(), 'recoup-timeline-'))
  let sender: SmtpEmailSender
  let app: FastifyInstance
  let as: Awaited<ReturnType<typeof injectAs>>
  let tenant: Tenant
  let accountId: number

  beforeAll(async () => {
    const port = await sink.listen()
    sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${port}`, from: 'Acme <billing@acme.example>' })
    const db = store().db
    const seeded = await seedOutbox(db, SLUG, [{ accounts: 2, channels: ['email', 'sms', 'letter'] }], {
      consolidate: false,
    })
    tenant = seeded.tenant
    // The other tenant has an ACC-1 too: nothing of it may show.
    await seedOutbox(db, 'tl-other', [{ accounts: 1, channels: ['email'] }])
    // An opt-out on the phone after the decision: the SMS is refused at send time with its rule.
    await db
      .updateTable('contact_points')
      .set({ opted_out_at: '2026-03-02T20:00:00.000Z' })
      .where('debtor_id', '=', seeded.debtorIds[0] as number)
      .where('kind', '=', 'phone')
      .execute()
    await new Dispatcher({
      store: store(),
      senders: { email: sender, sms: new SmsSinkSender(dir), letter: new PrintBatchSender(dir) },
      letters: letterDocuments(store()),
      links: { replyDomain: 'replies.example.test', publicUrl: 'https://collect.example.test' },
      now: () => SEND_AT,
    }).dispatchAll()
    const account = await db
      .selectFrom('accounts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('external_id', '=', 'ACC-1')
      .executeTakeFirstOrThrow()
    accountId = account.id
    const ctx = { store: store(), actor: systemActor(tenant, 'test') }
    await postPayment(ctx, {
      account: 'ACC-1',
      amount: '10.00',
      reference: 'TL-P1',
      receivedOn: '2026-03-01',
      source: 'api',
    })
    await recordPromise(ctx, {
      account: 'ACC-1',
      amount: '20.00',
      dueOn: '2026-03-10',
      channel: 'phone',
      takenBy: 'test',
      takenOn: '2026-03-02',
    })
    await createPlan(ctx, {
      account: 'ACC-1',
      instalments: 2,
      firstDueOn: '2026-03-05',
      agreedOn: '2026-03-02',
    })
    const dispute = await openDispute(ctx, { account: 'ACC-1', reason: 'not mine', written: true })
    await recordVerificationSent(ctx, { disputeId: dispute.disputeId })
    await resolveDispute(ctx, { disputeId: dispute.disputeId, for: 'creditor' })
    await addHardshipPause(ctx, {
      account: 'ACC-1',
      reason: 'job loss',
      from: '2026-04-01',
      to: '2026-04-30',
    })
    await writeOffAccount(ctx, { account: 'ACC-2', reason: 'uncollectable' })
    // Bulk history with many equal dates and instants across kinds: ties must break the same way on every page.
    await db.transaction().execute(async (trx) => {
      await writeLedgerLines(
        trx,
        Array.from({ length: BULK_ENTRIES }, (_, n) => ({
          tenantId: tenant.id,
          accountId,
          kind: 'adjustment' as const,
          amountMinor: n % 2 === 0 ? 1 : -1,
          effectiveOn: `2025-${String(7 + (n % 6)).padStart(2, '0')}-0${1 + (n % 3)}`,
          externalId: `bulk-${n}`,
          memo: 'bulk',
        })),
      )
      for (let n = 0; n < BULK_DECISIONS; n++)
        await trx
          .insertInto('decisions')
          .values({
            tenant_id: tenant.id,
            account_id: accountId,
            as_of: `2025-${String(7 + (n % 6)).padStart(2, '0')}-0${1 + (n % 3)}`,
            trigger: 'event',
            trigger_ref: `bulk:${n}`,
            run_id: null,
            playbook_id: 'test',
            playbook_version: 1,
            variant: 'A',
            from_stage: n % 3 === 0 ? 'reminder' : 'soft',
            to_stage: 'soft',
            trace: JSON.stringify({
              fired: ['enter "soft": daysPastDue >= 15'],
              segment: 'all',
              actions: [],
            }),
            error: null,
          })
          .execute()
      for (let n = 0; n < BULK_CALLS; n++)
        await trx
          .insertInto('call_tasks')
          .values({
            tenant_id: tenant.id,
            account_id: accountId,
            debtor_id: seeded.debtorIds[0] as number,
            contact_point_id: null,
            outbox_id: null,
            follows_task_id: null,
            // 24 distinct instants, ten tasks each; some at NY midnight, where dated items also sort.
            due_at: new Date(Date.parse('2025-09-01T05:00:00.000Z') + (n % 24) * 43_200_000).toISOString(),
            status: 'open',
            assigned_user_id: null,
            priority: 100,
            script: 'call',
          })
          .execute()
    })
    app = await buildServer(store(), { logger: false })
    as = await injectAs(app, store(), SLUG, 'collector')
  })
  afterAll(async () => {
    await app?.close()
    sender?.close()
    await sink.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('walks every item once, newest first, the same whatever the page size', async () => {
    const whole = (await walk(as, `${BASE}/ACC-1/timeline?limit=1000`)) as Item[]
    expect(whole.length).toBeGreaterThan(1000)
    const ids = whole.map((i) => i.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (let n = 1; n < whole.length; n++)
      expect(sortMs((whole[n - 1] as Item).at)).toBeGreaterThanOrEqual(sortMs((whole[n] as Item).at))
    for (const limit of [7, 100, 333]) {
      const paged = (await walk(as, `${BASE}/ACC-1/timeline?limit=${limit}`, 400)) as Item[]
      expect(
        paged.map((i) => i.id),
        `limit ${limit}`,
      ).toEqual(ids)
    }
    // One item a page, over the newest 40 (a whole walk by one proves no more and takes long).
    let cursor = ''
    for (const id of ids.slice(0, 40)) {
      const page = (await as(`${BASE}/ACC-1/timeline?limit=1${cursor}`)).json() as {
        items: Item[]
        nextCursor: string
      }
      expect(page.items.map((i) => i.id)).toEqual([id])
      cursor = `&cursor=${page.nextCursor}`
    }
  })

  it('answers pages whose every item matches its kind in the OpenAPI document', async () => {
    const operation = (await apiOperations(app)).find(
      (o) => o.method === 'GET' && o.path.endsWith('/accounts/{account}/timeline'),
    )
    if (!operation) throw new Error('no timeline operation in /openapi.json')
    const check = responseChecker()
    for (const account of ['ACC-1', 'ACC-2']) {
      let url = `${BASE}/${account}/timeline?limit=1000`
      for (;;) {
        const response = await as(url)
        expect(check(operation, response).join('\n')).toEqual('')
        const next = (response.json() as { nextCursor: string | null }).nextCursor
        if (next === null) break
        url = `${BASE}/${account}/timeline?limit=1000&cursor=${next}`
      }
    }
  })

  it('counts each kind as the tables hold it, and nothing of another account or tenant', async () => {
    const db = store().db
    const items = (await walk(as, `${BASE}/ACC-1/timeline?limit=1000`)) as Item[]
    const count = (kind: string) => items.filter((i) => i.kind === kind).length
    const ledger = await db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow()
    expect(count('transaction')).toBe(Number(ledger.n))
    expect(count('call')).toBe(BULK_CALLS)
    const decisions = await db
      .selectFrom('decisions')
      .select(['from_stage', 'to_stage', 'error'])
      .where('account_id', '=', accountId)
      .execute()
    expect(count('decision')).toBe(decisions.length)
    expect(count('stage_change')).toBe(
      decisions.filter((d) => d.error === null && (d.from_stage === null || d.from_stage !== d.to_stage))
        .length,
    )
    expect(count('dispute')).toBe(3)
    expect(count('promise')).toBe(1)
    expect(count('plan')).toBe(1)
    expect(count('hardship')).toBe(1)
    expect(count('message')).toBe(2)
    expect(count('document')).toBe(1)
    // ACC-2's write-off and the other tenant's ACC-1 stay out.
    expect(items.some((i) => i.kind === 'journal' && i.title.includes('written off'))).toBe(false)
    const acc2 = (await walk(as, `${BASE}/ACC-2/timeline`)) as Item[]
    expect(acc2.some((i) => i.kind === 'journal' && i.details.type === 'account.written_off')).toBe(true)
    expect(acc2.some((i) => i.kind === 'transaction' && i.details.entryKind === 'write_off')).toBe(true)
  })

  it('shows a blocked message with the rule and reason that blocked it, and a letter with its PDF path', async () => {
    const page = (await as(`${BASE}/ACC-1/timeline?kinds=message,document`)).json() as { items: Item[] }
    const sms = page.items.find((i) => i.details.channel === 'sms')
    expect(sms?.details.compliance).toMatchObject({ outcome: 'blocked' })
    const check = sms?.details.compliance as {
      ruleIds: string[]
      reasons: { ruleId: string; message: string }[]
    }
    expect(check.ruleIds.length).toBeGreaterThan(0)
    expect(check.reasons[0]?.message).toMatch(/opt/i)
    expect(sms?.title).toContain(check.ruleIds[0])
    const email = page.items.find((i) => i.details.channel === 'email')
    expect(email?.details).toMatchObject({
      template: 'reminder_1',
      compliance: { outcome: 'allowed', ruleIds: [] },
    })
    const letter = page.items.find((i) => i.kind === 'document')
    expect(letter).toMatchObject({ status: 'sent', details: { documentKind: 'reminder' } })
    expect(letter?.details.compliance).toMatchObject({ outcome: 'allowed' })
    expect(letter?.details.pdfPath).toBe(
      `/api/v1/tenants/${SLUG}/accounts/ACC-1/documents/reminder.pdf?mailingDate=2026-03-03`,
    )
    const pdf = await as(String(letter?.details.pdfPath))
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
  })

  it('filters by kind and pages a filtered list the same', async () => {
    const calls = (await walk(as, `${BASE}/ACC-1/timeline?kinds=call,dispute&limit=9`)) as Item[]
    expect(calls.filter((i) => i.kind === 'call')).toHaveLength(BULK_CALLS)
    expect(calls.filter((i) => i.kind === 'dispute').map((i) => i.details.event)).toEqual([
      'resolved',
      'verification_sent',
      'opened',
    ])
    expect(calls.every((i) => i.kind === 'call' || i.kind === 'dispute')).toBe(true)
  })

  it('refuses bad cursors, a cursor of another filter, bad kinds and limits with 400', async () => {
    const first = (await as(`${BASE}/ACC-1/timeline?limit=5`)).json() as { nextCursor: string }
    const other = await as(`${BASE}/ACC-1/timeline?limit=5&kinds=call&cursor=${first.nextCursor}`)
    expect(other.statusCode).toBe(400)
    expect(other.json().error.code).toBe('invalid_cursor')
    for (const cursor of ['nope', Buffer.from('{"k":1}').toString('base64url'), 'x'.repeat(2000)]) {
      const bad = await as(`${BASE}/ACC-1/timeline?cursor=${cursor}`)
      expect(bad.statusCode, cursor).toBe(400)
      expect(['invalid_cursor', 'invalid_request']).toContain(bad.json().error.code)
    }
    expect((await as(`${BASE}/ACC-1/timeline?kinds=letters`)).json().error.code).toBe('invalid_option')
    expect((await as(`${BASE}/ACC-1/timeline?limit=1001`)).statusCode).toBe(400)
  })

  it("answers 404 for another tenant's account, a missing one and one outside the actor's clients", async () => {
    expect((await as(`${BASE}/ACC-404/timeline`)).json().error.code).toBe('account_not_found')
    const otherTenant = await as('/api/v1/tenants/tl-other/accounts/ACC-1/timeline')
    expect(otherTenant.statusCode).toBe(404)
    expect(otherTenant.json().error.code).toBe('tenant_not_found')
    const limited = { ...systemActor(tenant, 'test'), clientIds: [] }
    await expect(
      getAccountTimeline({ store: store(), actor: limited }, { account: 'ACC-1' }),
    ).rejects.toMatchObject({
      code: 'account_not_found',
    })
  })
})
