import { connect } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { openStore, type Store } from '../../src/store/connect.ts'
import { injectAs } from '../support/auth.ts'

/** Sends raw bytes to the server and returns everything it answers. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request))
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8')
    })
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
  })
}

// Defect 15: wrong methods answered 404, a 431 left the error format, unknown query parameters passed.
describe('rules every HTTP route gets', () => {
  let store: Store
  let app: FastifyInstance
  let api: Awaited<ReturnType<typeof injectAs>>

  beforeAll(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' })
    app = await buildServer(store, { logger: false })
    api = await injectAs(app, store, 'acme')
    // A route added after the built-in ones gets the same rules without asking for them.
    app.get(
      '/extra/:id',
      { schema: { querystring: { type: 'object', properties: { page: { type: 'integer' } } } } },
      async () => ({ ok: true }),
    )
  })
  afterAll(async () => {
    await app?.close()
    await store?.close()
  })

  it('refuses an unknown query parameter with unknown_parameter, naming it', async () => {
    const response = await api({ url: '/api/v1/tenants/acme/aging?asOf=2026-03-15&as_off=2026-03-01' })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({
      code: 'unknown_parameter',
      message: expect.stringContaining('unknown query parameter "as_off"'),
      details: { in: 'querystring', parameters: ['as_off'] },
    })
    expect(response.json().error.message).toContain('asOf')
  })

  it('refuses any query parameter on a route that takes none', async () => {
    const response = await api({ url: '/health?verbose=1' })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('unknown_parameter')
    expect((await api({ url: '/health' })).statusCode).toBe(200)
  })

  it('applies to routes registered later', async () => {
    expect((await api({ url: '/extra/7?page=2' })).statusCode).toBe(200)
    const response = await api({ url: '/extra/7?pgae=2' })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.message).toContain('"pgae"')
  })

  it('answers 405 with Allow for a known path asked with another method', async () => {
    const health = await api({ method: 'POST', url: '/health' })
    expect(health.statusCode).toBe(405)
    expect(health.headers.allow).toBe('GET, HEAD')
    expect(health.json()).toEqual({
      error: { code: 'method_not_allowed', message: 'POST is not allowed on /health; allowed: GET, HEAD' },
    })
    const payments = await api({ method: 'DELETE', url: '/api/v1/tenants/acme/payments' })
    expect(payments.statusCode).toBe(405)
    expect(payments.headers.allow).toContain('POST')
    const extra = await api({ method: 'PUT', url: '/extra/9' })
    expect(extra.statusCode).toBe(405)
  })

  it('still answers 404 for a path no route serves', async () => {
    const response = await api({ method: 'POST', url: '/nowhere' })
    expect(response.statusCode).toBe(404)
    expect(response.json().error.code).toBe('not_found')
  })

  it('answers headers over the limit with 431 in the error format', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const answer = await rawRequest(
      port,
      `GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 431 /)
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))
    expect(body.error.code).toBe('headers_too_large')
    const garbage = await rawRequest(port, 'NOT HTTP AT ALL\r\n\r\n')
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /)
    expect(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4)).error.code).toBe('bad_request')
  })
})
