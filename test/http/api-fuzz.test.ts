import fc from 'fast-check'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import {
  type ApiFixture,
  credentialsFor,
  fixtureHints,
  loadApiFixture,
  openPortalSession,
  pathValuesFor,
  TEST_PORTAL,
} from '../support/api-fixture.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { fuzzRequests } from '../support/openapi-fuzz.ts'
import { type ApiOperation, apiOperations, responseChecker, urlOf } from '../support/openapi-operations.ts'
import { plausibleObject } from '../support/openapi-values.ts'

/** Requests per operation and database; with the fixed seed the run is the same every time. */
const RUNS = 40
const SEED = 20261202

/** What a stack trace or a source location looks like in an answer or a log line. */
const STACK = /\n\s+at |\bat [\w.<>]+ \(|node:internal|node_modules|\/src\/[\w/-]+\.ts|\.[cm]?[jt]s:\d+:\d+/

function injectOptions(
  operation: ApiOperation,
  url: string,
  body: unknown,
  headers: Record<string, string>,
): InjectOptions {
  const options: InjectOptions = { method: operation.method as 'POST', url, headers: { ...headers } }
  if (body && typeof body === 'object' && 'raw' in body) {
    const { raw, contentType } = body as { raw: string; contentType: string }
    return { ...options, payload: raw, headers: { ...headers, 'content-type': contentType } }
  }
  if (body && typeof body === 'object' && 'json' in body)
    return {
      ...options,
      payload: JSON.stringify((body as { json: unknown }).json) ?? 'null',
      headers: { ...headers, 'content-type': 'application/json' },
    }
  return options
}

describeEachDatabase(
  'API fuzz: generated requests from /openapi.json never get a 500 or a stack trace',
  ({ store }) => {
    let app: FastifyInstance
    let fixture: ApiFixture
    let operations: ApiOperation[]
    const logLines: string[] = []

    beforeAll(async () => {
      fixture = await loadApiFixture(store(), 'fuzz')
      app = await buildServer(store(), {
        logStream: { write: (line) => logLines.push(line) },
        rateLimitPerMinute: 1_000_000,
        loginsPerMinute: 1_000_000,
        portal: TEST_PORTAL,
      })
      operations = await apiOperations(app)
      await openPortalSession(app, fixture)
    })
    afterAll(async () => app?.close())

    it(`answers ${RUNS} generated requests per operation with a declared status, never 500`, {
      timeout: 300_000,
    }, async () => {
      const check = responseChecker()
      const failures: string[] = []
      let sent = 0
      const statusCounts = new Map<number, number>()
      for (const operation of operations) {
        const real = await pathValuesFor(store(), fixture, operation)
        // The key the fuzz acts with must survive it: never revoke it by a generated id.
        const plausible = operation.body
          ? plausibleObject(operation.body, fixtureHints(fixture, operation))
          : undefined
        const samples = fc.sample(fuzzRequests(operation, real, plausible), { seed: SEED, numRuns: RUNS })
        for (const [n, request] of samples.entries()) {
          const path =
            operation.path.includes('/api-keys/{id}') && request.path.id === String(fixture.keyId)
              ? { ...request.path, id: real.id ?? 'x' }
              : request.path
          const url = urlOf(operation, path, request.query)
          // One request in eight without credentials: the refusal must hold for any input too.
          const headers = n % 8 === 7 ? {} : credentialsFor(fixture, operation)
          const response = await app.inject(injectOptions(operation, url, request.body, headers))
          sent++
          statusCounts.set(response.statusCode, (statusCounts.get(response.statusCode) ?? 0) + 1)
          const what = `${operation.method} ${url.slice(0, 200)} ${JSON.stringify(request.body)?.slice(0, 300)}`
          if (response.statusCode >= 500)
            failures.push(`${response.statusCode} ${what}: ${response.body.slice(0, 300)}`)
          else if (STACK.test(response.body))
            failures.push(`stack trace in ${what}: ${response.body.slice(0, 300)}`)
          else for (const problem of check(operation, response)) failures.push(`${problem} for ${what}`)
          // A fuzzed portal logout may end the session the portal operations use: open another.
          if (operation.path.endsWith('/portal/logout') && response.statusCode === 204)
            await openPortalSession(app, fixture)
        }
      }
      expect(failures.slice(0, 15)).toEqual([])
      // Some generated requests got through to the use cases: the fuzz is not only testing the schemas.
      const succeeded = [...statusCounts]
        .filter(([status]) => status < 300)
        .reduce((sum, [, n]) => sum + n, 0)
      expect(succeeded, JSON.stringify([...statusCounts])).toBeGreaterThan(sent * 0.05)
      expect(sent).toBe(operations.length * RUNS)
      // The key was not revoked along the way: the last answers were still authenticated ones.
      expect((await app.inject({ url: '/api/v1/auth/session', headers: fixture.headers })).statusCode).toBe(
        200,
      )
    })

    it('logged no stack trace and no error line while being fuzzed', () => {
      expect(logLines.length).toBeGreaterThan(operations.length)
      const bad = logLines.filter((line) => STACK.test(line) || /"level":(50|60)/.test(line))
      expect(bad.slice(0, 5)).toEqual([])
    })
  },
)
