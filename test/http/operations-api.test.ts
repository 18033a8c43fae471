import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { REPORT_NAMES } from '../../src/http/routes/reports.schema.ts'
import { documentAccounts } from '../documents/document-fixtures.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'

type Api = Awaited<ReturnType<typeof injectAs>>

describeEachDatabase('operations over HTTP: documents, runs, reports, models, audit', ({ store }) => {
  let app: FastifyInstance
  let admin: Api
  let readOnly: Api
  let collector: Api
  let other: Api
  const a = '/api/v1/tenants/ops-a'
  const b = '/api/v1/tenants/ops-b'

  beforeAll(async () => {
    await documentAccounts(store(), 'ops-a')
    await documentAccounts(store(), 'ops-b')
    app = await buildServer(store(), { logger: false })
    admin = await injectAs(app, store(), 'ops-a', 'admin')
    readOnly = await injectAs(app, store(), 'ops-a', 'read_only')
    collector = await injectAs(app, store(), 'ops-a', 'collector')
    other = await injectAs(app, store(), 'ops-b', 'admin')
  })
  afterAll(async () => app?.close())

  /** Polls a run until it completes (bounded by count, not by time). */
  async function completed(api: Api, base: string, id: number) {
    for (let i = 0; i < 500; i++) {
      const run = (await api(`${base}/runs/${id}`)).json()
      if (run.status === 'completed') return run
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error(`run ${id} did not complete`)
  }

  it('renders an account document as a PDF download', async () => {
    const response = await collector(
      `${a}/accounts/US-1/documents/validation-notice.pdf?paper=letter&mailingDate=2026-11-20`,
    )
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200)
    expect(response.headers['content-type']).toBe('application/pdf')
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="validation-notice-2026-11-20.pdf"',
    )
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  })

  it.each([
    ['/accounts/US-1/documents/nope.pdf', 400, 'invalid_document_kind'],
    ['/accounts/US-1/documents/statement.pdf?paper=A5', 400, 'invalid_paper_size'],
    ['/accounts/US-1/documents/statement.pdf?mailingDate=2026-02-30', 400, 'invalid_date'],
    ['/accounts/US-1/documents/statement.pdf?locale=tlh', 400, 'invalid_locale'],
    ['/accounts/NOPE/documents/statement.pdf', 404, 'account_not_found'],
  ])('refuses the document %s with %i %s', async (path, status, code) => {
    const response = await admin(`${a}${path}`)
    expect(response.statusCode, response.body).toBe(status)
    expect(response.headers['content-type']).toContain('application/json')
    expect(response.json().error.code).toBe(code)
  })

  it('keeps documents to the roles that send letters', async () => {
    const response = await readOnly(`${a}/accounts/US-1/documents/statement.pdf`)
    expect(response.statusCode).toBe(403)
    expect(response.json().error.details).toEqual({ permission: 'documents.render' })
  })

  it('starts the daily run in the background, then shows its progress and summary', async () => {
    const refused = await readOnly({ method: 'POST', url: `${a}/runs`, payload: { asOf: '2026-11-20' } })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.details).toEqual({ permission: 'runs.start' })
    const started = await admin({ method: 'POST', url: `${a}/runs`, payload: { asOf: '2026-11-20' } })
    expect(started.statusCode, started.body).toBe(202)
    const run = started.json()
    expect(run).toMatchObject({ asOf: '2026-11-20' })
    expect(['running', 'completed']).toContain(run.status)
    const done = await completed(readOnly, a, run.id)
    expect(done.batchesDone).toBe(done.batchesTotal)
    expect(done.batchesTotal).toBeGreaterThan(0)
    expect(done.summary.accounts).toBeGreaterThan(0)
    expect(done.errors).toEqual([])
    // The same day again answers the same run.
    const again = await admin({ method: 'POST', url: `${a}/runs`, payload: { asOf: '2026-11-20' } })
    expect(again.json().id).toBe(run.id)
    await completed(admin, a, run.id)
    const second = await admin({ method: 'POST', url: `${a}/runs`, payload: { asOf: '2026-11-21' } })
    const secondDone = await completed(admin, a, second.json().id)
    // The first day decides every open account; the next only those due (docs/daily-run.md).
    expect(done.mode).toBe('full')
    expect(secondDone.mode).toBe('incremental')
    expect(secondDone.summary.accounts).toBeLessThanOrEqual(done.summary.accounts)
    const page1 = (await readOnly(`${a}/runs?limit=1`)).json()
    expect(page1.items.map((r: { asOf: string }) => r.asOf)).toEqual(['2026-11-21'])
    const page2 = (await readOnly(`${a}/runs?limit=1&cursor=${page1.nextCursor}`)).json()
    expect(page2.items.map((r: { asOf: string }) => r.asOf)).toEqual(['2026-11-20'])
    expect(page2.nextCursor).toBeNull()
  })

  it('refuses bad run requests', async () => {
    for (const [payload, code] of [
      [{ asOf: '2026-13-01' }, 'invalid_date'],
      [{ asOf: '2026-11-20', extra: 1 }, 'unknown_parameter'],
      [{ batchSize: 0 }, 'invalid_option'],
      [{ full: 'yes' }, 'invalid_request'],
    ] as const) {
      const response = await admin({ method: 'POST', url: `${a}/runs`, payload })
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json().error.code).toBe(code)
    }
    const missing = await admin(`${a}/runs/999999`)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('run_not_found')
  })

  it("never shows another tenant's run, even by its id", async () => {
    const theirs = await other({ method: 'POST', url: `${b}/runs`, payload: { asOf: '2026-11-22' } })
    expect(theirs.statusCode, theirs.body).toBe(202)
    const id = theirs.json().id as number
    await completed(other, b, id)
    const response = await admin(`${a}/runs/${id}`)
    expect(response.statusCode).toBe(404)
    expect(response.json().error.code).toBe('run_not_found')
    const mine = (await admin(`${a}/runs`)).json()
    expect(mine.items.map((r: { id: number }) => r.id)).not.toContain(id)
  })

  it.each(REPORT_NAMES.filter((n) => n !== 'score-monitoring'))(
    'answers the %s report as JSON and as CSV',
    async (name) => {
      const query = name === 'champion-challenger' ? '?asOf=2026-11-30' : ''
      const json = await readOnly(`${a}/reports/${name}${query}`)
      expect(json.statusCode, json.body).toBe(200)
      const table = json.json()
      expect(table.columns.length).toBeGreaterThan(0)
      const byParam = await readOnly(`${a}/reports/${name}${query}${query ? '&' : '?'}format=csv`)
      expect(byParam.statusCode, byParam.body).toBe(200)
      expect(byParam.headers['content-type']).toBe('text/csv; charset=utf-8')
      expect(byParam.body.split('\n')[0]).toBe(table.columns.join(','))
      expect(byParam.body.trimEnd().split('\n')).toHaveLength(table.rows.length + 1)
      const byAccept = await readOnly({
        url: `${a}/reports/${name}${query}`,
        headers: { accept: 'text/csv' },
      })
      expect(byAccept.body).toBe(byParam.body)
    },
  )

  it('refuses bad report requests', async () => {
    for (const [path, status, code] of [
      ['/reports/nope', 400, 'invalid_request'],
      ['/reports/roll-rates?from=2026-06-01&to=2026-01-01', 400, 'invalid_period'],
      ['/reports/roll-rates?format=xml', 400, 'invalid_format'],
      ['/reports/channel-effectiveness?withinDays=-1', 400, 'invalid_option'],
      ['/reports/channel-effectiveness?withinDays=many', 400, 'invalid_option'],
      ['/reports/score-monitoring', 400, 'missing_option'],
      ['/reports/score-monitoring?target=nope', 400, 'invalid_target'],
      ['/reports/score-monitoring?target=pay_30', 404, 'model_not_found'],
      ['/models/pay_30', 404, 'model_not_found'],
      ['/models/nope', 400, 'invalid_target'],
    ] as const) {
      const response = await readOnly(`${a}${path}`)
      expect(response.statusCode, `${path} ${response.body}`).toBe(status)
      expect(response.json().error.code, path).toBe(code)
    }
    const models = await readOnly(`${a}/models`)
    expect(models.statusCode).toBe(200)
    expect(models.json()).toEqual({ items: [] })
  })

  it('lists the audit journal with filters and pages, and verifies it', async () => {
    const all = await admin(`${a}/audit/events?limit=500`)
    expect(all.statusCode, all.body).toBe(200)
    const events = all.json().items as { seq: number; type: string; actor: string }[]
    expect(events.length).toBeGreaterThan(1)
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((x, y) => x - y))
    const type = events[0]?.type as string
    const filtered = (await admin(`${a}/audit/events?type=${encodeURIComponent(type)}`)).json().items
    expect(filtered.length).toBe(events.filter((e) => e.type === type).length)
    const first = (await admin(`${a}/audit/events?limit=1`)).json()
    expect(first.items).toHaveLength(1)
    const next = (await admin(`${a}/audit/events?limit=1&cursor=${first.nextCursor}`)).json()
    expect(next.items[0].seq).toBeGreaterThan(first.items[0].seq)
    const futureResponse = await admin(`${a}/audit/events?from=2199-01-01`)
    expect(futureResponse.statusCode, futureResponse.body).toBe(200)
    const future = futureResponse.json()
    expect(future.items).toEqual([])
    const verdict = await admin({ method: 'POST', url: `${a}/audit/verify` })
    expect(verdict.statusCode, verdict.body).toBe(200)
    expect(verdict.json()).toMatchObject({ intact: true, tenants: [{ tenant: 'ops-a', firstBreak: null }] })
    for (const [api, method, path, permission] of [
      [readOnly, 'GET', '/audit/events', 'audit.read'],
      [collector, 'GET', '/audit/events', 'audit.read'],
      [readOnly, 'POST', '/audit/verify', 'audit.verify'],
    ] as const) {
      const response = await api({ method, url: `${a}${path}` })
      expect(response.statusCode, path).toBe(403)
      expect(response.json().error.details).toEqual({ permission })
    }
    const bad = await admin(`${a}/audit/events?cursor=abc&sort=seq`)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('invalid_cursor')
  })

  it('validates a playbook with line and field errors, saving nothing', async () => {
    const text = readFileSync(new URL('../../playbooks/consumer-agency.yaml', import.meta.url), 'utf8')
    const url = `${a}/playbooks/validate`
    const good = await admin({ method: 'POST', url, payload: { document: text } })
    expect(good.statusCode, good.body).toBe(200)
    expect(good.json()).toMatchObject({ valid: true, id: expect.any(String) })
    expect(good.json().stages.length).toBeGreaterThan(1)
    const broken = text.replace('    minDays: 35\n', '    minDays: 35\n    colour: red\n')
    expect(broken).not.toBe(text)
    const bad = await admin({ method: 'POST', url, payload: { document: broken, format: 'yaml' } })
    expect(bad.statusCode, bad.body).toBe(400)
    expect(bad.json().error.code).toBe('invalid_playbook')
    const problem = bad.json().error.details[0]
    expect(problem).toMatchObject({ path: expect.stringContaining('colour'), line: expect.any(Number) })
    expect(problem.line).toBeGreaterThan(1)
    const refused = await readOnly({ method: 'POST', url, payload: { document: text } })
    expect(refused.statusCode).toBe(403)
  })

  it('answers odd inputs with a 4xx in the error format, never a 500', async () => {
    const odd: [string, string, unknown?][] = [
      ['GET', `${a}/accounts/%00/documents/statement.pdf`],
      ['GET', `${a}/accounts/US-1/documents/statement.pdf?locale=zz`],
      ['GET', `${a}/runs/abc`],
      ['GET', `${a}/runs/0`],
      ['GET', `${a}/runs?sort=bogus`],
      ['GET', `${a}/runs?limit=0`],
      ['POST', `${a}/runs`, ['not', 'an', 'object']],
      ['POST', `${a}/runs`, { asOf: 20261120 }],
      ['GET', `${a}/models/pay_30?version=abc`],
      ['GET', `${a}/reports/vintages?from=2026-02-30`],
      ['GET', `${a}/reports/champion-challenger?asOf=x`],
      ['GET', `${a}/audit/events?to=2026-01-01&from=x`],
      ['GET', `${a}/audit/events?limit=501`],
      ['GET', `${a}/audit/events?type=%00`],
      ['GET', `${a}/audit/events?actor=a%00b`],
      ['POST', `${a}/playbooks/validate`, { document: '{"id": ' }],
      ['POST', `${a}/playbooks/validate`, { document: 'a: [' }],
      ['POST', `${a}/playbooks/validate`, { document: 'just text' }],
      ['POST', `${a}/playbooks/validate`, { document: '' }],
    ]
    for (const [method, url, payload] of odd) {
      const response = await admin({
        method: method as 'GET',
        url,
        ...(payload !== undefined ? { payload: payload as object } : {}),
      })
      expect(response.statusCode, `${method} ${url} ${response.body}`).toBeGreaterThanOrEqual(400)
      expect(response.statusCode, `${method} ${url} ${response.body}`).toBeLessThan(500)
      expect(response.json().error.code, url).toEqual(expect.any(String))
    }
  })
})
