import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildServer } from '../../src/http/build-server.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { seedCallRows } from './task-fixtures.ts'

describeEachDatabase('call task routes', ({ store }) => {
  let app: FastifyInstance
  beforeAll(async () => {
    await seedCallRows(store().db, 'api-tasks', 3)
    await seedCallRows(store().db, 'api-tasks-other', 1)
    app = await buildServer(store(), { logStream: { write: () => {} } })
  })
  afterAll(async () => app?.close())
  const base = '/api/v1/tenants/api-tasks'

  it('lists the queue in pages, shows one task and records an outcome', async () => {
    const api = await injectAs(app, store(), 'api-tasks', 'collector')
    // includeBlocked: the real clock decides the calling window; the listing itself is what is tested.
    const first = await api(`${base}/tasks?limit=2&includeBlocked=true`)
    expect(first.statusCode, first.body).toBe(200)
    const page = first.json()
    expect(page.items).toHaveLength(2)
    expect(page.items[0]).toMatchObject({ account: 'ACC-3', status: 'open', currency: 'USD' })
    const rest = await api(`${base}/tasks?limit=2&includeBlocked=true&cursor=${page.nextCursor}`)
    expect(rest.json()).toMatchObject({ items: [{ account: 'ACC-1' }], nextCursor: null })
    const id = page.items[0].id as number
    const one = await api(`${base}/tasks/${id}`)
    expect(one.statusCode).toBe(200)
    expect(one.json().script).toContain('ACC-3')
    const outcome = await api({
      method: 'POST',
      url: `${base}/tasks/${id}/outcome`,
      payload: { outcome: 'promise_to_pay', amount: '25.00', currency: 'USD', date: '2027-01-15' },
    })
    expect(outcome.statusCode, outcome.body).toBe(200)
    expect(outcome.json()).toMatchObject({ task: { status: 'done', outcome: { outcome: 'promise_to_pay' } } })
    expect(outcome.json().promiseId).toEqual(expect.any(Number))
    const again = await api({
      method: 'POST',
      url: `${base}/tasks/${id}/outcome`,
      payload: { outcome: 'busy' },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('task_not_open')
    const bad = await api({
      method: 'POST',
      url: `${base}/tasks/${page.items[1].id}/outcome`,
      payload: { outcome: 'call_back' },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({ code: 'invalid_call_outcome', details: { field: 'at' } })
  })

  it("another tenant's task id is 404; a read_only key gets 403 on an outcome", async () => {
    const other = await injectAs(app, store(), 'api-tasks-other', 'admin')
    const [task] = (await other('/api/v1/tenants/api-tasks-other/tasks?includeBlocked=true')).json().items
    const api = await injectAs(app, store(), 'api-tasks', 'admin')
    const foreign = await api(`${base}/tasks/${task.id}`)
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json().error.code).toBe('task_not_found')
    const foreignOutcome = await api({
      method: 'POST',
      url: `${base}/tasks/${task.id}/outcome`,
      payload: { outcome: 'busy' },
    })
    expect(foreignOutcome.statusCode).toBe(404)
    const readOnly = await injectAs(app, store(), 'api-tasks-other', 'read_only')
    expect((await readOnly('/api/v1/tenants/api-tasks-other/tasks')).statusCode).toBe(200)
    const refused = await readOnly({
      method: 'POST',
      url: `/api/v1/tenants/api-tasks-other/tasks/${task.id}/outcome`,
      payload: { outcome: 'busy' },
    })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.code).toBe('forbidden')
  })
})
