import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { openStore, type Store } from '../../src/store/connect.ts'
import { apiKeyHeader } from '../support/auth.ts'

/** Bugs the contract and fuzz tests found, each pinned by the request that found it. */
describe('requests the contract and fuzz tests found mishandled', () => {
  let store: Store
  let app: FastifyInstance
  let headers: { authorization: string }

  beforeAll(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' })
    app = await buildServer(store, { logger: false })
    headers = await apiKeyHeader(store, 'regressions')
  })
  afterAll(async () => {
    await app?.close()
    await store?.close()
  })

  it('POST /api/v1/compliance/check without a body is a 400 invalid_compliance_request, not a 500', async () => {
    for (const payload of [undefined, '', '   ']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/compliance/check',
        headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        ...(payload === undefined ? {} : { payload }),
      })
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json().error.code).toBe('invalid_compliance_request')
    }
  })

  it('a path parameter over 1,024 characters is a 414 uri_too_long in the error format, the path not echoed', async () => {
    const long = 'x'.repeat(2_000)
    const response = await app.inject({ url: `/api/v1/tenants/${long}/aging`, headers })
    expect(response.statusCode).toBe(414)
    expect(response.json()).toEqual({
      error: { code: 'uri_too_long', message: 'a path parameter is longer than 1,024 characters' },
    })
    expect(response.headers['x-request-id']).toBeDefined()
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
  })

  it('a path that is not valid percent-encoding is a 400 bad_request in the error format', async () => {
    const response = await app.inject({ url: '/api/v1/tenants/%E0%A4%A/aging', headers })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('bad_request')
  })
})
