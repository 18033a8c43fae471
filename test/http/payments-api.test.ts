import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { accountsWithDebt, componentBalances } from '../money/money-fixtures.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'

describeEachDatabase('POST /api/v1/tenants/:tenant/payments', ({ store }) => {
  let app: FastifyInstance
  let api: Awaited<ReturnType<typeof injectAs>>
  let accountId = 0
  beforeAll(async () => {
    const { ids } = await accountsWithDebt(store(), 'api-pay', [
      { externalId: 'INV-1', jurisdiction: 'DE', currency: 'EUR', principal: 10_000, fee: 500 },
    ])
    accountId = ids.get('INV-1') as number
    app = await buildServer(store(), { logStream: { write: () => {} } })
    api = await injectAs(app, store(), 'api-pay')
  })
  afterAll(async () => app?.close())

  const post = (payload: Record<string, unknown>, tenant = 'api-pay') =>
    api({ method: 'POST', url: `/api/v1/tenants/${tenant}/payments`, payload })
  const good = { account: 'INV-1', amount: '20.00', receivedOn: '2026-03-01', reference: 'api-1' }

  it('records and allocates a payment (fees first under BGB s.367), then treats the same reference as a replay', async () => {
    const created = await post(good)
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({
      replayed: false,
      currency: 'EUR',
      allocation: { policyId: 'de-bgb-367' },
    })
    expect(await componentBalances(store(), accountId)).toEqual({ principal: 8_500, fee: 0 })
    const again = await post(good)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toMatchObject({ replayed: true, reference: 'api-1', account: 'INV-1' })
    const changed = await post({ ...good, amount: '21.00' })
    expect(changed.statusCode).toBe(409)
    expect(changed.json().error.code).toBe('idempotency_conflict')
  })

  it.each([
    [{ ...good, amount: '-5', reference: 'x1' }, 400, 'invalid_amount'],
    [{ ...good, amount: '1.234', reference: 'x2' }, 400, 'invalid_amount'],
    [{ ...good, receivedOn: '2026-02-30', reference: 'x3' }, 400, 'invalid_date'],
    [{ ...good, account: 'NOPE', reference: 'x4' }, 404, 'account_not_found'],
    [{ ...good, policy: 'made-up', reference: 'x5' }, 422, 'unknown_allocation_policy'],
    [{ ...good, policy: 'constructor', reference: 'x6' }, 422, 'unknown_allocation_policy'],
    [{ ...good, policy: '__proto__', reference: 'x7' }, 422, 'unknown_allocation_policy'],
    [{ ...good, amount: 20, reference: 'x8' }, 400, 'invalid_amount'],
    [{ account: 'INV-1', amount: '1.00' }, 400, 'invalid_request'],
  ])('refuses %j with %i %s', async (payload, status, code) => {
    const response = await post(payload)
    expect(response.statusCode, response.body).toBe(status)
    expect(response.json().error.code).toBe(code)
  })

  it('answers 404 for an unknown tenant', async () => {
    expect((await post(good, 'nobody')).statusCode).toBe(404)
  })
})

describeEachDatabase('POST /api/v1/compliance/check', ({ store }) => {
  let app: FastifyInstance
  let api: Awaited<ReturnType<typeof injectAs>>
  beforeAll(async () => {
    app = await buildServer(store(), { logStream: { write: () => {} } })
    api = await injectAs(app, store(), 'api-check')
  })
  afterAll(async () => app?.close())

  it('answers the same decision as the CLI for a documented example, and names bad fields', async () => {
    const example = readFileSync(
      resolve(import.meta.dirname, '../../docs/examples/compliance/us-ma-call-cap.json'),
      'utf8',
    )
    const expected = JSON.parse(
      readFileSync(
        resolve(import.meta.dirname, '../../docs/examples/compliance/us-ma-call-cap.result.json'),
        'utf8',
      ),
    )
    const response = await api({
      method: 'POST',
      url: '/api/v1/compliance/check',
      headers: { 'content-type': 'application/json' },
      payload: example,
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual(expected)
    const bad = await api({
      method: 'POST',
      url: '/api/v1/compliance/check',
      headers: { 'content-type': 'application/json' },
      payload: '{"action": {"kind": "contact"}}',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('invalid_compliance_request')
  })
})
