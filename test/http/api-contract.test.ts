import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { SINK_EXAMPLE_ID } from '../../src/http/routes/sink.schema.ts'
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
import { type ApiOperation, apiOperations, responseChecker, urlOf } from '../support/openapi-operations.ts'
import { plausibleObject, plausibleValue } from '../support/openapi-values.ts'

/**
 * Reads first, then writes, then what ends something (revoke, disable, logout) last, so an earlier
 * call does not take away what a later one needs.
 */
function callOrder(operation: ApiOperation): number {
  if (/\/(logout|revoke|disable)$/.test(operation.path)) return 3
  if (operation.method === 'DELETE') return 2
  return operation.method === 'GET' ? 0 : 1
}

/** A plausible request for the operation on the fixture's tenant: real ids, example values. */
async function plausibleRequest(
  store: Parameters<typeof pathValuesFor>[0],
  fixture: ApiFixture,
  operation: ApiOperation,
) {
  const hints = fixtureHints(fixture, operation)
  const query: Record<string, unknown> = {}
  for (const parameter of operation.parameters.filter((p) => p.in === 'query'))
    if (parameter.required || Object.hasOwn(hints, parameter.name))
      query[parameter.name] = plausibleValue(parameter.schema, parameter.name, hints)
  const url = urlOf(operation, await pathValuesFor(store, fixture, operation), query)
  const payload = operation.body ? plausibleObject(operation.body, hints) : undefined
  return { method: operation.method as 'GET', url, ...(payload === undefined ? {} : { payload }) }
}

describeEachDatabase('API contract: every operation of /openapi.json answers as it declares', ({ store }) => {
  let app: FastifyInstance
  let fixture: ApiFixture
  let operations: ApiOperation[]

  const sinkDir = mkdtempSync(join(tmpdir(), 'recoup-contract-sink-'))

  beforeAll(async () => {
    fixture = await loadApiFixture(store(), 'contract')
    // The development sinks, as `recoup serve` has them, holding one text of the tenant, so the
    // list's answer is checked with an item in it.
    mkdirSync(join(sinkDir, 'sms'))
    writeFileSync(
      join(sinkDir, 'sms', `${SINK_EXAMPLE_ID.slice('sms-'.length)}.json`),
      JSON.stringify({
        sid: SINK_EXAMPLE_ID.slice(4),
        to: '+12125550100',
        body: 'Hello',
        tenant: 'contract',
        receivedAt: '2026-03-01T15:00:00.000Z',
      }),
    )
    app = await buildServer(store(), {
      logger: false,
      sinks: { mail: join(sinkDir, 'mail'), sms: join(sinkDir, 'sms') },
      portal: TEST_PORTAL,
    })
    operations = await apiOperations(app)
    // The debtor portal's operations take a portal session, never the API key: they get one.
    await openPortalSession(app, fixture)
  })
  afterAll(async () => {
    await app?.close()
    rmSync(sinkDir, { recursive: true, force: true })
  })

  it('answers every operation, with credentials and plausible parameters, as its schemas say', async () => {
    const check = responseChecker()
    const problems: string[] = []
    const statuses: string[] = []
    const ordered = [...operations].sort((a, b) => callOrder(a) - callOrder(b))
    for (const operation of ordered) {
      const request = await plausibleRequest(store(), fixture, operation)
      const response = await app.inject({ ...request, headers: credentialsFor(fixture, operation) })
      statuses.push(`${response.statusCode} ${operation.method} ${request.url}`)
      problems.push(...check(operation, response))
    }
    expect(problems.join('\n'), statuses.join('\n')).toEqual('')
    // Plausible requests mostly succeed: the test checks success bodies, not only error ones.
    const succeeded = statuses.filter((line) => line.startsWith('2'))
    expect(succeeded.length / statuses.length, statuses.join('\n')).toBeGreaterThanOrEqual(0.6)
    // The portal's operations were reached with the portal session, not refused as unauthenticated.
    const portal = statuses.filter((line) => line.includes(' /api/v1/portal/'))
    expect(
      portal.filter((line) => line.startsWith('401')),
      portal.join('\n'),
    ).toEqual([])
  })

  it('checks the error answers too: unknown ids, bad bodies and unknown parameters', async () => {
    // The first test ended its portal session (logout comes last): the portal operations get a new one.
    await openPortalSession(app, fixture)
    const check = responseChecker()
    const problems: string[] = []
    for (const operation of operations) {
      if (operation.isPublic) continue
      const values = Object.fromEntries(
        operation.parameters
          .filter((p) => p.in === 'path')
          .map((p) => [p.name, p.name === 'tenant' ? 'contract' : '999999999']),
      )
      const unknownId = await app.inject({
        method: operation.method as 'GET',
        url: urlOf(operation, values),
        headers: credentialsFor(fixture, operation),
        ...(operation.body ? { payload: { unexpected: true } } : {}),
      })
      problems.push(...check(operation, unknownId))
      // A portal logout ends the session the next portal calls need.
      if (operation.path.endsWith('/portal/logout')) await openPortalSession(app, fixture)
      const unknownParameter = await app.inject({
        method: operation.method as 'GET',
        url: urlOf(operation, { ...values, tenant: 'contract' }, { noSuchParameter: '1' }),
        headers: credentialsFor(fixture, operation),
      })
      expect(unknownParameter.statusCode, `${operation.method} ${operation.path}`).toBe(400)
      problems.push(...check(operation, unknownParameter))
    }
    expect(problems.join('\n')).toEqual('')
  })

  it('refuses every operation that is not public without credentials: 401 in the error format', async () => {
    const check = responseChecker()
    const guarded = operations.filter((operation) => !operation.isPublic)
    expect(guarded.length).toBeGreaterThanOrEqual(10)
    for (const operation of guarded) {
      const request = await plausibleRequest(store(), fixture, operation)
      const response = await app.inject(request)
      expect(response.statusCode, `${operation.method} ${request.url}`).toBe(401)
      expect(response.json().error.code).toBe('unauthenticated')
      expect(check(operation, response).join('\n')).toEqual('')
      const forged = await app.inject({ ...request, headers: { authorization: 'Bearer rcp_k_forged' } })
      expect(forged.statusCode, `${operation.method} ${request.url} with a forged key`).toBe(401)
    }
    const open = operations.filter((operation) => operation.isPublic).map((o) => `${o.method} ${o.path}`)
    expect(open.sort()).toEqual(['GET /health', 'POST /api/v1/auth/login', 'POST /api/v1/portal/session'])
  })

  it('keeps the API key off the portal and the portal session off the staff API: 401', async () => {
    await openPortalSession(app, fixture)
    const check = responseChecker()
    const portal = operations.filter((o) => o.path.startsWith('/api/v1/portal/') && !o.isPublic)
    expect(portal.length).toBeGreaterThanOrEqual(10)
    for (const operation of portal) {
      const request = await plausibleRequest(store(), fixture, operation)
      const response = await app.inject({ ...request, headers: fixture.headers })
      expect(response.statusCode, `${operation.method} ${request.url} with the API key`).toBe(401)
      expect(check(operation, response).join('\n')).toEqual('')
    }
    const staff = operations.filter((o) => !o.path.startsWith('/api/v1/portal/') && !o.isPublic)
    for (const operation of staff) {
      const request = await plausibleRequest(store(), fixture, operation)
      const response = await app.inject({ ...request, headers: fixture.portal?.headers ?? {} })
      expect(response.statusCode, `${operation.method} ${request.url} with the portal session`).toBe(401)
    }
  })
})
