import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'

const AS_OF = '2026-03-15'

function record(
  id: string,
  account: { currency: string; client: string | null; openedOn: string; dueOn: string },
  entries: [kind: 'charge' | 'payment', amountMinor: number, effectiveOn: string][],
): IntakeRecord {
  return {
    line: 1,
    debtor: { externalId: `debtor-${id}`, kind: 'person', name: `Debtor ${id}` },
    account: {
      externalId: id,
      clientExternalId: account.client,
      clientName: account.client ? `Client ${account.client}` : null,
      originalCreditor: 'Acme',
      currentCreditor: 'Acme',
      debtKind: 'consumer',
      currency: account.currency,
      jurisdiction: 'US-NY',
      openedOn: account.openedOn,
      dueOn: account.dueOn,
      status: 'open',
    },
    entries: entries.map(([kind, amountMinor, effectiveOn], i) => ({
      kind,
      amountMinor,
      effectiveOn,
      externalId: `e${i}`,
    })),
  }
}

/** Five accounts: 42 DPD part-paid, current, 165 DPD in EUR, paid off, and one opened after the as-of date. */
const RECORDS = [
  record('A1', { currency: 'USD', client: 'c1', openedOn: '2026-01-01', dueOn: '2026-02-01' }, [
    ['charge', 10_000, '2026-01-01'],
    ['payment', -2_500, '2026-03-01'],
  ]),
  record('A2', { currency: 'USD', client: 'c1', openedOn: '2026-03-01', dueOn: '2026-03-31' }, [
    ['charge', 5_000, '2026-03-01'],
  ]),
  record('A3', { currency: 'EUR', client: 'c2', openedOn: '2025-09-01', dueOn: '2025-10-01' }, [
    ['charge', 20_000, '2025-09-01'],
  ]),
  record('A4', { currency: 'USD', client: 'c2', openedOn: '2026-01-01', dueOn: '2026-02-01' }, [
    ['charge', 3_000, '2026-01-01'],
    ['payment', -3_000, '2026-02-10'],
  ]),
  record('A5', { currency: 'GBP', client: null, openedOn: '2026-04-01', dueOn: '2026-05-01' }, [
    ['charge', 900, '2026-04-01'],
  ]),
]

const row = (currency: string, cells: [number, number][]) => {
  const labels = ['current', '1-30', '31-60', '61-90', '91-120', '121+']
  const buckets = labels.map((label, i) => ({
    label,
    accounts: cells[i]?.[0] ?? 0,
    balanceMinor: cells[i]?.[1] ?? 0,
  }))
  return {
    currency,
    buckets,
    accounts: buckets.reduce((n, b) => n + b.accounts, 0),
    balanceMinor: buckets.reduce((n, b) => n + b.balanceMinor, 0),
  }
}

