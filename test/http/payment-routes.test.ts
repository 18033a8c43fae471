import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { accountsWithDebt, componentBalances } from '../money/money-fixtures.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'

describeEachDatabase('payment routes: reverse, unmatched credits, input hardening', ({ store }) => {
  let app: FastifyInstance
  let api: Awaited<ReturnType<typeof injectAs>>
  let accountId = 0
  beforeAll(async () => {
    const { tenant, ids } = await accountsWithDebt(store(), 'api-routes', [
      { externalId: 'INV-9', jurisdiction: 'US-NY', currency: 'USD', principal: 20_000 },
    ])
    accountId = ids.get('INV-9') as number
    await store()
      .db.insertInto('unmatched_credits')
      .values({
        tenant_id: tenant.id,
        bank_statement_id: null,
        bank_transaction_id: 'BK-1',
        amount_minor: 1_000,
        currency: 'USD',
        booked_on: '2026-03-02',
        debtor_name: null,
        remittance: '{}',
        suggestions: JSON.stringify([{ accountId: String(accountId), score: 0.5, reason: 'amount' }]),
        status: 'open',
      })
      .execute()
    app = await buildServer(store(), { logStream: { write: () => {} } })
    api = await injectAs(app, store(), 'api-routes')
  })
  afterAll(async () => app?.close())

  const base = '/api/v1/tenants/api-routes'
  const good = { account: 'INV-9', amount: '20.00', receivedOn: '2026-03-01', reference: 'H-1' }

  it('refuses a JSON number where a decimal string is expected (defect 10)', async () => {
    const response = await api({
      method: 'POST',
      url: `${base}/payments`,
      payload: { ...good, amount: 20 },
    })
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json().error).toMatchObject({ code: 'invalid_amount', details: { field: 'amount' } })
  })

  it('refuses implausible dates and sizes: 400 and 422 (defect 10)', async () => {
    const old = await api({
      method: 'POST',
      url: `${base}/payments`,
      payload: { ...good, receivedOn: '1900-01-01', reference: 'H-old' },
    })
    expect(old.statusCode).toBe(400)
    expect(old.json().error.code).toBe('invalid_date')
    const huge = await api({
      method: 'POST',
      url: `${base}/payments`,
      payload: { ...good, amount: '2000000.00', reference: 'H-big' },
    })
    expect(huge.statusCode).toBe(422)
    expect(huge.json().error.code).toBe('implausible_payment')
  })

  it('trims references (defect 9), shows external ids in a 409 (defect 8), and reverses by reference', async () => {
    const created = await api({ method: 'POST', url: `${base}/payments`, payload: good })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json().allocation.lines[0]).toMatchObject({ account: 'INV-9' })
    const padded = await api({
      method: 'POST',
      url: `${base}/payments`,
      payload: { ...good, reference: ' H-1 ' },
    })
    expect(padded.statusCode).toBe(200)
    expect(padded.json()).toMatchObject({ replayed: true, reference: 'H-1' })
    const conflict = await api({
      method: 'POST',
      url: `${base}/payments`,
      payload: { ...good, amount: '21.00' },
    })
    expect(conflict.statusCode).toBe(409)
    expect(conflict.json().error.message).toContain('account INV-9, 20.00 USD on 2026-03-01')
    expect(conflict.json().error.message).not.toContain(`account ${accountId},`)
    // A reversal dated before the payment was received, or implausibly, is refused (review finding).
    for (const effectiveOn of ['2026-02-28', '1900-01-01', '2999-01-01']) {
      const early = await api({
        method: 'POST',
        url: `${base}/payments/H-1/reverse`,
        payload: { reason: 'cheque bounced', effectiveOn },
      })
      expect(early.statusCode, effectiveOn).toBe(400)
      expect(early.json().error.code).toBe('invalid_date')
    }
    const reversed = await api({
      method: 'POST',
      url: `${base}/payments/H-1/reverse`,
      payload: { reason: 'cheque bounced', effectiveOn: '2026-03-05' },
    })
    expect(reversed.statusCode, reversed.body).toBe(200)
    expect(reversed.json()).toEqual({ reversed: true, reference: 'H-1', accounts: ['INV-9'] })
    const again = await api({
      method: 'POST',
      url: `${base}/payments/H-1/reverse`,
      payload: { reason: 'cheque bounced' },
    })
    expect(again.json()).toMatchObject({ reversed: false })
    // The same payment reversed again for another reason is a conflict, not a silent no-op.
    const other = await api({
      method: 'POST',
      url: `${base}/payments/H-1/reverse`,
      payload: { reason: 'posted in error' },
    })
    expect(other.statusCode).toBe(409)
    expect(other.json().error).toMatchObject({ code: 'already_reversed' })
    expect(other.json().error.message).toContain('already reversed, for "cheque bounced"')
    const unknown = await api({
      method: 'POST',
      url: `${base}/payments/NOPE/reverse`,
      payload: { reason: 'x' },
    })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('payment_not_found')
  })

  it('lists unmatched credits by bank reference and applies one to an account (defect 14)', async () => {
    const list = await api({ method: 'GET', url: `${base}/unmatched-credits` })
    expect(list.statusCode).toBe(200)
    expect(list.json()).toEqual([
      expect.objectContaining({
        reference: 'BK-1',
        amount: '10.00',
        suggestions: [{ account: 'INV-9', score: 0.5, reason: 'amount' }],
      }),
    ])
    const before = (await componentBalances(store(), accountId)).principal ?? 0
    const applied = await api({
      method: 'POST',
      url: `${base}/unmatched-credits/BK-1/apply`,
      payload: { account: 'INV-9' },
    })
    expect(applied.statusCode, applied.body).toBe(201)
    expect(applied.json()).toMatchObject({
      credit: 'BK-1',
      account: 'INV-9',
      amount: '10.00',
      currency: 'USD',
    })
    expect((await componentBalances(store(), accountId)).principal).toBe(before - 1_000)
    const twice = await api({
      method: 'POST',
      url: `${base}/unmatched-credits/BK-1/apply`,
      payload: { account: 'INV-9' },
    })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.code).toBe('already_applied')
  })

  it("validates bodies without repairing them, with the CLI's error codes (review findings)", async () => {
    const post = (payload: unknown, url = `${base}/payments`) =>
      api({ method: 'POST', url, payload: payload as Record<string, unknown> })
    const cases: [string, unknown, string][] = [
      ['a misspelt field', { ...good, reference: 'V-1', polciy: 'oldest-first' }, 'unknown_parameter'],
      ['a string for a boolean', { ...good, reference: 'V-2', acceptLarge: 'true' }, 'invalid_request'],
      ['a number for a boolean', { ...good, reference: 'V-3', acceptLarge: 1 }, 'invalid_request'],
      ['a number for a reference', { ...good, reference: 12345 }, 'invalid_reference'],
      ['an array for an account', { ...good, reference: 'V-4', account: ['INV-9'] }, 'invalid_request'],
      ['a decimal comma', { ...good, reference: 'V-5', amount: '1,00' }, 'invalid_amount'],
      ['February 30th', { ...good, reference: 'V-6', receivedOn: '2026-02-30' }, 'invalid_date'],
      ['an empty reference', { ...good, reference: '' }, 'invalid_reference'],
      ['a blank reference', { ...good, reference: '   ' }, 'invalid_reference'],
    ]
    for (const [label, payload, code] of cases) {
      const response = await post(payload)
      expect(response.statusCode, label).toBe(400)
      expect(response.json().error.code, label).toBe(code)
    }
    // A path naming any tenant but the credential's is not found (the credential decides the tenant).
    const slug = await post(good, '/api/v1/tenants/BAD%20SLUG/payments')
    expect(slug.json().error.code).toBe('tenant_not_found')
    // Nothing of the above was posted.
    const posted = await store()
      .db.selectFrom('payments')
      .select('external_id')
      .where('external_id', 'like', 'V-%')
      .execute()
    expect(posted).toEqual([])
  })

  it('answers 413, 415, a prototype key and a long path reference in the error format', async () => {
    const plain = await api({
      method: 'POST',
      url: `${base}/payments`,
      headers: { 'content-type': 'text/plain' },
      payload: 'amount=1',
    })
    expect(plain.statusCode).toBe(415)
    expect(plain.json().error.code).toBe('unsupported_media_type')
    const huge = await api({
      method: 'POST',
      url: `${base}/payments`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ ...good, account: 'x'.repeat(2_000_000) }),
    })
    expect(huge.statusCode).toBe(413)
    expect(huge.json().error.code).toBe('payload_too_large')
    const proto = await api({
      method: 'POST',
      url: `${base}/payments`,
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__":{"x":1},"account":"INV-9"}',
    })
    expect(proto.statusCode).toBe(400)
    expect(proto.json().error.message).toContain('"__proto__"')
    const long = await api({
      method: 'POST',
      url: `${base}/payments/${'R'.repeat(150)}/reverse`,
      payload: { reason: 'x' },
    })
    expect(long.statusCode).toBe(404)
    expect(long.json().error.code).toBe('payment_not_found')
  })
})
