import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { type ApiFixture, loadApiFixture } from '../support/api-fixture.ts'
import { describeEachDatabase } from '../support/databases.ts'

describeEachDatabase(
  'placement routes: partners, place, file out, remittance in, status, recall',
  ({ store }) => {
    let app: FastifyInstance
    let fixture: ApiFixture
    let account = ''
    beforeAll(async () => {
      fixture = await loadApiFixture(store(), 'placements-api')
      const open = await store()
        .db.selectFrom('accounts as a')
        .innerJoin('tenants as t', 't.id', 'a.tenant_id')
        .select('a.external_id')
        .where('t.slug', '=', 'placements-api')
        .where('a.status', '=', 'open')
        .orderBy('a.id')
        .executeTakeFirstOrThrow()
      account = open.external_id
      app = await buildServer(store(), { logger: false })
    })
    afterAll(async () => app?.close())

    const base = '/api/v1/tenants/placements-api'
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject({ method, url: `${base}${url}`, headers: fixture.headers, ...(payload ? { payload } : {}) })

    it('adds and lists partners, places an account, exports its file and reconciles a remittance to the cent', async () => {
      const added = await call('POST', '/partners', {
        code: 'north',
        name: 'North Collections',
        kind: 'agency',
        remit: 'net',
        terms: { contingency: { basis: 'age', tiers: [{ from: 0, percent: '25' }] }, noSuccessNoFee: true },
      })
      expect(added.statusCode, added.body).toBe(201)
      const bad = await call('POST', '/partners', {
        code: 'x',
        name: 'X',
        kind: 'agency',
        remit: 'net',
        terms: {},
      })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().error.code).toBe('invalid_partner')
      expect((await call('GET', '/partners')).json().items.map((p: { code: string }) => p.code)).toEqual([
        'contract',
        'counsel',
        'default',
        'north',
      ])

      const placed = await call('POST', '/placements', { account, partner: 'north', placedOn: '2026-02-01' })
      expect(placed.statusCode, placed.body).toBe(201)
      const id = placed.json().id as number
      expect((await call('POST', '/placements', { account, partner: 'north' })).statusCode).toBe(409)
      const list = await call('GET', '/placements?status=active')
      expect(list.json().items).toEqual([expect.objectContaining({ id, account, partnerStatus: null })])

      const bodiless = await call('POST', '/partners/north/placement-file')
      expect(bodiless.statusCode, bodiless.body).toBe(200)
      const file = await call('POST', '/partners/north/placement-file', { asOf: '2026-02-01' })
      expect(file.statusCode, file.body).toBe(200)
      expect(file.headers['content-type']).toBe('text/csv; charset=utf-8')
      expect(file.body.split('\r\n')[1]?.startsWith(`${id},north,`)).toBe(true)

      const csv =
        'placement_id,account,paid_on,collected,commission_withheld,net_remitted,reference\r\n' +
        `${id},${account},2026-02-10,1.00,0.25,0.75,R-1\r\n` +
        `${id},${account},2026-02-11,0.10,0.03,0.06,R-2\r\n` +
        `${id},${account},2026-02-11,abc,0.03,0.06,R-3\r\n`
      const remitted = await call('POST', '/partners/north/remittances', { csv, fileName: 'north.csv' })
      expect(remitted.statusCode, remitted.body).toBe(201)
      const report = remitted.json()
      expect(report.lines.map((l: { status: string }) => l.status)).toEqual([
        'matched',
        'difference',
        'error',
      ])
      // 25 % of 0.10 is 0.025 -> 0.03 (half-up): 0.07 expected, 0.06 remitted.
      expect(report.totals).toEqual([
        expect.objectContaining({
          collectedMinor: 110,
          commissionDueMinor: 28,
          netExpectedMinor: 82,
          differenceMinor: -1,
        }),
      ])
      expect((await call('GET', `/remittances/${report.id}`)).json()).toEqual(report)
      expect((await call('GET', '/remittances?partner=north')).json().items).toHaveLength(1)
      expect((await call('GET', '/remittances/99999')).statusCode).toBe(404)
      const noColumn = await call('POST', '/partners/north/remittances', {
        csv: 'placement_id,account\r\n1,A\r\n',
      })
      expect(noColumn.statusCode).toBe(400)
      expect(noColumn.json().error.code).toBe('missing_columns')

      const status = await call('POST', '/partners/north/status-updates', {
        updates: [{ placementId: id, account, status: 'recall_requested', on: '2026-02-20' }],
      })
      expect(status.statusCode, status.body).toBe(200)
      expect(status.json().results).toEqual([
        { index: 0, placementId: id, outcome: 'recorded', needsAttention: true, problems: [] },
      ])
      const recalled = await call('POST', '/placements/recall', {
        account,
        reason: 'partner asked',
        recalledOn: '2026-02-21',
      })
      expect(recalled.statusCode, recalled.body).toBe(200)
      expect(recalled.json()).toMatchObject({ status: 'recalled', partnerStatus: 'recall_requested' })

      const perf = await call('GET', '/reports/partner-performance?from=2026-01-01&to=2026-03-31&format=csv')
      expect(perf.statusCode, perf.body).toBe(200)
      expect(perf.body.split(/\r?\n/)[1]).toMatch(/^north,2026-02,/)
    })
  },
)
