import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import type { AppContext } from '../../src/app/app-context.ts'
import { baselineJournal } from '../../src/app/audit/baseline-journal.ts'
import { buildEvidencePack } from '../../src/app/evidence/build-evidence-pack.ts'
import { createPlan } from '../../src/app/money/create-plan.ts'
import { openDispute } from '../../src/app/money/open-dispute.ts'
import { recordPromise } from '../../src/app/money/record-promise.ts'
import { recordVerificationSent } from '../../src/app/money/record-verification-sent.ts'
import { resolveDispute } from '../../src/app/money/resolve-dispute.ts'
import { letterDocuments } from '../../src/app/outreach/dispatch-messages.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import { AppError } from '../../src/core/errors/index.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { Dispatcher } from '../../src/outreach/dispatch/dispatcher.ts'
import { MailSink } from '../../src/outreach/email/mail-sink.ts'
import { SmtpEmailSender } from '../../src/outreach/email/smtp-email-sender.ts'
import { PrintBatchSender } from '../../src/outreach/letters/print-batch-sender.ts'
import { SmsSinkSender } from '../../src/outreach/sms/sms-sink-sender.ts'
import { insertDisputeDocument } from '../../src/store/portal/dispute-document.repository.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { SEND_AT, seedOutbox } from '../outreach/outreach-fixtures.ts'
import { agencyBook, injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'

const SLUG = 'ev-main'
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
/** A small PNG-looking upload: the magic number, then text. */
const EVIDENCE = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('receipt'),
])

