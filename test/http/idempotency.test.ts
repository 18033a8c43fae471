import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { accountsWithDebt } from '../money/money-fixtures.ts'
import { apiKeyHeader } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'

describeEachDatabase('Idempotency-Key on POST', ({ store }) => {
  let app: FastifyInstance
  let admin: { authorization: string }
  beforeAll(async () => {
    await accountsWithDebt(store(), 'idem', [
      { externalId: 'I-1', jurisdiction: 'US-NY', currency: 'USD', principal: 50_000 },
    ])
    admin = await apiKeyHeader(store(), 'idem')
    app = await buildServer(store(), { logger: false })
  })
  afterAll(async () => app?.close())

  const createKey = (key: string, name: string, headers = admin) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/tenants/idem/api-keys',
      headers: { ...headers, 'idempotency-key': key },
      payload: { name, role: 'read_only' },
    })
  const keyCount = async () =>
    (await store().db.selectFrom('api_keys').select('id').where('name', '=', 'retried').execute()).length

  it('answers a retry with the first answer and creates nothing twice', async () => {
    const first = await createKey('k-1', 'retried')
    expect(first.statusCode).toBe(201)
    expect(first.headers['idempotent-replayed']).toBeUndefined()
    const retry = await createKey('k-1', 'retried')
    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json()).toEqual(first.json())
    expect(await keyCount()).toBe(1)
    // Without the header, or with a new key, it is a new request.
    expect((await createKey('k-2', 'retried')).statusCode).toBe(201)
    expect(await keyCount()).toBe(2)
  })

  it('refuses the same key with another body (422) and a malformed key (400)', async () => {
    await createKey('k-3', 'first body')
    const reused = await createKey('k-3', 'second body')
    expect(reused.statusCode).toBe(422)
    expect(reused.json().error.code).toBe('idempotency_key_reused')
    const malformed = await createKey('has spaces in it', 'x')
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().error.code).toBe('invalid_idempotency_key')
  })

  it('keeps keys per caller, and lets a failed request run again', async () => {
    const other = await apiKeyHeader(store(), 'idem')
    expect((await createKey('k-1', 'retried', other)).headers['idempotent-replayed']).toBeUndefined()
    const pay = (account: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/tenants/idem/payments',
        headers: { ...admin, 'idempotency-key': 'pay-1' },
        payload: { account, amount: '1.00', receivedOn: '2026-03-01', reference: 'idem-pay-1' },
      })
    const failed = await pay('I-1x')
    expect(failed.statusCode).toBe(404)
    expect((await pay('I-1x')).headers['idempotent-replayed']).toBeUndefined()
    const row = await store()
      .db.selectFrom('idempotency_keys')
      .select('key')
      .where('key', '=', 'pay-1')
      .execute()
    expect(row).toEqual([])
  })

  it('documents the header on every authenticated POST', async () => {
    const doc = (await app.inject({ url: '/openapi.json', headers: admin })).json()
    const post = doc.paths['/api/v1/tenants/{tenant}/payments'].post
    expect(post.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`)).toContain(
      'header:idempotency-key',
    )
    const login = doc.paths['/api/v1/auth/login'].post
    expect(JSON.stringify(login.parameters ?? [])).not.toContain('idempotency-key')
  })
})
