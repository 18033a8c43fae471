import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { type ApiFixture, loadApiFixture } from '../support/api-fixture.ts'
import { describeEachDatabase } from '../support/databases.ts'

describeEachDatabase('a document shown in the web app’s preview frame', ({ store }) => {
  let app: FastifyInstance
  let fixture: ApiFixture
  beforeAll(async () => {
    fixture = await loadApiFixture(store(), 'preview')
    app = await buildServer(store(), { logger: false })
  })
  afterAll(async () => app?.close())

  const url = (query = '') =>
    `/api/v1/tenants/preview/accounts/${fixture.account}/documents/statement.pdf${query}`

  it('may be framed by this origin only when asked inline; a download may be framed by nobody', async () => {
    const inline = await app.inject({ url: url('?disposition=inline'), headers: fixture.headers })
    expect(inline.statusCode).toBe(200)
    expect(inline.headers['content-type']).toBe('application/pdf')
    expect(inline.headers['content-disposition']).toMatch(
      /^inline; filename="statement-\d{4}-\d{2}-\d{2}\.pdf"$/,
    )
    expect(inline.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'self'")
    expect(inline.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(inline.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')

    const download = await app.inject({ url: url(), headers: fixture.headers })
    expect(download.headers['content-disposition']).toMatch(/^attachment; /)
    expect(download.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
    expect(download.headers['x-frame-options']).toBe('DENY')
  })

  it('refuses another disposition, and frames no error', async () => {
    const bad = await app.inject({ url: url('?disposition=popup'), headers: fixture.headers })
    expect(bad.statusCode).toBe(400)
    const missing = await app.inject({
      url: '/api/v1/tenants/preview/accounts/NO-SUCH/documents/statement.pdf?disposition=inline',
      headers: fixture.headers,
    })
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['x-frame-options']).toBe('DENY')
  })
})
