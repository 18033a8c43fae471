import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, localDateAt } from '../../src/core/calendar/local-date.ts'
import { portalLinkFor } from '../../src/core/portal/portal-link.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { linkToken, PORTAL_SETTINGS, portalBook, portalLogin, tempDataDir } from './portal-fixtures.ts'

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 0x20)])
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])

describeEachDatabase('debtor portal API', ({ store }) => {
  let app: FastifyInstance
  let book: Awaited<ReturnType<typeof portalBook>>
  let other: Awaited<ReturnType<typeof portalBook>>
  let dataDir: string
  const journal = async (actor: string) =>
    store()
      .db.selectFrom('journal_events')
      .select(['type', 'actor', 'subject'])
      .where('tenant_id', '=', book.tenant.id)
      .where('actor', '=', actor)
      .orderBy('seq')
      .execute()

  beforeAll(async () => {
    book = await portalBook(store(), 'portal')
    other = await portalBook(store(), 'elsewhere')
    dataDir = tempDataDir()
    app = await buildServer(store(), {
      logger: false,
      uploads: { dataDir, limitBytes: 10 * 1024 * 1024 },
      portal: { settings: PORTAL_SETTINGS, attempts: { perToken: 100, perAddress: 1000 } },
    })
  })
  afterAll(async () => app?.close())

  describe('links and verification', () => {
    it('issues a signed link for an account, and opens a session with the reference and a detail', async () => {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/tenants/portal/accounts/${book.a.ref}/portal-link`,
        headers: book.staff,
      })
      expect(response.statusCode).toBe(201)
      const { url, expiresAt } = response.json()
      expect(url).toMatch(/^https:\/\/pay\.example\.test\/pay\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
      const days = (new Date(expiresAt).getTime() - Date.now()) / 86_400_000
      expect(days).toBeGreaterThan(13.9)
      expect(days).toBeLessThanOrEqual(14)
      const token = url.slice(url.indexOf('/pay/') + 5)
      const session = await portalLogin(app, { token, reference: book.a.ref, dateOfBirth: '1980-04-05' })
      expect(session.setCookie).toMatch(
        /^recoup_portal=rcp_p_[^;]+; Path=\/api\/v1\/portal; HttpOnly; SameSite=Strict/,
      )
      const bToken = await linkToken(app, 'portal', book.b.ref, book.staff)
      // Postcodes compare without case or spaces.
      await portalLogin(app, { token: bToken, reference: book.b.ref, postcode: 'sw1a1aa ' })
    })

    it('answers every failure with the same 401 body', async () => {
      const token = await linkToken(app, 'portal', book.a.ref, book.staff)
      const [body, signature] = token.split('.') as [string, string]
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString())
      const forged = `${Buffer.from(JSON.stringify({ ...payload, a: book.b.id })).toString('base64url')}.${signature}`
      const expired = portalLinkFor(
        PORTAL_SETTINGS,
        { tenantId: book.tenant.id, accountId: book.a.id },
        new Date(Date.now() - 15 * 86_400_000),
      ).token
      const unknown = portalLinkFor(
        PORTAL_SETTINGS,
        { tenantId: book.tenant.id, accountId: 999_999 },
        new Date(),
      ).token
      const otherSecret = portalLinkFor(
        { ...PORTAL_SETTINGS, secret: 'another-secret-another-secret-12345' },
        { tenantId: book.tenant.id, accountId: book.a.id },
        new Date(),
      ).token
      const attempts = [
        { token: forged, reference: book.b.ref, postcode: 'SW1A 1AA' },
        { token: `${token.slice(0, -2)}AA`, reference: book.a.ref, dateOfBirth: '1980-04-05' },
        { token: expired, reference: book.a.ref, dateOfBirth: '1980-04-05' },
        { token: unknown, reference: book.a.ref, dateOfBirth: '1980-04-05' },
        { token: otherSecret, reference: book.a.ref, dateOfBirth: '1980-04-05' },
        { token, reference: book.b.ref, dateOfBirth: '1980-04-05' },
        { token, reference: book.a.ref, dateOfBirth: '1980-04-06' },
        { token, reference: book.a.ref, postcode: 'SW1A 1AA' },
        { token: 'not-a-token', reference: book.a.ref, postcode: '12207' },
      ]
      const bodies = new Set<string>()
      for (const attempt of attempts) {
        const started = Date.now()
        const response = await app.inject({ method: 'POST', url: '/api/v1/portal/session', payload: attempt })
        expect(response.statusCode, JSON.stringify(attempt)).toBe(401)
        expect(Date.now() - started).toBeGreaterThanOrEqual(240)
        expect(response.headers['set-cookie']).toBeUndefined()
        bodies.add(response.body)
      }
      expect(bodies.size).toBe(1)
      expect(JSON.parse([...bodies][0] ?? '{}').error.code).toBe('portal_verification_failed')
    })

    it("refuses a link for another tenant's account (404) and bad identity input with a clear 400", async () => {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/tenants/portal/accounts/${other.a.ref}/portal-link`,
        headers: book.staff,
      })
      expect(response.statusCode).toBe(404)
      const token = await linkToken(app, 'portal', book.a.ref, book.staff)
      const both = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/session',
        payload: { token, reference: book.a.ref, dateOfBirth: '1980-04-05', postcode: '12207' },
      })
      expect(both.statusCode).toBe(400)
      const badDate = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/session',
        payload: { token, reference: book.a.ref, dateOfBirth: '1980-02-30' },
      })
      expect(badDate.json().error.code).toBe('invalid_date')
    })

    it('limits attempts per link token: the sixth in 15 minutes is 429', async () => {
      const limited = await buildServer(store(), {
        logger: false,
        portal: { settings: PORTAL_SETTINGS, attempts: { perToken: 5, perAddress: 100 } },
      })
      const token = await linkToken(limited, 'portal', book.a.ref, book.staff)
      const statuses: number[] = []
      for (let n = 0; n < 6; n++) {
        const response = await limited.inject({
          method: 'POST',
          url: '/api/v1/portal/session',
          payload: { token, reference: book.a.ref, dateOfBirth: '1999-01-01' },
        })
        statuses.push(response.statusCode)
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
      // Even the right details are refused on that link now; another link still works.
      const right = await limited.inject({
        method: 'POST',
        url: '/api/v1/portal/session',
        payload: { token, reference: book.a.ref, dateOfBirth: '1980-04-05' },
      })
      expect(right.statusCode).toBe(429)
      expect(right.headers['retry-after']).toBeDefined()
      await limited.close()
    })
  })

  describe('a link answered wrong too often', () => {
    it('is locked for good after 10 failures, journaled; the right details fail on it too; a new link works', async () => {
      const token = await linkToken(app, 'portal', book.b.ref, book.staff)
      const attempt = (link: string, postcode: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/portal/session',
          payload: { token: link, reference: book.b.ref, postcode },
        })
      for (let n = 0; n < 9; n++) expect((await attempt(token, `ZZ${n} 9ZZ`)).statusCode).toBe(401)
      // Nine failures: the right details still open it (and a session resets nothing).
      expect((await attempt(token, 'SW1A 1AA')).statusCode).toBe(200)
      const tenth = await attempt(token, 'ZZ9 9ZZ')
      expect(tenth.statusCode).toBe(401)
      const right = await attempt(token, 'SW1A 1AA')
      expect(right.statusCode).toBe(401)
      expect(right.body).toBe(tenth.body)
      const locked = await store()
        .db.selectFrom('journal_events')
        .select(['actor', 'subject'])
        .where('tenant_id', '=', book.tenant.id)
        .where('type', '=', 'portal.link_locked')
        .execute()
      expect(locked).toEqual([{ actor: 'system:portal', subject: `account:${book.b.id}` }])
      // Links are signed to the second: the next second's link is a new one.
      await new Promise((resolve) => setTimeout(resolve, 1_100))
      const fresh = await linkToken(app, 'portal', book.b.ref, book.staff)
      expect(fresh).not.toBe(token)
      expect((await attempt(fresh, 'SW1A 1AA')).statusCode).toBe(200)
    })
  })

  describe('sessions', () => {
    it('keeps staff credentials off the portal and portal cookies off the staff API', async () => {
      const session = await portalSessionOf('a')
      const staffOnPortal = await app.inject({ url: '/api/v1/portal/account', headers: book.staff })
      expect(staffOnPortal.statusCode).toBe(401)
      const portalOnStaff = await app.inject({
        url: `/api/v1/tenants/portal/accounts/${book.a.ref}`,
        headers: { cookie: session.cookie },
      })
      expect(portalOnStaff.statusCode).toBe(401)
      const both = await app.inject({
        url: '/api/v1/portal/account',
        headers: { cookie: session.cookie, ...book.staff },
      })
      expect(both.statusCode).toBe(401)
    })

    it('needs the CSRF token on every change', async () => {
      const session = await portalSessionOf('a')
      const without = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/hardship',
        headers: { cookie: session.cookie },
        payload: { reason: 'lost my job' },
      })
      expect(without.statusCode).toBe(403)
      expect(without.json().error.code).toBe('csrf_failed')
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/hardship',
        headers: { cookie: session.cookie, 'x-csrf-token': 'nope' },
        payload: { reason: 'lost my job' },
      })
      expect(wrong.statusCode).toBe(403)
    })

    it('ends a session after 15 idle minutes, after 60 minutes, and at logout', async () => {
      const idle = await portalSessionOf('a')
      const hash = async (cookie: string) => {
        const { tokenHash } = await import('../../src/app/auth/credentials.ts')
        return tokenHash(cookie.slice(cookie.indexOf('=') + 1))
      }
      await store()
        .db.updateTable('portal_sessions')
        .set({ last_seen_at: new Date(Date.now() - 16 * 60_000).toISOString() })
        .where('token_hash', '=', await hash(idle.cookie))
        .execute()
      expect((await app.inject({ url: '/api/v1/portal/account', headers: idle })).statusCode).toBe(401)
      const old = await portalSessionOf('a')
      await store()
        .db.updateTable('portal_sessions')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('token_hash', '=', await hash(old.cookie))
        .execute()
      expect((await app.inject({ url: '/api/v1/portal/account', headers: old })).statusCode).toBe(401)
      const live = await portalSessionOf('a')
      expect((await app.inject({ url: '/api/v1/portal/account', headers: live })).statusCode).toBe(200)
      const out = await app.inject({ method: 'POST', url: '/api/v1/portal/logout', headers: live })
      expect(out.statusCode).toBe(204)
      expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/)
      expect((await app.inject({ url: '/api/v1/portal/account', headers: live })).statusCode).toBe(401)
    })
  })

  describe('the account and its documents', () => {
    it('shows the balance itemised, disclosures, documents and the policy options', async () => {
      const session = await portalSessionOf('a')
      const response = await app.inject({ url: '/api/v1/portal/account', headers: session })
      expect(response.statusCode, response.body).toBe(200)
      const view = response.json()
      expect(view.account).toMatchObject({
        reference: book.a.ref,
        client: 'North Bank',
        currency: 'USD',
        collector: 'portal Collections',
      })
      expect(view.balance.totalMinor).toBeGreaterThan(0)
      expect(view.balance.components.map((c: { component: string }) => c.component).sort()).toEqual([
        'fee',
        'principal',
      ])
      expect(view.disclosures.map((d: { id: string }) => d.id)).toContain(
        'us.fdcpa.debt-collector-disclosure',
      )
      // Each text says its language: the compliance line is the debtor's, the official wording English.
      for (const d of view.disclosures as { id: string; language: string }[])
        expect(d.language, d.id).toBe(
          d.id === 'us.fdcpa.debt-collector-disclosure' ? view.debtor.locale : 'en',
        )
      expect(view.documents).toEqual([
        { kind: 'statement', sentOn: null, url: '/api/v1/portal/documents/statement.pdf' },
      ])
      expect(view.options.plan).toMatchObject({
        maxMonths: 12,
        minInstalmentMinor: 2500,
        maxDiscountPercent: '10',
      })
    })

    it("renders the account's statement, and no document it was not sent", async () => {
      const session = await portalSessionOf('a')
      const statement = await app.inject({ url: '/api/v1/portal/documents/statement.pdf', headers: session })
      expect(statement.statusCode).toBe(200)
      expect(statement.headers['content-type']).toBe('application/pdf')
      expect(statement.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
      const notice = await app.inject({
        url: '/api/v1/portal/documents/validation-notice.pdf',
        headers: session,
      })
      expect(notice.statusCode).toBe(404)
      expect(notice.json().error.code).toBe('document_not_found')
    })
  })

  describe("the debtor's acts", () => {
    it('records each act with the debtor as actor and re-decides the account', async () => {
      const session = await portalSessionOf('a')
      const decisionsBefore = await decisionCount(book.a.id)
      const post = (url: string, payload: object) =>
        app.inject({ method: 'POST', url: `/api/v1/portal${url}`, headers: session, payload })
      const promise = await post('/promises', { amount: '50.00', dueOn: inDays(10) })
      expect(promise.statusCode, promise.body).toBe(201)
      const dispute = await post('/disputes', { reason: 'I paid this already', amount: '25.00' })
      expect(dispute.statusCode, dispute.body).toBe(201)
      const hardship = await post('/hardship', { reason: 'lost my job' })
      expect(hardship.statusCode, hardship.body).toBe(201)
      const attorney = await post('/attorney', { name: 'Sam Counsel', email: 'sam@law.test' })
      expect(attorney.statusCode, attorney.body).toBe(201)
      const preferences = await app.inject({
        method: 'PATCH',
        url: '/api/v1/portal/preferences',
        headers: session,
        payload: { language: 'es', optOut: ['sms'], inconvenientTimes: [{ from: '18:00', to: '21:00' }] },
      })
      expect(preferences.statusCode, preferences.body).toBe(200)
      const actor = `debtor:${book.a.debtorId}`
      const types = (await journal(actor)).map((e) => e.type)
      for (const type of [
        'portal.session_started',
        'promise.recorded',
        'dispute.opened',
        'hardship.pause_added',
        'debtor.attorney_named',
        'debtor.preferences_changed',
      ])
        expect(types, type).toContain(type)
      expect(await decisionCount(book.a.id)).toBeGreaterThanOrEqual(decisionsBefore + 5)
      const restrictions = await store()
        .db.selectFrom('debtor_restrictions')
        .select('kind')
        .where('debtor_id', '=', book.a.debtorId)
        .execute()
      expect(restrictions.map((r) => r.kind).sort()).toEqual([
        'attorney',
        'inconvenient_time',
        'medium_opt_out',
      ])
      const debtor = await store()
        .db.selectFrom('debtors')
        .select('preferred_language')
        .where('id', '=', book.a.debtorId)
        .executeTakeFirstOrThrow()
      expect(debtor.preferred_language).toBe('es')
    })

    it('pays with the test card, once per Idempotency-Key; a declined card records nothing', async () => {
      const session = await portalSessionOf('b')
      const pay = (testCard: string, key: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/portal/payments',
          headers: { ...session, 'idempotency-key': key },
          payload: { amount: '100.00', testCard },
        })
      const paid = await pay('4242424242424242', 'pay-1')
      expect(paid.statusCode, paid.body).toBe(201)
      expect(paid.json()).toMatchObject({ amountMinor: 10_000, currency: 'USD', replayed: false })
      const again = await pay('4242424242424242', 'pay-1')
      expect(again.statusCode).toBe(201)
      expect(again.headers['idempotent-replayed']).toBe('true')
      const declined = await pay('4000000000000002', 'pay-2')
      expect(declined.statusCode).toBe(422)
      expect(declined.json().error.code).toBe('payment_declined')
      const unknownCard = await pay('1111222233334444', 'pay-3')
      expect(unknownCard.json().error.code).toBe('invalid_card')
      const tooMuch = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/payments',
        headers: session,
        payload: { amount: '99999.00', testCard: '4242424242424242' },
      })
      expect(tooMuch.json().error.code).toBe('invalid_amount')
      const payments = await store()
        .db.selectFrom('payments')
        .select(['amount_minor', 'external_id'])
        .where('account_id', '=', book.b.id)
        .execute()
      expect(payments).toHaveLength(1)
      expect(payments[0]?.external_id).toMatch(/^portal:test:test_[0-9a-f]{24}$/)
      const lines = await store()
        .db.selectFrom('ledger_entries')
        .select('amount_minor')
        .where('account_id', '=', book.b.id)
        .where('kind', '=', 'payment')
        .execute()
      expect(lines.reduce((sum, l) => sum + Number(l.amount_minor), 0)).toBe(-10_000)
      expect((await journal(`debtor:${book.b.debtorId}`)).map((e) => e.type)).toContain('payments.posted')
    })

    it('refuses a plan the policy forbids, naming the bound, and accepts one within it', async () => {
      const session = await portalSessionOf('b')
      const plan = (payload: object) =>
        app.inject({ method: 'POST', url: '/api/v1/portal/plans', headers: session, payload })
      const tooLong = await plan({ frequency: 'monthly', instalments: 24 })
      expect(tooLong.statusCode).toBe(422)
      expect(tooLong.json().error.code).toBe('plan_outside_policy')
      expect(tooLong.json().error.details.violations.map((v: { code: string }) => v.code)).toContain(
        'term_too_long',
      )
      const tooSmall = await plan({ frequency: 'weekly', instalments: 600 })
      expect(tooSmall.json().error.details.violations.map((v: { code: string }) => v.code)).toContain(
        'instalment_too_small',
      )
      const ok = await plan({ frequency: 'monthly', instalments: 6 })
      expect(ok.statusCode, ok.body).toBe(201)
      expect((await journal(`debtor:${book.b.debtorId}`)).map((e) => e.type)).toContain('plan.created')
    })

    it('takes a promise for at most the balance, within 30 days, one at a time', async () => {
      const session = await portalSessionOf('b')
      const post = (payload: object) =>
        app.inject({ method: 'POST', url: '/api/v1/portal/promises', headers: session, payload })
      const far = await post({ amount: '5.00', dueOn: inDays(31) })
      expect(far.statusCode).toBe(400)
      expect(far.json().error).toMatchObject({ code: 'invalid_promise', details: { field: 'dueOn' } })
      const huge = await post({ amount: '99999999.00', dueOn: inDays(5) })
      expect(huge.statusCode).toBe(400)
      expect(huge.json().error).toMatchObject({ code: 'invalid_promise', details: { field: 'amount' } })
      const view = (await app.inject({ url: '/api/v1/portal/account', headers: session })).json()
      expect(view.options.promise).toMatchObject({ available: true, latestDueOn: inDays(30) })
      expect((await post({ amount: '5.00', dueOn: inDays(30) })).statusCode).toBe(201)
      const second = await post({ amount: '5.00', dueOn: inDays(7) })
      expect(second.statusCode).toBe(400)
      expect(second.json().error.message).toContain('already open')
      const after = (await app.inject({ url: '/api/v1/portal/account', headers: session })).json()
      expect(after.options.promise.available).toBe(false)
    })

    it('takes dispute evidence: PDF, PNG or JPEG by their bytes, at most 5 MB, this account only', async () => {
      const a = await portalSessionOf('a')
      const b = await portalSessionOf('b')
      const opened = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/disputes',
        headers: b,
        payload: { reason: 'not mine' },
      })
      const disputeId = opened.json().disputeId as number
      const upload = (headers: object, id: number, body: Buffer, type: string) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/portal/disputes/${id}/documents`,
          headers: { ...headers, 'content-type': type },
          payload: body,
        })
      const pdf = await upload(b, disputeId, PDF, 'application/pdf')
      expect(pdf.statusCode, pdf.body).toBe(201)
      expect(pdf.json()).toMatchObject({ disputeId, contentType: 'application/pdf', sizeBytes: PDF.length })
      expect((await upload(b, disputeId, PNG, 'image/png')).statusCode).toBe(201)
      const lying = await upload(b, disputeId, Buffer.from('<html>not a pdf</html>'), 'application/pdf')
      expect(lying.statusCode).toBe(400)
      expect(lying.json().error.code).toBe('unsupported_file_type')
      const mismatch = await upload(b, disputeId, PNG, 'application/pdf')
      expect(mismatch.statusCode).toBe(400)
      expect((await upload(b, disputeId, PDF, 'text/html')).statusCode).toBe(415)
      const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)])
      expect((await upload(b, disputeId, big, 'application/pdf')).statusCode).toBe(413)
      // Account A's session cannot reach account B's dispute.
      const cross = await upload(a, disputeId, PDF, 'application/pdf')
      expect(cross.statusCode).toBe(404)
      const stored = await store()
        .db.selectFrom('dispute_documents')
        .selectAll()
        .where('dispute_id', '=', disputeId)
        .execute()
      expect(stored).toHaveLength(2)
      const folder = join(dataDir, 'disputes', String(book.tenant.id))
      const files = readdirSync(folder)
      for (const row of stored) {
        expect(row.stored_name).toMatch(/^[0-9a-f-]{36}\.(pdf|png)$/)
        expect(files).toContain(row.stored_name)
      }
      expect(
        readFileSync(join(folder, stored[0]?.stored_name ?? ''))
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-')
      expect((await journal(`debtor:${book.b.debtorId}`)).map((e) => e.type)).toContain(
        'dispute.document_added',
      )
      // At most five files a dispute: the sixth is refused and nothing more is written.
      for (let i = 0; i < 3; i++)
        expect((await upload(b, disputeId, PDF, 'application/pdf')).statusCode).toBe(201)
      const sixth = await upload(b, disputeId, PDF, 'application/pdf')
      expect(sixth.statusCode).toBe(409)
      expect(sixth.json().error.code).toBe('evidence_limit_reached')
      expect(readdirSync(folder)).toHaveLength(files.length + 3)
    })
  })

  describe('dispute evidence, as staff read it', () => {
    it('lists the files of the account and downloads each as uploaded; another account or tenant is 404', async () => {
      const a = await portalSessionOf('a')
      const opened = await app.inject({
        method: 'POST',
        url: '/api/v1/portal/disputes',
        headers: a,
        payload: { reason: 'paid already, receipt attached' },
      })
      expect(opened.statusCode, opened.body).toBe(201)
      const disputeId = opened.json().disputeId as number
      const uploaded = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/disputes/${disputeId}/documents`,
        headers: { ...a, 'content-type': 'image/png' },
        payload: PNG,
      })
      expect(uploaded.statusCode, uploaded.body).toBe(201)
      const fileId = uploaded.json().id as number
      const base = `/api/v1/tenants/portal/accounts/${book.a.ref}/dispute-evidence`
      const list = await app.inject({ url: base, headers: book.staff })
      expect(list.statusCode, list.body).toBe(200)
      expect(list.json().items).toEqual([
        {
          id: fileId,
          disputeId,
          contentType: 'image/png',
          sizeBytes: PNG.length,
          sha256: uploaded.json().sha256,
          uploadedBy: `debtor:${book.a.debtorId}`,
          uploadedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          fileName: `dispute-${disputeId}-evidence-${fileId}.png`,
        },
      ])
      const file = await app.inject({ url: `${base}/${fileId}`, headers: book.staff })
      expect(file.statusCode).toBe(200)
      expect(file.headers['content-type']).toBe('image/png')
      expect(file.headers['content-disposition']).toBe(
        `attachment; filename="dispute-${disputeId}-evidence-${fileId}.png"`,
      )
      expect(file.headers['x-content-type-options']).toBe('nosniff')
      expect(file.rawPayload.equals(PNG)).toBe(true)
      // Account B's files are not account A's; another tenant's key sees no such account.
      const viaB = await app.inject({
        url: `/api/v1/tenants/portal/accounts/${book.b.ref}/dispute-evidence/${fileId}`,
        headers: book.staff,
      })
      expect(viaB.statusCode).toBe(404)
      expect(viaB.json().error.code).toBe('evidence_not_found')
      const foreign = await app.inject({
        url: `/api/v1/tenants/elsewhere/accounts/${book.a.ref}/dispute-evidence/${fileId}`,
        headers: other.staff,
      })
      expect(foreign.statusCode).toBe(404)
      const crossKey = await app.inject({ url: `${base}/${fileId}`, headers: other.staff })
      expect([403, 404]).toContain(crossKey.statusCode)
      // A file altered on disk is refused, never served.
      const row = await store()
        .db.selectFrom('dispute_documents')
        .select('stored_name')
        .where('id', '=', fileId)
        .executeTakeFirstOrThrow()
      const path = join(dataDir, 'disputes', String(book.tenant.id), row.stored_name)
      chmodSync(path, 0o600)
      writeFileSync(path, Buffer.concat([PNG, Buffer.from('tampered')]))
      const altered = await app.inject({ url: `${base}/${fileId}`, headers: book.staff })
      expect(altered.statusCode).toBe(503)
      expect(altered.json().error.code).toBe('evidence_unavailable')
      rmSync(path)
      expect((await app.inject({ url: `${base}/${fileId}`, headers: book.staff })).statusCode).toBe(503)
    })
  })

  /** A day `n` days after today in the tenant's zone. */
  function inDays(n: number): string {
    return addDays(localDateAt(new Date(), book.tenant.time_zone), n)
  }

  async function portalSessionOf(which: 'a' | 'b') {
    const account = book[which]
    const token = await linkToken(app, 'portal', account.ref, book.staff)
    const { setCookie: _, ...headers } = await portalLogin(app, {
      token,
      reference: account.ref,
      ...(which === 'a' ? { dateOfBirth: '1980-04-05' } : { postcode: 'SW1A 1AA' }),
    })
    return headers
  }

  async function decisionCount(accountId: number) {
    const row = await store()
      .db.selectFrom('decisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
})
