import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readMetro2 } from '../../src/core/bureau/read-metro2.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { type ApiFixture, loadApiFixture } from '../support/api-fixture.ts'
import { describeEachDatabase } from '../support/databases.ts'

describeEachDatabase('POST /api/v1/tenants/:tenant/bureau/metro2', ({ store }) => {
  let app: FastifyInstance
  let fixture: ApiFixture
  beforeAll(async () => {
    fixture = await loadApiFixture(store(), 'bureau-api')
    const accounts = await store()
      .db.selectFrom('accounts')
      .select(['id', 'tenant_id'])
      .where('jurisdiction', 'like', 'US%')
      .execute()
    for (const a of accounts)
      await store()
        .db.insertInto('contact_events')
        .values({
          tenant_id: a.tenant_id,
          account_id: a.id,
          contact_point_id: null,
          channel: 'letter',
          direction: 'outbound',
          result: 'sent',
          occurred_at: '2026-10-01T15:00:00.000Z',
          outbox_id: null,
        })
        .execute()
    app = await buildServer(store(), { logger: false })
  })
  afterAll(async () => app?.close())

  const url = '/api/v1/tenants/bureau-api/bureau/metro2'

  it('answers the file, which the reader takes back, with its counts in the headers', async () => {
    const answer = await app.inject({
      method: 'POST',
      url,
      headers: fixture.headers,
      payload: { month: '2026-11' },
    })
    expect(answer.statusCode, answer.body).toBe(200)
    expect(answer.headers['content-type']).toBe('application/octet-stream')
    expect(answer.headers['content-disposition']).toBe('attachment; filename="metro2-bureau-api-2026-11.dat"')
    const file = readMetro2(answer.rawPayload)
    expect(file.accounts.length).toBe(Number(answer.headers['x-metro2-furnished']))
    expect(file.accounts.length).toBeGreaterThan(0)
    expect(file.trailer.totalBaseRecords).toBe(file.accounts.length)

    const excluded = await app.inject({
      method: 'POST',
      url,
      headers: fixture.headers,
      payload: { month: '2026-11', part: 'excluded' },
    })
    expect(excluded.statusCode).toBe(200)
    expect(excluded.headers['content-type']).toBe('text/csv; charset=utf-8')
    const lines = excluded.body.trim().split('\n')
    expect(lines[0]).toBe('account,reason,detail,citation')
    expect(lines.length - 1).toBe(Number(excluded.headers['x-metro2-excluded']))
  })

  it('refuses a bad month with the catalogue code', async () => {
    const bad = await app.inject({
      method: 'POST',
      url,
      headers: fixture.headers,
      payload: { month: '2026-13' },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_date' } })
    const missing = await app.inject({ method: 'POST', url, headers: fixture.headers, payload: {} })
    expect(missing.statusCode).toBe(400)
  })
})
