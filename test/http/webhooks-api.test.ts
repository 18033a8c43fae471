import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { deliverWebhooks } from '../../src/app/webhooks/deliver-webhooks.ts'
import { buildServer } from '../../src/http/build-server.ts'
import { accountsWithDebt } from '../money/money-fixtures.ts'
import { injectAs } from '../support/auth.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { startReceiver } from '../webhooks/webhook-receiver.ts'

describeEachDatabase('/api/v1/tenants/:tenant/webhooks', ({ store }) => {
  let app: FastifyInstance
  let admin: Awaited<ReturnType<typeof injectAs>>
  let manager: Awaited<ReturnType<typeof injectAs>>
  let collector: Awaited<ReturnType<typeof injectAs>>
  let stranger: Awaited<ReturnType<typeof injectAs>>
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  const previous = process.env.RECOUP_WEBHOOK_ALLOW_PRIVATE
  beforeAll(async () => {
    process.env.RECOUP_WEBHOOK_ALLOW_PRIVATE = '1'
    await accountsWithDebt(store(), 'api-wh', [
      { externalId: 'INV-1', jurisdiction: 'DE', currency: 'EUR', principal: 10_000 },
    ])
    await accountsWithDebt(store(), 'api-wh-other', [
      { externalId: 'INV-1', jurisdiction: 'DE', currency: 'EUR', principal: 10_000 },
    ])
    app = await buildServer(store(), { logStream: { write: () => {} } })
    admin = await injectAs(app, store(), 'api-wh')
    manager = await injectAs(app, store(), 'api-wh', 'manager')
    collector = await injectAs(app, store(), 'api-wh', 'collector')
    stranger = await injectAs(app, store(), 'api-wh-other')
    receiver = await startReceiver()
  })
  afterAll(async () => {
    await app?.close()
    await receiver?.close()
    if (previous === undefined) delete process.env.RECOUP_WEBHOOK_ALLOW_PRIVATE
    else process.env.RECOUP_WEBHOOK_ALLOW_PRIVATE = previous
  })
  const base = '/api/v1/tenants/api-wh/webhooks'

  it('creates an endpoint (secret once), delivers a posted payment, pages the log, replays, and deletes', async () => {
    const created = await admin({
      method: 'POST',
      url: base,
      payload: { url: receiver.url, events: ['payment.received'] },
    })
    expect(created.statusCode, created.body).toBe(201)
    const endpoint = created.json()
    expect(endpoint.secret).toMatch(/^whsec_/)
    receiver.state.secret = endpoint.secret
    const listed = await manager({ method: 'GET', url: base })
    expect(listed.statusCode).toBe(200)
    expect(listed.body).not.toContain(endpoint.secret)
    expect(listed.json()).toHaveLength(1)
    for (const reference of ['w-1', 'w-2']) {
      const paid = await admin({
        method: 'POST',
        url: '/api/v1/tenants/api-wh/payments',
        payload: { account: 'INV-1', amount: '5.00', receivedOn: '2026-03-01', reference },
      })
      expect(paid.statusCode, paid.body).toBe(201)
    }
    expect(await deliverWebhooks(store(), {})).toMatchObject({ delivered: 2 })
    expect(receiver.received.filter((r) => r.verified).map((r) => r.payload?.type)).toEqual([
      'payment.received',
      'payment.received',
    ])
    const first = await manager({ method: 'GET', url: `${base}/${endpoint.id}/deliveries?limit=1` })
    expect(first.statusCode, first.body).toBe(200)
    const page = first.json()
    expect(page.items).toHaveLength(1)
    expect(page.items[0]).toMatchObject({ status: 'delivered', eventType: 'payment.received' })
    const second = await manager({
      method: 'GET',
      url: `${base}/${endpoint.id}/deliveries?limit=1&cursor=${page.nextCursor}`,
    })
    expect(second.json().items[0].id).toBeLessThan(page.items[0].id)
    const replay = await admin({
      method: 'POST',
      url: `${base}/${endpoint.id}/deliveries/${page.items[0].id}/replay`,
    })
    expect(replay.statusCode, replay.body).toBe(200)
    expect(replay.json()).toMatchObject({ status: 'pending', attempts: 0 })
    const disabled = await admin({
      method: 'PATCH',
      url: `${base}/${endpoint.id}`,
      payload: { enabled: false },
    })
    expect(disabled.json()).toMatchObject({
      status: 'disabled',
      disabledReason: expect.stringContaining('disabled by'),
    })
    // The cross-tenant case: another tenant's admin, addressing its own tenant with this id.
    const foreign = await stranger({
      method: 'GET',
      url: `/api/v1/tenants/api-wh-other/webhooks/${endpoint.id}`,
    })
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json().error.code).toBe('webhook_endpoint_not_found')
    const deleted = await admin({ method: 'DELETE', url: `${base}/${endpoint.id}` })
    expect(deleted.json()).toEqual({ deleted: true })
    expect((await admin({ method: 'GET', url: `${base}/${endpoint.id}` })).statusCode).toBe(404)
  })

  it('refuses bad URLs and unknown events (400), and non-admins (403)', async () => {
    const bad = await admin({ method: 'POST', url: base, payload: { url: 'ftp://x.test/' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('invalid_webhook_url')
    const unknown = await admin({
      method: 'POST',
      url: base,
      payload: { url: 'https://x.test/', events: ['nope'] },
    })
    expect(unknown.statusCode).toBe(400)
    const forbidden = await manager({ method: 'POST', url: base, payload: { url: 'https://x.test/' } })
    expect(forbidden.statusCode).toBe(403)
    expect((await collector({ method: 'GET', url: base })).statusCode).toBe(403)
  })

  it('accepts the events of unjournaled changes as filters', async () => {
    const events = ['account.stage_changed', 'message.sent', 'run.completed']
    const created = await admin({ method: 'POST', url: base, payload: { url: 'https://x.test/', events } })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json().eventTypes).toEqual(events)
    await admin({ method: 'DELETE', url: `${base}/${created.json().id}` })
  })
})