function pdfText(pdf: Uint8Array, dir: string): string {
  const file = join(dir, `t-${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, pdf)
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

describeEachDatabase('evidence pack', ({ store }) => {
  const sink = new MailSink()
  const dir = mkdtempSync(join(tmpdir(), 'recoup-evidence-'))
  const letterDir = join(dir, 'letters')
  const dataDir = join(dir, 'data')
  let sender: SmtpEmailSender
  let tenant: Tenant
  let other: Tenant
  let ctx: AppContext
  let app: FastifyInstance

  beforeAll(async () => {
    const port = await sink.listen()
    sender = new SmtpEmailSender({ url: `smtp://127.0.0.1:${port}`, from: 'Acme <billing@acme.example>' })
    const db = store().db
    const seeded = await seedOutbox(
      db,
      SLUG,
      [
        { accounts: 2, channels: ['email', 'sms', 'letter'] },
        { accounts: 1, channels: ['email'] },
      ],
      { consolidate: false },
    )
    tenant = seeded.tenant
    // The other tenant has an ACC-1 of its own, and no ACC-2.
    other = (await seedOutbox(db, 'ev-other', [{ accounts: 1, channels: ['email'] }])).tenant
    // The phone is opted out after the decision: the SMS is refused at send time, with its rule.
    await db
      .updateTable('contact_points')
      .set({ opted_out_at: '2026-03-02T20:00:00.000Z' })
      .where('debtor_id', '=', seeded.debtorIds[0] as number)
      .where('kind', '=', 'phone')
      .execute()
    await new Dispatcher({
      store: store(),
      senders: { email: sender, sms: new SmsSinkSender(dir), letter: new PrintBatchSender(letterDir) },
      letters: letterDocuments(store()),
      links: { replyDomain: 'replies.example.test', publicUrl: 'https://collect.example.test' },
      now: () => SEND_AT,
    }).dispatchAll()
    ctx = { store: store(), actor: systemActor(tenant, 'test') }
    // The fixture writes its charges without journal covers: vouch for them, as an operator would.
    await baselineJournal(ctx, { reason: 'fixture books' })
    await postPayment(ctx, {
      account: 'ACC-1',
      amount: '10.00',
      reference: 'EV-P1',
      receivedOn: '2026-03-05',
      source: 'api',
    })
    await recordPromise(ctx, {
      account: 'ACC-1',
      amount: '20.00',
      dueOn: '2026-03-25',
      channel: 'phone',
      takenBy: 'test',
      takenOn: '2026-03-06',
    })
    await createPlan(ctx, {
      account: 'ACC-2',
      instalments: 2,
      firstDueOn: '2026-04-05',
      agreedOn: '2026-03-06',
    })
    const dispute = await openDispute(ctx, { account: 'ACC-1', reason: 'not mine', written: true })
    await recordVerificationSent(ctx, { disputeId: dispute.disputeId })
    await resolveDispute(ctx, { disputeId: dispute.disputeId, for: 'creditor' })
    const account = await db
      .selectFrom('accounts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('external_id', '=', 'ACC-1')
      .executeTakeFirstOrThrow()
    mkdirSync(join(dataDir, 'disputes', String(tenant.id)), { recursive: true })
    writeFileSync(join(dataDir, 'disputes', String(tenant.id), 'e1.png'), EVIDENCE)
    await insertDisputeDocument(db, {
      tenantId: tenant.id,
      accountId: account.id,
      disputeId: dispute.disputeId,
      storedName: 'e1.png',
      contentType: 'image/png',
      sizeBytes: EVIDENCE.length,
      sha256: sha(EVIDENCE),
      uploadedBy: 'debtor:1',
    })
    app = await buildServer(store(), {
      logger: false,
      uploads: { dataDir, limitBytes: 1024 * 1024 },
      letterDir,
    })
  })
  afterAll(async () => {
    await app?.close()
    sender?.close()
    await sink.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('holds the statement, communications with their checks, letters, disputes, payments and the journal', async () => {
    const pack = await buildEvidencePack(ctx, {
      accounts: ['ACC-1', 'ACC-2'],
      header: {
        title: 'Acme v. Debtor 1',
        lines: ['Claim no. K00AB123', 'County Court Money Claims Centre'],
      },
      dataDir,
      letterDir,
    })
    const text = pdfText(pack.pdf, dir)
    // EVIDENCE_PACK_OUT=file.pdf keeps the pack, to look at it.
    if (process.env.EVIDENCE_PACK_OUT) writeFileSync(process.env.EVIDENCE_PACK_OUT, pack.pdf)
    for (const heading of [
      'Acme v. Debtor 1',
      'Claim no. K00AB123',
      '1. Account statement',
      '2. Communications',
      '3. Notices and letters, with proof of mailing',
      '4. Disputes and answers',
      '5. Payments',
      '6. Promises, plans and settlements',
      '7. Journal verification',
      '8. Files in the ZIP',
    ])
      expect(text, heading).toContain(heading)
    // ACC-1: a charge of 120.01 less the payment of 10.00.
    expect(text).toContain('120.01')
    expect(text).toContain('110.01 USD')
    expect(text).toContain('EV-P1')
    expect(text).toContain('reminder_1')
    expect(text).toMatch(/block: [a-z]/)
    expect(text).toContain('print-batch')
    expect(text).toContain('not mine')
    expect(text).toContain('Journal intact')
    expect(text).toMatch(/dispute-\d+-evidence-\d+\.png/)
    expect(pack.manifest.journal.intact).toBe(true)
  })

  it('zips the originals with a manifest whose SHA-256 match the files', async () => {
    const pack = await buildEvidencePack(ctx, { accounts: ['ACC-1'], dataDir, letterDir })
    const zipFile = join(dir, 'pack.zip')
    writeFileSync(zipFile, pack.zip)
    expect(execFileSync('unzip', ['-t', zipFile], { encoding: 'utf8' })).toContain('No errors detected')
    const manifest = JSON.parse(execFileSync('unzip', ['-p', zipFile, 'manifest.json'], { encoding: 'utf8' }))
    const paths = manifest.files.map((f: { path: string }) => f.path)
    expect(paths).toEqual(
      expect.arrayContaining(['pack.pdf', 'statement.csv', 'communications.csv', 'communications.json']),
    )
    expect(paths.some((p: string) => p.startsWith('letters/') && p.endsWith('.pdf'))).toBe(true)
    expect(paths.some((p: string) => p.startsWith('dispute-evidence/'))).toBe(true)
    for (const f of manifest.files as { path: string; sha256: string; bytes: number }[]) {
      const bytes = execFileSync('unzip', ['-p', zipFile, f.path])
      expect(bytes.length, f.path).toBe(f.bytes)
      expect(sha(bytes), f.path).toBe(f.sha256)
    }
    const evidence = manifest.files.find((f: { path: string }) => f.path.startsWith('dispute-evidence/'))
    expect(evidence.sha256).toBe(sha(EVIDENCE))
    expect(sha(execFileSync('unzip', ['-p', zipFile, 'pack.pdf']))).toBe(pack.sha256.pdf)
    const statement = execFileSync('unzip', ['-p', zipFile, 'statement.csv'], { encoding: 'utf8' })
    expect(statement.split('\r\n')[0]).toContain('balance')
    expect(statement).toContain('110.01')
    // Each export is journaled with who exported which debtor's accounts.
    const event = await store()
      .db.selectFrom('journal_events')
      .select(['actor', 'subject', 'payload'])
      .where('tenant_id', '=', tenant.id)
      .where('seq', '=', pack.journalSeq)
      .executeTakeFirstOrThrow()
    expect(event.actor).toBe('system:test')
    expect(JSON.parse(event.payload)).toMatchObject({
      debtor: 'D-1',
      accounts: ['ACC-1'],
      sha256: pack.sha256,
    })
  })

  it("refuses another tenant's account, an unknown one and accounts of two debtors", async () => {
    const otherCtx = { store: store(), actor: systemActor(other, 'test') }
    await expect(
      buildEvidencePack(otherCtx, { accounts: ['ACC-2'], dataDir, letterDir }),
    ).rejects.toMatchObject({ code: 'account_not_found' })
    const unknown = await buildEvidencePack(ctx, { accounts: ['ACC-1', 'NOPE-9'], dataDir, letterDir }).catch(
      (e: unknown) => e,
    )
    expect(unknown).toBeInstanceOf(AppError)
    expect((unknown as AppError).code).toBe('account_not_found')
    expect((unknown as AppError).message).toContain('"NOPE-9"')
    await expect(
      buildEvidencePack(ctx, { accounts: ['ACC-1', 'ACC-3'], dataDir, letterDir }),
    ).rejects.toMatchObject({ code: 'invalid_option' })
    await expect(
      buildEvidencePack(ctx, { accounts: ['ACC-1'], asOf: '2026-02-30', dataDir, letterDir }),
    ).rejects.toMatchObject({ code: 'invalid_date' })
  })

  it("keeps an agency user to their clients' accounts", async () => {
    const book = await agencyBook(store(), 'ev-agency')
    const north = await store()
      .db.selectFrom('clients')
      .select('id')
      .where('tenant_id', '=', book.id)
      .where('external_id', '=', 'north')
      .executeTakeFirstOrThrow()
    const limited = {
      store: store(),
      actor: { ...systemActor(book, 'n'), roles: ['manager' as const], clientIds: [north.id] },
    }
    const own = await buildEvidencePack(limited, { accounts: ['N-1'], dataDir, letterDir: null })
    expect(own.manifest.accounts).toEqual(['N-1'])
    await expect(
      buildEvidencePack(limited, { accounts: ['S-1'], dataDir, letterDir: null }),
    ).rejects.toMatchObject({
      code: 'account_not_found',
    })
  })

  it('serves the PDF and the ZIP over HTTP to managers only, 404 for other tenants', async () => {
    const manager = await injectAs(app, store(), SLUG, 'manager')
    const base = `/api/v1/tenants/${SLUG}/accounts/ACC-1/evidence-pack`
    const pdf = await manager(
      `${base}.pdf?account=ACC-2&asOf=2026-03-20&paper=letter&title=Case%2017&line=Court%20X`,
    )
    expect(pdf.statusCode, pdf.body).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    const zip = await manager(`${base}.zip`)
    expect(zip.statusCode).toBe(200)
    expect(zip.headers['content-type']).toBe('application/zip')
    expect(zip.headers['x-evidence-sha256']).toBe(sha(zip.rawPayload))
    const collector = await injectAs(app, store(), SLUG, 'collector')
    expect((await collector(`${base}.pdf`)).statusCode).toBe(403)
    const outsider = await injectAs(app, store(), 'ev-other', 'admin')
    expect((await outsider(`${base}.pdf`)).statusCode).toBe(404)
    const missing = await outsider('/api/v1/tenants/ev-other/accounts/ACC-2/evidence-pack.zip')
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('account_not_found')
  })
})
