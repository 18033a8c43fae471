import { afterAll, beforeAll, expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import type { AppContext } from '../../src/app/app-context.ts'
import { evaluateMoney } from '../../src/app/money/evaluate-money.ts'
import { openDispute } from '../../src/app/money/open-dispute.ts'
import { recordPromise } from '../../src/app/money/record-promise.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import { deliverWebhooks } from '../../src/app/webhooks/deliver-webhooks.ts'
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  updateWebhookEndpoint,
} from '../../src/app/webhooks/manage-webhook-endpoints.ts'
import { listWebhookDeliveries, replayWebhookDelivery } from '../../src/app/webhooks/webhook-deliveries.ts'
import { AppError } from '../../src/core/errors/index.ts'
import { appendJournalEvent } from '../../src/store/journal.repository.ts'
import { accountsWithDebt } from '../money/money-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { refusingUrl, startReceiver } from './webhook-receiver.ts'

const T0 = new Date('2026-03-10T12:00:00Z')
/** The deliverer's clock: a minute after the wall clock (events are enqueued at wall-clock time). */
const D0 = Date.now() + 60_000
/** A calendar day `days` after today (UTC): promises are taken today. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
const at = (seconds: number) => () => new Date(D0 + seconds * 1000)

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

let previous: string | undefined
beforeAll(() => {
  previous = process.env.RECOUP_WEBHOOK_ALLOW_PRIVATE
  process.env.RECOUP_WEBHOOK_ALLOW_PRIVATE = '1'
})
afterAll(() => {
  if (previous === undefined) delete process.env.RECOUP_WEBHOOK_ALLOW_PRIVATE
  else process.env.RECOUP_WEBHOOK_ALLOW_PRIVATE = previous
})

describeEachDatabase('outbound webhooks', ({ store }) => {
  const book = async (slug: string) => {
    const { tenant } = await accountsWithDebt(store(), slug, [
      { externalId: 'ACC-1', jurisdiction: 'US-NY', currency: 'USD', principal: 50_000 },
    ])
    const ctx: AppContext = { store: store(), actor: systemActor(tenant, 'test') }
    return { tenant, ctx }
  }
  const pay = (reference: string) => ({
    account: 'ACC-1',
    amount: '120.00',
    reference,
    receivedOn: '2026-03-01',
    source: 'api' as const,
    now: T0,
  })

  it('delivers payment.received, signed, after a payment is posted through the use case; replay sends it again', async () => {
    const { ctx } = await book('wh-e2e')
    const receiver = await startReceiver()
    try {
      const endpoint = await createWebhookEndpoint(ctx, { url: receiver.url, events: ['payment.received'] })
      expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)
      receiver.state.secret = endpoint.secret
      expect(JSON.stringify(await listWebhookEndpoints(ctx))).not.toContain(endpoint.secret)
      const posted = await postPayment(ctx, pay('R-1'))
      // A dispute is journaled too, but this endpoint filters on payment.received only.
      await openDispute(ctx, { account: 'ACC-1', reason: 'not mine', written: true })
      const counts = await deliverWebhooks(store(), { now: at(1) })
      expect(counts).toMatchObject({ delivered: 1, failed: 0, dead: 0 })
      expect(receiver.received).toHaveLength(1)
      const [first] = receiver.received
      expect(first?.verified).toBe(true)
      expect(first?.payload?.type).toBe('payment.received')
      expect(first?.payload?.data).toMatchObject({ paymentId: posted.paymentId, externalId: 'R-1' })
      expect(first?.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/)
      const page = await listWebhookDeliveries(ctx, { endpointId: endpoint.id })
      expect(page.items).toHaveLength(1)
      expect(page.items[0]).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204 })
      expect(await deliverWebhooks(store(), { now: at(2) })).toMatchObject({ delivered: 0 })

      const replayed = await replayWebhookDelivery(ctx, {
        endpointId: endpoint.id,
        deliveryId: page.items[0]?.id ?? 0,
        now: at(3)(),
      })
      expect(replayed).toMatchObject({ status: 'pending', attempts: 0 })
      expect(await deliverWebhooks(store(), { now: at(3) })).toMatchObject({ delivered: 1 })
      expect(receiver.received).toHaveLength(2)
      expect(receiver.received[1]?.verified).toBe(true)
      expect(receiver.received[1]?.headers['webhook-id']).toBe(first?.headers['webhook-id'])
    } finally {
      await receiver.close()
    }
  })

  it('retries a receiver answering 500 on the backoff schedule, marks the deliveries dead, then disables the endpoint', async () => {
    const { ctx, tenant } = await book('wh-500')
    const receiver = await startReceiver('error')
    try {
      // Filtered: each payment also re-decides the account, whose first stage is announced too.
      const endpoint = await createWebhookEndpoint(ctx, { url: receiver.url, events: ['payment.received'] })
      receiver.state.secret = endpoint.secret
      await postPayment(ctx, pay('R-1'))
      await postPayment(ctx, pay('R-2'))
      const options = { maxAttempts: 3, disableAfterDead: 2 }
      expect(await deliverWebhooks(store(), { ...options, now: at(0) })).toMatchObject({ failed: 2 })
      // 30 s after the first failure, not before.
      expect(await deliverWebhooks(store(), { ...options, now: at(29) })).toMatchObject({ failed: 0 })
      expect(await deliverWebhooks(store(), { ...options, now: at(30) })).toMatchObject({ failed: 2 })
      // Then 2 minutes.
      expect(await deliverWebhooks(store(), { ...options, now: at(30 + 119) })).toMatchObject({ dead: 0 })
      expect(await deliverWebhooks(store(), { ...options, now: at(30 + 120) })).toMatchObject({
        dead: 2,
        disabled: 1,
      })
      expect(receiver.received).toHaveLength(6)
      expect(receiver.received.every((r) => r.verified)).toBe(true)
      const page = await listWebhookDeliveries(ctx, { endpointId: endpoint.id, limit: 1 })
      expect(page.items[0]).toMatchObject({ status: 'dead', attempts: 3, lastStatusCode: 500 })
      expect(page.items[0]?.lastError).toContain('receiver broke')
      const next = await listWebhookDeliveries(ctx, {
        endpointId: endpoint.id,
        cursor: page.nextCursor ?? '',
      })
      expect(next.items.map((d) => d.id)).not.toContain(page.items[0]?.id)
      expect(next.items).toHaveLength(1)
      const shown = await getWebhookEndpoint(ctx, { id: endpoint.id })
      expect(shown).toMatchObject({ status: 'disabled', consecutiveFailures: 2 })
      expect(shown.disabledReason).toContain('HTTP 500')
      const journaled = await store()
        .db.selectFrom('journal_events')
        .select(['subject'])
        .where('tenant_id', '=', tenant.id)
        .where('type', '=', 'webhook_endpoint.disabled')
        .execute()
      expect(journaled).toEqual([{ subject: `webhook_endpoint:${endpoint.id}` }])
      // A disabled endpoint gets nothing new; enabling it clears the count.
      await postPayment(ctx, pay('R-3'))
      const enabled = await updateWebhookEndpoint(ctx, { id: endpoint.id, enabled: true })
      expect(enabled).toMatchObject({ status: 'enabled', consecutiveFailures: 0, disabledReason: null })
      expect((await listWebhookDeliveries(ctx, { endpointId: endpoint.id })).items).toHaveLength(2)
    } finally {
      await receiver.close()
    }
  })

  it('records a refused connection and a receiver slower than the timeout as failed attempts', async () => {
    const { ctx } = await book('wh-down')
    const slow = await startReceiver({ slowMs: 5_000 })
    try {
      const events = ['payment.received']
      const down = await createWebhookEndpoint(ctx, { url: await refusingUrl(), events })
      const late = await createWebhookEndpoint(ctx, { url: slow.url, events })
      slow.state.secret = late.secret
      await postPayment(ctx, pay('R-1'))
      expect(await deliverWebhooks(store(), { now: at(0), timeoutMs: 300 })).toMatchObject({ failed: 2 })
      const [refused] = (await listWebhookDeliveries(ctx, { endpointId: down.id })).items
      expect(refused).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null })
      expect(refused?.lastError).toContain('ECONNREFUSED')
      expect(refused?.nextAttemptAt).toBe(new Date(D0 + 30_000).toISOString())
      const [timedOut] = (await listWebhookDeliveries(ctx, { endpointId: late.id })).items
      expect(timedOut).toMatchObject({ status: 'failed', attempts: 1, lastError: 'no answer within 300 ms' })
      expect(slow.received).toHaveLength(1)
      expect(slow.received[0]?.verified).toBe(true)
    } finally {
      await slow.close()
    }
  })

  it('announces a promise made through its use case and broken by the daily money evaluation', async () => {
    const { ctx } = await book('wh-promise')
    const receiver = await startReceiver()
    try {
      const endpoint = await createWebhookEndpoint(ctx, {
        url: receiver.url,
        events: ['promise.made', 'promise.broken'],
      })
      receiver.state.secret = endpoint.secret
      await recordPromise(ctx, {
        account: 'ACC-1',
        amount: '50.00',
        dueOn: day(1),
        channel: 'phone',
        takenBy: 'x',
      })
      await evaluateMoney(ctx, { asOf: day(60) })
      expect(await deliverWebhooks(store(), { now: at(0) })).toMatchObject({ delivered: 2 })
      expect(receiver.received.map((r) => r.verified && r.payload?.type)).toEqual([
        'promise.made',
        'promise.broken',
      ])
    } finally {
      await receiver.close()
    }
  })

  it('enqueues nothing when the change rolls back', async () => {
    const { ctx, tenant } = await book('wh-rollback')
    const endpoint = await createWebhookEndpoint(ctx, { url: 'https://hooks.example.test/in' })
    const count = async (db = store().db) =>
      Number(
        (
          await db
            .selectFrom('webhook_deliveries')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('endpoint_id', '=', endpoint.id)
            .executeTakeFirstOrThrow()
        ).n,
      )
    const failure = await store()
      .db.transaction()
      .execute(async (trx) => {
        await appendJournalEvent(trx, {
          tenantId: tenant.id,
          type: 'dispute.opened',
          actor: 'system:test',
          subject: 'account:1',
          payload: { disputeId: 1 },
        })
        expect(await count(trx)).toBe(1)
        throw new Error('the change fails after its journal event')
      })
      .catch((e: Error) => e.message)
    expect(failure).toBe('the change fails after its journal event')
    expect(await count()).toBe(0)
    // A failing use case (unknown account) leaves nothing either.
    await appError(postPayment(ctx, { ...pay('R-9'), account: 'NOPE' }))
    expect(await count()).toBe(0)
  })

  it("answers another tenant's endpoint and delivery ids as not found", async () => {
    const { ctx } = await book('wh-owner')
    const { ctx: other } = await book('wh-other')
    const endpoint = await createWebhookEndpoint(ctx, { url: 'https://hooks.example.test/in' })
    await postPayment(ctx, pay('R-1'))
    const [delivery] = (await listWebhookDeliveries(ctx, { endpointId: endpoint.id })).items
    expect(delivery).toBeDefined()
    const id = endpoint.id
    for (const attempt of [
      () => getWebhookEndpoint(other, { id }),
      () => listWebhookDeliveries(other, { endpointId: id }),
      () => updateWebhookEndpoint(other, { id, enabled: false }),
      () => deleteWebhookEndpoint(other, { id }),
      () => replayWebhookDelivery(other, { endpointId: id, deliveryId: delivery?.id ?? 0 }),
    ])
      expect((await appError(attempt())).code).toBe('webhook_endpoint_not_found')
    const own = await createWebhookEndpoint(other, { url: 'https://hooks.example.test/other' })
    const replay = await appError(
      replayWebhookDelivery(other, { endpointId: own.id, deliveryId: delivery?.id ?? 0 }),
    )
    expect(replay.code).toBe('webhook_delivery_not_found')
    expect(await getWebhookEndpoint(ctx, { id })).toMatchObject({ status: 'enabled' })
    await deleteWebhookEndpoint(ctx, { id })
    expect((await appError(getWebhookEndpoint(ctx, { id }))).code).toBe('webhook_endpoint_not_found')
  })

  it('refuses URLs that are not http(s), carry credentials, or point at private addresses unless allowed', async () => {
    const { ctx } = await book('wh-urls')
    for (const url of ['ftp://example.test/', 'https://user:pw@example.test/', 'not a url'])
      expect((await appError(createWebhookEndpoint(ctx, { url }))).code).toBe('invalid_webhook_url')
    expect(
      (await appError(createWebhookEndpoint(ctx, { url: 'https://x.test/', events: ['nope'] }))).code,
    ).toBe('invalid_option')
    process.env.RECOUP_WEBHOOK_ALLOW_PRIVATE = '0'
    try {
      for (const url of ['http://127.0.0.1:9/', 'http://localhost/', 'http://10.1.2.3/', 'http://[::1]/'])
        expect((await appError(createWebhookEndpoint(ctx, { url }))).message).toContain(
          'RECOUP_WEBHOOK_ALLOW_PRIVATE',
        )
      expect((await createWebhookEndpoint(ctx, { url: 'https://hooks.example.test/' })).status).toBe(
        'enabled',
      )
    } finally {
      process.env.RECOUP_WEBHOOK_ALLOW_PRIVATE = '1'
    }
  })
})
