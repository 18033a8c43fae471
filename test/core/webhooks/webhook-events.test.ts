import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  endpointWants,
  retryDelaySeconds,
  runCompletedEvent,
  stageChangedEvents,
  WEBHOOK_EVENT_TYPES,
  webhookEventsOfJournal,
} from '../../../src/core/webhooks/webhook-events.ts'
import { isPrivateAddress, webhookUrlProblem } from '../../../src/core/webhooks/webhook-url.ts'

describe('webhook events', () => {
  it('splits a payments.posted batch into one payment.received per payment', () => {
    const events = webhookEventsOfJournal({
      type: 'payments.posted',
      payload: {
        payments: [
          { id: 1, externalId: 'A', account: 10 },
          { id: 2, externalId: 'B', account: 11 },
        ],
        paidInFull: [11],
      },
    })
    expect(events).toEqual([
      { type: 'payment.received', data: { paymentId: 1, externalId: 'A', accountId: 10, paidInFull: false } },
      { type: 'payment.received', data: { paymentId: 2, externalId: 'B', accountId: 11, paidInFull: true } },
    ])
  })

  it.each([
    ['promise.recorded', 'promise.made'],
    ['promise.broken', 'promise.broken'],
    ['plan.created', 'plan.created'],
    ['dispute.resolved', 'dispute.resolved'],
    ['payment.reversed', 'payment.reversed'],
  ])('maps journal %s to webhook %s with the subject', (journal, webhook) => {
    const [event] = webhookEventsOfJournal({ type: journal, subject: 'account:7', payload: { x: 1 } })
    expect(event).toEqual({ type: webhook, data: { subject: 'account:7', x: 1 } })
    expect(WEBHOOK_EVENT_TYPES).toContain(webhook)
  })

  it.each(['user.created', 'api_key.created', 'import.completed', 'ledger.entry_posted'])(
    'announces nothing for %s',
    (type) => expect(webhookEventsOfJournal({ type, payload: {} })).toEqual([]),
  )

  it('lists the types in the order of the table in docs/webhooks.md', () => {
    const docs = readFileSync(new URL('../../../docs/webhooks.md', import.meta.url), 'utf8')
    const table = docs.slice(docs.indexOf('| type | when | data |'), docs.indexOf('How it is wired'))
    const documented = table
      .split('\n')
      .flatMap((row) => (row.split('|')[1] ?? '').match(/`[a-z_.]+`/g) ?? [])
      .map((t) => t.slice(1, -1))
    expect(documented).toEqual([...WEBHOOK_EVENT_TYPES])
  })

  it('announces stage moves with ids and facts, and a completed run without its listed accounts', () => {
    expect(stageChangedEvents([{ accountId: 3, from: null, to: 'soft' }], '2026-03-02', null)).toEqual([
      {
        type: 'account.stage_changed',
        data: { accountId: 3, from: null, to: 'soft', runId: null, asOf: '2026-03-02' },
      },
    ])
    const counts = {
      runId: 1,
      asOf: '2026-03-02',
      batches: 1,
      accounts: 2,
      decisions: 2,
      stageMoves: 2,
      actionsScheduled: 1,
      actionsAwaitingApproval: 0,
      actionsBlocked: 1,
      blockedByRule: { 'us.fdcpa.time_of_day': 1 },
      errors: 1,
    }
    const summary = { ...counts, errorAccounts: [{ account: 'ACC-9', reason: 'x' }] }
    const event = runCompletedEvent(summary)
    expect(event).toEqual({ type: 'run.completed', data: counts })
  })

  it('filters by event type; an empty filter takes every event', () => {
    expect(endpointWants([], 'payment.received')).toBe(true)
    expect(endpointWants(['payment.reversed'], 'payment.received')).toBe(false)
  })

  it('backs off 30 s x 4 per attempt, at most a day', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(retryDelaySeconds)).toEqual([
      30, 120, 480, 1920, 7680, 30720, 86400, 86400,
    ])
  })
})

describe('webhook URLs', () => {
  it.each([
    ['ftp://x.test/', 'http or https'],
    ['https://u:p@x.test/', 'user name or password'],
    ['https://x.test/#a', 'fragment'],
    ['nope', 'absolute URL'],
    ['http://localhost:3000/', 'this machine'],
    ['http://192.168.1.2/', 'private'],
    ['http://[fd00::1]/', 'private'],
    ['http://[::ffff:10.0.0.1]/', 'private'],
  ])('refuses %s', (url, words) => expect(webhookUrlProblem(url, false)).toContain(words))

  it('accepts public https and, when allowed, loopback', () => {
    expect(webhookUrlProblem('https://hooks.example.com/x?y=1', false)).toBeNull()
    expect(webhookUrlProblem('http://127.0.0.1:9/', true)).toBeNull()
    expect(webhookUrlProblem('ftp://127.0.0.1/', true)).not.toBeNull()
  })

  it.each([
    ['8.8.8.8', false],
    ['172.32.0.1', false],
    ['172.16.0.1', true],
    ['100.64.0.1', true],
    ['169.254.169.254', true],
    ['2001:db8::1', false],
  ])('%s private: %s', (host, expected) => expect(isPrivateAddress(host)).toBe(expected))
})
