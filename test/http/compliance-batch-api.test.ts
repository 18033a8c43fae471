import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { apiKeyHeader } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'

/* POST /api/v1/compliance/check with a JSON array (issue #9, part 4). */

const EXAMPLES = resolve(import.meta.dirname, '../../docs/examples/compliance')
const read = (file: string) => JSON.parse(readFileSync(resolve(EXAMPLES, file), 'utf8'))

describeEachDatabase('POST /api/v1/compliance/check (batch)', ({ store }) => {
  let app: FastifyInstance
  let auth: { authorization: string }
  beforeAll(async () => {
    app = await buildServer(store(), { logStream: { write: () => {} } })
    auth = await apiKeyHeader(store(), 'compliance-batch', 'read_only')
  })
  afterAll(async () => app?.close())
  const post = (payload: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/compliance/check',
      headers: { ...auth, 'content-type': 'application/json' },
      payload,
    })

  it('answers an array with one verdict per request, in order, a bad item in its place', async () => {
    const bad = {
      ...read('gb-email-allowed.json'),
      debts: [{ id: 'D', kind: 'consumer', jurisdiction: 'GB', currency: 'XYZ', balanceMinor: 1 }],
    }
    const response = await post(
      JSON.stringify([read('us-ma-call-cap.json'), bad, { nope: 1 }, read('gb-email-allowed.json')]),
    )
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body).toHaveLength(4)
    expect(body[0]).toEqual(read('us-ma-call-cap.result.json'))
    expect(body[1]).toEqual({
      error: { code: 'invalid_currency', message: 'debts[0].currency "XYZ" is not an ISO 4217 currency' },
      index: 1,
    })
    expect(body[2]).toMatchObject({ error: { code: 'invalid_compliance_request' }, index: 2 })
    expect(body[2].error.message).toContain('request body[2]')
    expect(body[3]).toEqual(read('gb-email-allowed.result.json'))
  })

  it('a single request still answers a single verdict; an empty batch or bad JSON is a 400', async () => {
    const one = await post(JSON.stringify(read('gb-email-allowed.json')))
    expect(one.json()).toEqual(read('gb-email-allowed.result.json'))
    const empty = await post('[]')
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.message).toContain('a batch holds 1 to 10000 requests, not 0')
    const broken = await post('[{')
    expect(broken.statusCode).toBe(400)
    expect(broken.json().error.code).toBe('invalid_compliance_request')
  })

  it('takes a batch of 2,000 requests (well above the default 1 MB body limit)', async () => {
    const request = read('us-ma-call-cap.json')
    const response = await post(JSON.stringify(Array.from({ length: 2000 }, () => request)))
    expect(response.statusCode).toBe(200)
    expect(response.json()).toHaveLength(2000)
  })
})
