import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { IDEMPOTENCY_LEASE_MS } from '../../src/http/idempotency.ts'
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

  it('a key left pending by a process that died is taken back after the lease; a live one is 409', async () => {
    const probe = await createKey('probe', 'probe')
    expect(probe.statusCode).toBe(201)
    const { tenant_id, actor } = await store()
      .db.selectFrom('idempotency_keys')
      .select(['tenant_id', 'actor'])
      .where('key', '=', 'probe')
      .executeTakeFirstOrThrow()
    const body = { name: 'after a crash', role: 'read_only' }
    const hash = createHash('sha256')
      .update(`POST /api/v1/tenants/idem/api-keys\n${JSON.stringify(body)}`)
      .digest('hex')
    const claimedAgo = (key: string, ms: number) =>
      store()
        .db.insertInto('idempotency_keys')
        .values({
          tenant_id,
          actor,
          key,
          request_hash: hash,
          status: 'pending',
          created_at: new Date(Date.now() - ms).toISOString(),
        })
        .execute()
    const post = (key: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/tenants/idem/api-keys',
        headers: { ...admin, 'idempotency-key': key },
        payload: body,
      })
    await claimedAgo('still-running', 60_000)
    const running = await post('still-running')
    expect(running.statusCode).toBe(409)
    expect(running.json().error.code).toBe('idempotency_in_progress')
    await claimedAgo('died', IDEMPOTENCY_LEASE_MS + 60_000)
    const rerun = await post('died')
    expect(rerun.statusCode, rerun.body).toBe(201)
    expect((await post('died')).headers['idempotent-replayed']).toBe('true')
    const created = await store()
      .db.selectFrom('api_keys')
      .select('id')
      .where('name', '=', body.name)
      .execute()
    expect(created).toHaveLength(1)
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
