import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { bookPortalCharges, PORTAL_CHARGE_GRACE_MS } from '../../src/app/portal/book-portal-charges.ts'
import type { ChargeRequest } from '../../src/core/payments/payment-provider.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { testPaymentProvider } from '../../src/portal/test-payment-provider.ts'
import { claimPortalCharge, markPortalCharge } from '../../src/store/portal/portal-charge.repository.ts'
import { linkToken, PORTAL_SETTINGS, portalBook, portalLogin, tempDataDir } from '../http/portal-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'

const CARD = '4242424242424242'

describeEachDatabase('portal card payments survive a crash between the charge and the books', ({ store }) => {
  let app: FastifyInstance
  let book: Awaited<ReturnType<typeof portalBook>>
  const charged: string[] = []
  /** When set, the next charge goes through at the provider and its answer is lost (a reset connection). */
  let loseNextAnswer = false

  beforeAll(async () => {
    book = await portalBook(store(), 'charges')
    const provider = {
      name: 'test',
      async charge(request: ChargeRequest) {
        const outcome = await testPaymentProvider.charge(request)
        if (outcome.outcome === 'succeeded') charged.push(outcome.transactionId)
        if (loseNextAnswer) {
          loseNextAnswer = false
          throw new Error('connection reset after the charge')
        }
        return outcome
      },
    }
    app = await buildServer(store(), {
      logger: false,
      uploads: { dataDir: tempDataDir(), limitBytes: 1024 * 1024 },
      portal: { settings: PORTAL_SETTINGS, provider, attempts: { perToken: 100, perAddress: 1000 } },
    })
  })
  afterAll(async () => app?.close())

  const session = async (which: 'a' | 'b') => {
    const account = book[which]
    const token = await linkToken(app, 'charges', account.ref, book.staff)
    const { setCookie: _, ...headers } = await portalLogin(app, {
      token,
      reference: account.ref,
      ...(which === 'a' ? { dateOfBirth: '1980-04-05' } : { postcode: 'SW1A 1AA' }),
    })
    return headers
  }
  const payments = (accountId: number) =>
    store()
      .db.selectFrom('payments')
      .select(['amount_minor', 'external_id'])
      .where('account_id', '=', accountId)
      .execute()
  const charges = (accountId: number) =>
    store()
      .db.selectFrom('portal_charges')
      .select(['status', 'transaction_id', 'amount_minor'])
      .where('account_id', '=', accountId)
      .execute()

  it('a lost answer from the provider: the retry with the same key books the one charge once', async () => {
    const headers = await session('a')
    const pay = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/portal/payments',
        headers: { ...headers, 'idempotency-key': 'lost-answer' },
        payload: { amount: '40.00', testCard: CARD },
      })
    loseNextAnswer = true
    const failed = await pay()
    expect(failed.statusCode).toBe(500)
    expect(await payments(book.a.id)).toEqual([])
    expect((await charges(book.a.id)).map((c) => c.status)).toEqual(['charging'])
    const retried = await pay()
    expect(retried.statusCode, retried.body).toBe(201)
    const booked = await payments(book.a.id)
    expect(booked).toHaveLength(1)
    expect(Number(booked[0]?.amount_minor)).toBe(4_000)
    // The provider was asked twice under one key and took the money once (one transaction id).
    expect(new Set(charged).size).toBe(charged.length - 1)
    expect(await charges(book.a.id)).toEqual([
      { status: 'recorded', transaction_id: expect.stringMatching(/^test_/), amount_minor: 4_000 },
    ])
  })

  it('killed after the charge: the dispatcher pass books it once, and a retry only replays it', async () => {
    // The state a process killed between the provider's answer and the booking leaves behind.
    const db = store().db
    const key = `${book.tenant.id}:${book.b.ref}:${book.b.debtorId}:killed`
    const claimed = await claimPortalCharge(db, {
      tenantId: book.tenant.id,
      accountId: book.b.id,
      debtorId: book.b.debtorId,
      idempotencyKey: key,
      provider: 'test',
      amountMinor: 2_550,
      currency: 'USD',
    })
    await markPortalCharge(db, claimed.id, { status: 'succeeded', transactionId: 'test_killed0000000000000' })
    const later = new Date(Date.now() + PORTAL_CHARGE_GRACE_MS + 1_000)
    expect(await bookPortalCharges(store(), later)).toEqual({ booked: 1, unanswered: 0 })
    expect(await bookPortalCharges(store(), later)).toEqual({ booked: 0, unanswered: 0 })
    const booked = await payments(book.b.id)
    expect(booked).toEqual([{ amount_minor: 2_550, external_id: 'portal:test:test_killed0000000000000' }])
    const journal = await db
      .selectFrom('journal_events')
      .select('actor')
      .where('tenant_id', '=', book.tenant.id)
      .where('type', '=', 'payments.posted')
      .execute()
    expect(journal.map((j) => j.actor)).toContain('system:portal')
    // The debtor's retry of that payment (same key) replays the booking, even for more than is owed now.
    const retried = await app.inject({
      method: 'POST',
      url: '/api/v1/portal/payments',
      headers: { ...(await session('b')), 'idempotency-key': 'killed' },
      payload: { amount: '25.50', testCard: CARD },
    })
    expect(retried.statusCode, retried.body).toBe(201)
    expect(retried.json()).toMatchObject({ replayed: true, amountMinor: 2_550 })
    expect(await payments(book.b.id)).toHaveLength(1)
  })

  it('counts charges the provider never answered, for reconciliation; books nothing for them', async () => {
    const db = store().db
    await claimPortalCharge(db, {
      tenantId: book.tenant.id,
      accountId: book.b.id,
      debtorId: book.b.debtorId,
      idempotencyKey: `${book.tenant.id}:${book.b.ref}:${book.b.debtorId}:never-answered`,
      provider: 'test',
      amountMinor: 1_000,
      currency: 'USD',
    })
    const before = (await payments(book.b.id)).length
    const later = new Date(Date.now() + PORTAL_CHARGE_GRACE_MS + 1_000)
    expect(await bookPortalCharges(store(), later)).toEqual({ booked: 0, unanswered: 1 })
    expect(await payments(book.b.id)).toHaveLength(before)
  })
})
