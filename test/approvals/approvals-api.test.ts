import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { demoLoadDay, runDemoHistory } from '../../src/app/demo/demo-history.ts'
import { loadDemo } from '../../src/app/demo/load-demo.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { findTenantBySlug } from '../../src/store/tenant.repository.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { type ApiOperation, apiOperations, responseChecker } from '../support/openapi-operations.ts'

const TODAY = '2026-11-26'

describeEachDatabase('approval routes on the demo book after a week of daily runs', ({ store }) => {
  let app: FastifyInstance
  let operations: ApiOperation[]
  const check = responseChecker()
  /** The answer keeps the declared contract (status, schema: strict Ajv), as the contract test checks. */
  const keepsContract = (method: string, path: string, response: Parameters<typeof check>[1]) => {
    const operation = operations.find((o) => o.method === method && o.path === path)
    if (!operation) throw new Error(`no operation ${method} ${path}`)
    expect(check(operation, response).join('\n')).toEqual('')
  }
  beforeAll(async () => {
    // The demo book's playbooks hold demand letters, agency placements and write-off recommendations.
    for (const slug of ['appr', 'appr-other']) {
      await loadDemo(store(), {
        accounts: 120,
        seed: 1,
        asOf: demoLoadDay(TODAY),
        tenantSlug: slug,
        by: 'test',
      })
      const tenant = await findTenantBySlug(store().db, slug)
      if (!tenant) throw new Error(`no tenant ${slug}`)
      await runDemoHistory(store(), tenant, { from: demoLoadDay(TODAY), to: TODAY })
    }
    app = await buildServer(store(), { logStream: { write: () => {} } })
    operations = await apiOperations(app)
  }, 120_000)
  afterAll(async () => app?.close())
  const base = '/api/v1/tenants/appr'

  it('lists the held actions of a real run, approves one and rejects another', async () => {
    const api = await injectAs(app, store(), 'appr', 'manager')
    const list = await api(`${base}/approvals?limit=2`)
    expect(list.statusCode, list.body).toBe(200)
    keepsContract('GET', '/api/v1/tenants/{tenant}/approvals', list)
    const page = list.json()
    expect(page.items).toHaveLength(2)
    expect(page.nextCursor).toEqual(expect.any(String))
    const [first, second] = page.items
    expect(first).toMatchObject({ status: 'awaiting_approval', playbook: { id: expect.any(String) } })
    expect(first.action.type).toMatch(
      /^(produce_document|place_with_agency|recommend_write_off|create_task)$/,
    )
    const next = await api(`${base}/approvals?limit=2&cursor=${page.nextCursor}`)
    expect(next.statusCode).toBe(200)
    expect(next.json().items[0].id).not.toBe(first.id)

    const approved = await api({ method: 'POST', url: `${base}/approvals/${first.id}/approve` })
    expect(approved.statusCode, approved.body).toBe(200)
    keepsContract('POST', '/api/v1/tenants/{tenant}/approvals/{id}/approve', approved)
    expect(approved.json()).toMatchObject({
      id: first.id,
      status: 'pending',
      approvedBy: expect.stringMatching(/^api_key:/),
    })
    const again = await api({ method: 'POST', url: `${base}/approvals/${first.id}/approve` })
    expect(again.statusCode).toBe(409)
    keepsContract('POST', '/api/v1/tenants/{tenant}/approvals/{id}/approve', again)
    expect(again.json().error.code).toBe('approval_not_pending')

    const noReason = await api({ method: 'POST', url: `${base}/approvals/${second.id}/reject`, payload: {} })
    expect(noReason.statusCode).toBe(400)
    const empty = await api({
      method: 'POST',
      url: `${base}/approvals/${second.id}/reject`,
      payload: { reason: '' },
    })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.code).toBe('invalid_reason')
    const rejected = await api({
      method: 'POST',
      url: `${base}/approvals/${second.id}/reject`,
      payload: { reason: 'client asked us to wait' },
    })
    expect(rejected.statusCode, rejected.body).toBe(200)
    keepsContract('POST', '/api/v1/tenants/{tenant}/approvals/{id}/reject', rejected)
    expect(rejected.json()).toMatchObject({
      status: 'cancelled',
      cancelReason: expect.stringMatching(/^rejected by api_key:\d+: client asked us to wait$/),
    })
    const afterCancel = await api({ method: 'POST', url: `${base}/approvals/${second.id}/approve` })
    expect(afterCancel.statusCode).toBe(409)
    // The account's timeline shows who approved (journal kind).
    const timeline = await api(`${base}/accounts/${encodeURIComponent(first.account)}/timeline?kinds=journal`)
    expect(timeline.statusCode, timeline.body).toBe(200)
    expect(timeline.json().items).toContainEqual(
      expect.objectContaining({
        title: 'Held action approved',
        details: expect.objectContaining({ actor: expect.stringMatching(/^api_key:/) }),
      }),
    )
    const listed = (await api(`${base}/approvals?limit=500`)).json().items.map((i: { id: number }) => i.id)
    expect(listed).not.toContain(first.id)
    expect(listed).not.toContain(second.id)
  })

  it("another tenant's id is 404; a collector gets 403", async () => {
    const other = await injectAs(app, store(), 'appr-other', 'admin')
    const [foreign] = (await other('/api/v1/tenants/appr-other/approvals')).json().items
    const api = await injectAs(app, store(), 'appr', 'admin')
    const missing = await api({ method: 'POST', url: `${base}/approvals/${foreign.id}/approve` })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('approval_not_found')
    const collector = await injectAs(app, store(), 'appr', 'collector')
    const list = await collector(`${base}/approvals`)
    expect(list.statusCode).toBe(403)
    expect(list.json().error.code).toBe('forbidden')
    const [mine] = (await api(`${base}/approvals`)).json().items
    const act = await collector({ method: 'POST', url: `${base}/approvals/${mine.id}/approve` })
    expect(act.statusCode).toBe(403)
    expect((await api(`${base}/approvals`)).json().items[0].id).toBe(mine.id)
  })
})