describeEachDatabase('HTTP API', ({ store }) => {
  let app: FastifyInstance
  let api: Awaited<ReturnType<typeof injectAs>>
  const logLines: string[] = []

  beforeAll(async () => {
    const tenant = await createTestTenant(store().db, 'acme')
    await createIntakeWriter(store(), tenant.id).write(RECORDS)
    app = await buildServer(store(), { logStream: { write: (line) => logLines.push(line) } })
    api = await injectAs(app, store(), 'acme', 'read_only')
  })
  afterAll(async () => app?.close())

  it('answers /health with the database kind and version, nothing secret', async () => {
    const response = await app.inject({ url: '/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok', database: store().dialect, version: '0.1.0' })
  })

  it('returns the aging report for a pinned date', async () => {
    const response = await api({ url: `/api/v1/tenants/acme/aging?asOf=${AS_OF}` })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      asOf: AS_OF,
      timeZone: 'UTC',
      bucketLabels: ['current', '1-30', '31-60', '61-90', '91-120', '121+'],
      totals: [
        row('EUR', [
          [0, 0],
          [0, 0],
          [0, 0],
          [0, 0],
          [0, 0],
          [1, 20_000],
        ]),
        row('USD', [
          [1, 5_000],
          [0, 0],
          [1, 7_500],
        ]),
      ],
      byClient: [
        {
          ...row('USD', [
            [1, 5_000],
            [0, 0],
            [1, 7_500],
          ]),
          clientExternalId: 'c1',
          clientName: 'Client c1',
        },
        {
          ...row('EUR', [
            [0, 0],
            [0, 0],
            [0, 0],
            [0, 0],
            [0, 0],
            [1, 20_000],
          ]),
          clientExternalId: 'c2',
          clientName: 'Client c2',
        },
      ],
    })
  })

  it('takes custom bucket bounds', async () => {
    const report = (await api({ url: `/api/v1/tenants/acme/aging?asOf=${AS_OF}&buckets=30,60` })).json()
    expect(report.bucketLabels).toEqual(['current', '1-30', '31-60', '61+'])
    expect(report.totals[0].buckets[3]).toEqual({ label: '61+', accounts: 1, balanceMinor: 20_000 })
  })

  it.each([
    ['asOf=2026-02-30', 'invalid_date', 'asOf'],
    ['asOf=yesterday', 'invalid_date', 'asOf'],
    ['buckets=30,x', 'invalid_buckets', 'buckets'],
    ['asOf=0000-01-01', 'invalid_date', null],
    ['asOf=9999-12-31', 'invalid_date', null],
    ['buckets=60,30', 'invalid_buckets', null],
    ['buckets=0', 'invalid_buckets', null],
  ])('rejects %s with 400 %s', async (query, code, field) => {
    const response = await api({ url: `/api/v1/tenants/acme/aging?${query}` })
    expect(response.statusCode).toBe(400)
    const body = response.json()
    expect(body).toEqual({ error: { code, message: expect.any(String), details: expect.anything() } })
    if (field) expect(body.error.details).toEqual([expect.objectContaining({ in: 'querystring', field })])
  })

  it('answers 404 in the error format for an unknown tenant and an unknown route', async () => {
    const tenant = await api({ url: '/api/v1/tenants/nobody/aging' })
    expect(tenant.statusCode).toBe(404)
    expect(tenant.json()).toEqual({
      error: { code: 'tenant_not_found', message: 'no tenant "nobody"', details: { tenant: 'nobody' } },
    })
    const route = await api({ url: '/api/v2/whatever?x=1' })
    expect(route.statusCode).toBe(404)
    expect(route.json()).toEqual({ error: { code: 'not_found', message: 'no route GET /api/v2/whatever' } })
  })

  it('publishes an OpenAPI 3.1 document listing the routes and their error format', async () => {
    const response = await api({ url: '/openapi.json' })
    expect(response.statusCode).toBe(200)
    const doc = response.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info).toMatchObject({ title: 'Recoup API', version: '0.1.0' })
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/auth/login',
      '/api/v1/auth/logout',
      '/api/v1/auth/session',
      '/api/v1/compliance/check',
      '/api/v1/portal/account',
      '/api/v1/portal/attorney',
      '/api/v1/portal/disputes',
      '/api/v1/portal/disputes/{id}/documents',
      '/api/v1/portal/documents/{kind}.pdf',
      '/api/v1/portal/hardship',
      '/api/v1/portal/logout',
      '/api/v1/portal/payments',
      '/api/v1/portal/plans',
      '/api/v1/portal/preferences',
      '/api/v1/portal/promises',
      '/api/v1/portal/session',
      '/api/v1/tenants/{tenant}/accounts',
      '/api/v1/tenants/{tenant}/accounts/{account}',
      '/api/v1/tenants/{tenant}/accounts/{account}/charge-off',
      '/api/v1/tenants/{tenant}/accounts/{account}/close',
      '/api/v1/tenants/{tenant}/accounts/{account}/dispute-evidence',
      '/api/v1/tenants/{tenant}/accounts/{account}/dispute-evidence/{id}',
      '/api/v1/tenants/{tenant}/accounts/{account}/disputes',
      '/api/v1/tenants/{tenant}/accounts/{account}/documents/{kind}.pdf',
      '/api/v1/tenants/{tenant}/accounts/{account}/evidence-pack.pdf',
      '/api/v1/tenants/{tenant}/accounts/{account}/evidence-pack.zip',
      '/api/v1/tenants/{tenant}/accounts/{account}/hardship',
      '/api/v1/tenants/{tenant}/accounts/{account}/plans',
      '/api/v1/tenants/{tenant}/accounts/{account}/portal-link',
      '/api/v1/tenants/{tenant}/accounts/{account}/promises',
      '/api/v1/tenants/{tenant}/accounts/{account}/settlements',
      '/api/v1/tenants/{tenant}/accounts/{account}/timeline',
      '/api/v1/tenants/{tenant}/accounts/{account}/transactions',
      '/api/v1/tenants/{tenant}/accounts/{account}/write-off',
      '/api/v1/tenants/{tenant}/aging',
      '/api/v1/tenants/{tenant}/api-keys',
      '/api/v1/tenants/{tenant}/api-keys/{id}/revoke',
      '/api/v1/tenants/{tenant}/approvals',
      '/api/v1/tenants/{tenant}/approvals/{id}/approve',
      '/api/v1/tenants/{tenant}/approvals/{id}/reject',
      '/api/v1/tenants/{tenant}/audit/events',
      '/api/v1/tenants/{tenant}/audit/verify',
      '/api/v1/tenants/{tenant}/bureau/au-listings',
      '/api/v1/tenants/{tenant}/bureau/metro2',
      '/api/v1/tenants/{tenant}/cases',
      '/api/v1/tenants/{tenant}/cases/{id}',
      '/api/v1/tenants/{tenant}/cases/{id}/close',
      '/api/v1/tenants/{tenant}/cases/{id}/evidence-pack.pdf',
      '/api/v1/tenants/{tenant}/cases/{id}/evidence-pack.zip',
      '/api/v1/tenants/{tenant}/cases/{id}/file',
      '/api/v1/tenants/{tenant}/cases/{id}/hearings',
      '/api/v1/tenants/{tenant}/contact-points/{id}',
      '/api/v1/tenants/{tenant}/credit/debtors/{debtor}',
      '/api/v1/tenants/{tenant}/credit/debtors/{debtor}/check',
      '/api/v1/tenants/{tenant}/credit/debtors/{debtor}/terms',
      '/api/v1/tenants/{tenant}/credit/policies',
      '/api/v1/tenants/{tenant}/credit/warnings',
      '/api/v1/tenants/{tenant}/dashboard',
      '/api/v1/tenants/{tenant}/debtors',
      '/api/v1/tenants/{tenant}/debtors/{debtor}',
      '/api/v1/tenants/{tenant}/disputes/{dispute}/resolve',
      '/api/v1/tenants/{tenant}/disputes/{dispute}/verification-sent',
      '/api/v1/tenants/{tenant}/follow-ups',
      '/api/v1/tenants/{tenant}/imports',
      '/api/v1/tenants/{tenant}/imports/{id}',
      '/api/v1/tenants/{tenant}/imports/{id}/rejects',
      '/api/v1/tenants/{tenant}/messages',
      '/api/v1/tenants/{tenant}/models',
      '/api/v1/tenants/{tenant}/models/{target}',
      '/api/v1/tenants/{tenant}/partners',
      '/api/v1/tenants/{tenant}/partners/{partner}/placement-file',
      '/api/v1/tenants/{tenant}/partners/{partner}/remittances',
      '/api/v1/tenants/{tenant}/partners/{partner}/status-updates',
      '/api/v1/tenants/{tenant}/payments',
      '/api/v1/tenants/{tenant}/payments/{reference}',
      '/api/v1/tenants/{tenant}/payments/{reference}/reverse',
      '/api/v1/tenants/{tenant}/placements',
      '/api/v1/tenants/{tenant}/placements/recall',
      '/api/v1/tenants/{tenant}/playbooks',
      '/api/v1/tenants/{tenant}/playbooks/validate',
      '/api/v1/tenants/{tenant}/playbooks/versions',
      '/api/v1/tenants/{tenant}/playbooks/versions/{id}',
      '/api/v1/tenants/{tenant}/playbooks/versions/{id}/activate',
      '/api/v1/tenants/{tenant}/playbooks/versions/{id}/simulate',
      '/api/v1/tenants/{tenant}/remittances',
      '/api/v1/tenants/{tenant}/remittances/{id}',
      '/api/v1/tenants/{tenant}/reports/{name}',
      '/api/v1/tenants/{tenant}/runs',
      '/api/v1/tenants/{tenant}/runs/{id}',
      '/api/v1/tenants/{tenant}/sales',
      '/api/v1/tenants/{tenant}/sales/{id}',
      '/api/v1/tenants/{tenant}/sales/{id}/bill-of-sale.pdf',
      '/api/v1/tenants/{tenant}/sales/{id}/buyback',
      '/api/v1/tenants/{tenant}/sales/{id}/cancel',
      '/api/v1/tenants/{tenant}/sales/{id}/close',
      '/api/v1/tenants/{tenant}/sales/{id}/file',
      '/api/v1/tenants/{tenant}/sales/{id}/value',
      '/api/v1/tenants/{tenant}/settings',
      '/api/v1/tenants/{tenant}/sink/messages',
      '/api/v1/tenants/{tenant}/sink/messages/{id}',
      '/api/v1/tenants/{tenant}/tasks',
      '/api/v1/tenants/{tenant}/tasks/{id}',
      '/api/v1/tenants/{tenant}/tasks/{id}/outcome',
      '/api/v1/tenants/{tenant}/unmatched-credits',
      '/api/v1/tenants/{tenant}/unmatched-credits/{reference}/apply',
      '/api/v1/tenants/{tenant}/users',
      '/api/v1/tenants/{tenant}/users/{id}/disable',
      '/api/v1/tenants/{tenant}/webhooks',
      '/api/v1/tenants/{tenant}/webhooks/{id}',
      '/api/v1/tenants/{tenant}/webhooks/{id}/deliveries',
      '/api/v1/tenants/{tenant}/webhooks/{id}/deliveries/{delivery}/replay',
      '/health',
    ])
    expect(Object.keys(doc.paths['/api/v1/tenants/{tenant}/payments'].post.responses).sort()).toEqual([
      '200',
      '201',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '414',
      '415',
      '422',
      '429',
    ])
    const aging = doc.paths['/api/v1/tenants/{tenant}/aging'].get
    expect(aging.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`).sort()).toEqual([
      'path:tenant',
      'query:asOf',
      'query:buckets',
    ])
    expect(Object.keys(aging.responses).sort()).toEqual(['200', '400', '401', '403', '404', '414', '429'])
    expect(doc.paths['/health'].get.security).toEqual([])
    expect(doc.paths['/api/v1/auth/login'].post.security).toEqual([])
    expect(doc.security).toEqual([{ apiKey: [] }, { session: [] }])
    expect(aging.responses['404'].content['application/json'].schema.required).toEqual(['error'])
  })

  it('logs requests by path only, never credentials or query strings', async () => {
    logLines.length = 0
    await app.inject({
      url: `/api/v1/tenants/acme/aging?asOf=${AS_OF}&email=jane@example.com`,
      headers: { authorization: 'Bearer very-secret-token', cookie: 'session=also-secret' },
    })
    const log = logLines.join('')
    expect(log).toContain('/api/v1/tenants/acme/aging')
    for (const secret of ['very-secret-token', 'also-secret', 'jane@example.com', 'asOf='])
      expect(log).not.toContain(secret)
  })
})
