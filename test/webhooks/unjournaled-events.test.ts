import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import type { AppContext } from '../../src/app/app-context.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import { createWebhookEndpoint } from '../../src/app/webhooks/manage-webhook-endpoints.ts'
import type { WebhookEventType } from '../../src/core/webhooks/webhook-events.ts'
import { Dispatcher } from '../../src/outreach/dispatch/dispatcher.ts'
import { loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import { completeRun, getRun } from '../../src/store/engine/run.repository.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { enqueueWebhookEvents } from '../../src/store/webhooks/webhook-outbox.repository.ts'
import { accountsWithDebt } from '../money/money-fixtures.ts'
import { SEND_AT, seedOutbox } from '../outreach/outreach-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'
import { runDaily } from '../support/run-daily.ts'

const AS_OF = '2026-03-02'
const LINKS = { replyDomain: 'replies.example.test', publicUrl: 'https://collect.example.test' }
const ENDPOINT = 'https://hooks.example.test/in'

/** A sender that accepts every message. */
const accepting = (slug: string) => ({
  provider: 'test',
  channel: 'email' as const,
  send: async () => ({ status: 'accepted', providerMessageId: `<${slug}-${Math.random()}@test>` }) as const,
})

/** The changes written without a journal event: stage moves, sent messages, completed runs. */
describeEachDatabase('webhooks of unjournaled changes', ({ store }) => {
  const ctxOf = (tenant: Tenant): AppContext => ({ store: store(), actor: systemActor(tenant, 'test') })
  const book = (slug: string) =>
    accountsWithDebt(store(), slug, [
      { externalId: 'ACC-1', jurisdiction: 'US-NY', currency: 'USD', principal: 50_000 },
      { externalId: 'ACC-2', jurisdiction: 'US-NY', currency: 'USD', principal: 70_000 },
    ])
  /** The tenant's enqueued events of `type`, oldest first, as receivers will get them. */
  const enqueued = async (tenantId: number, type?: WebhookEventType) => {
    const rows = await store()
      .db.selectFrom('webhook_deliveries')
      .select(['event_type', 'payload'])
      .where('tenant_id', '=', tenantId)
      .$if(type !== undefined, (qb) => qb.where('event_type', '=', type as WebhookEventType))
      .orderBy('id')
      .execute()
    return rows.map((r) => JSON.parse(r.payload) as { type: string; data: Record<string, unknown> })
  }

  it('announces each stage move of the daily run and of a re-evaluation, once, with ids and facts only', async () => {
    const { tenant, ids } = await book('wh-stages')
    await createWebhookEndpoint(ctxOf(tenant), { url: ENDPOINT, events: ['account.stage_changed'] })
    const result = await runDaily(store(), { tenant, asOf: AS_OF, playbooks: loadDefaultPlaybooks() })
    if (result.status !== 'completed') throw new Error('expected an in-process run')
    const decisions = await store()
      .db.selectFrom('decisions')
      .select(['account_id', 'from_stage', 'to_stage'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('account_id')
      .execute()
    expect(decisions).toHaveLength(2)
    const moves = await enqueued(tenant.id)
    expect(moves.map((m) => m.data)).toEqual(
      decisions.map((d) => ({
        accountId: d.account_id,
        from: d.from_stage,
        to: d.to_stage,
        runId: result.summary.runId,
        asOf: AS_OF,
      })),
    )
    expect(moves.every((m) => m.type === 'account.stage_changed' && m.data.from === null)).toBe(true)
    expect(result.summary.stageMoves).toBe(2)
    expect(JSON.stringify(moves)).not.toContain('Debtor')

    // Forcing the day again records no new decision, so nothing is announced twice.
    await runDaily(store(), { tenant, asOf: AS_OF, playbooks: loadDefaultPlaybooks(), force: true })
    expect(await enqueued(tenant.id)).toHaveLength(2)

    // Paying ACC-1 in full re-decides it in the payment's transaction: a move with no run.
    const account = ids.get('ACC-1') ?? 0
    const before = decisions.find((d) => d.account_id === account)?.to_stage
    await postPayment(ctxOf(tenant), {
      account: 'ACC-1',
      amount: '500.00',
      reference: 'R-1',
      receivedOn: AS_OF,
      source: 'api',
    })
    const after = await store()
      .db.selectFrom('strategy_states')
      .select('stage')
      .where('account_id', '=', account)
      .executeTakeFirstOrThrow()
    expect(after.stage).not.toBe(before)
    const [reevaluated, ...more] = (await enqueued(tenant.id)).slice(2)
    expect(more).toEqual([])
    expect(reevaluated?.data).toMatchObject({
      accountId: account,
      from: before,
      to: after.stage,
      runId: null,
    })
  })

  it('announces run.completed once with the summary counts, only from the call that completed the run', async () => {
    const { tenant } = await book('wh-run')
    await createWebhookEndpoint(ctxOf(tenant), { url: ENDPOINT, events: ['run.completed'] })
    const result = await runDaily(store(), { tenant, asOf: AS_OF, playbooks: loadDefaultPlaybooks() })
    if (result.status !== 'completed') throw new Error('expected an in-process run')
    const { summary } = result
    const events = await enqueued(tenant.id)
    expect(events).toEqual([
      {
        type: 'run.completed',
        timestamp: expect.any(String),
        data: {
          runId: summary.runId,
          asOf: AS_OF,
          batches: summary.batches,
          accounts: 2,
          decisions: 2,
          stageMoves: 2,
          actionsScheduled: summary.actionsScheduled,
          actionsAwaitingApproval: summary.actionsAwaitingApproval,
          actionsBlocked: summary.actionsBlocked,
          blockedByRule: summary.blockedByRule,
          errors: 0,
        },
      },
    ])
    // Another process finishing the same run, and the same day run again, announce nothing.
    expect(await completeRun(store().db, summary.runId, summary)).toBe(false)
    const again = await runDaily(store(), { tenant, asOf: AS_OF, playbooks: loadDefaultPlaybooks() })
    expect(again.status === 'completed' && again.alreadyCompleted).toBe(true)
    expect(await enqueued(tenant.id)).toHaveLength(1)
    // The stored summary is whole, not only the announced counts.
    expect(JSON.parse((await getRun(store().db, summary.runId)).counts ?? '{}')).toEqual(summary)
  })

  it('announces message.sent when the provider accepts a message, with the accounts it carries', async () => {
    const { tenant } = await seedOutbox(store().db, 'wh-sent', [{ accounts: 2 }, { accounts: 1 }])
    await createWebhookEndpoint(ctxOf(tenant), { url: ENDPOINT, events: ['message.sent'] })
    const dispatcher = new Dispatcher({
      store: store(),
      senders: { email: accepting('wh-sent') },
      links: LINKS,
      now: () => SEND_AT,
    })
    expect(await dispatcher.dispatchAll()).toMatchObject({ sent: 2 })
    const messages = await store()
      .db.selectFrom('message_accounts')
      .select(['message_id', 'account_id'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('outbox_id')
      .execute()
    const expected = [...new Set(messages.map((m) => m.message_id))].sort().map((messageId) => ({
      messageId,
      channel: 'email',
      accountIds: messages.filter((m) => m.message_id === messageId).map((m) => m.account_id),
    }))
    const events = await enqueued(tenant.id, 'message.sent')
    expect(events.map((e) => e.data).sort((a, b) => Number(a.messageId) - Number(b.messageId))).toEqual(
      expected,
    )
    expect(expected.map((e) => e.accountIds.length).sort()).toEqual([1, 2])
    expect(JSON.stringify(events)).not.toContain('@')
    expect(await dispatcher.dispatchAll()).toMatchObject({ sent: 0 })
    expect(await enqueued(tenant.id)).toHaveLength(2)
  })

  it('enqueues nothing for a tenant without endpoints', async () => {
    const { tenant } = await book('wh-none')
    // An endpoint of another tenant must not catch this tenant's events.
    const other = await createTestTenant(store().db, 'wh-none-other')
    await createWebhookEndpoint(ctxOf(other), { url: ENDPOINT })
    const result = await runDaily(store(), { tenant, asOf: AS_OF, playbooks: loadDefaultPlaybooks() })
    expect(result.status === 'completed' && result.summary.stageMoves).toBe(2)
    const { tenant: sending } = await seedOutbox(store().db, 'wh-none-sent', [{ accounts: 1 }])
    const dispatched = await new Dispatcher({
      store: store(),
      senders: { email: accepting('wh-none') },
      links: LINKS,
      now: () => SEND_AT,
    }).dispatchAll()
    expect(dispatched.sent).toBeGreaterThan(0)
    expect(await enqueued(tenant.id)).toEqual([])
    expect(await enqueued(sending.id)).toEqual([])
    expect(await enqueued(other.id)).toEqual([])
  })

  it('writes thousands of deliveries of one transaction in chunks', async () => {
    const { tenant } = await book('wh-bulk')
    await createWebhookEndpoint(ctxOf(tenant), { url: ENDPOINT })
    await createWebhookEndpoint(ctxOf(tenant), { url: `${ENDPOINT}/2`, events: ['account.stage_changed'] })
    const events = Array.from({ length: 3000 }, (_, i) => ({
      type: 'account.stage_changed' as const,
      data: { accountId: i, from: null, to: 'soft', runId: null, asOf: AS_OF },
    }))
    const written = await store()
      .db.transaction()
      .execute((trx) => enqueueWebhookEvents(trx, tenant.id, events))
    expect(written).toBe(6000)
    expect(await enqueued(tenant.id)).toHaveLength(6000)
  })
})
