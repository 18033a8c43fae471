import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type CreditReportingGateInput,
  creditReportingGateDecision,
  type SentMessage,
  US_REG_F_CREDIT_REPORTING_GATE,
} from '../../../src/core/compliance/credit-reporting-gate.ts'

const NY = 'America/New_York'
const letter: SentMessage = { sentAt: '2026-01-01T15:00:00Z', channel: 'letter' }
// The table below pins the permissive reading (day 14); the default (day 15) has its own tests.
const PERMISSIVE = { ...US_REG_F_CREDIT_REPORTING_GATE, furnishFrom: 'last_wait_day' as const }
const base: CreditReportingGateInput = {
  at: '2026-01-20T15:00:00Z',
  messages: [],
  timeZone: NY,
  settings: PERMISSIVE,
}
const withSettings = (change: Partial<typeof US_REG_F_CREDIT_REPORTING_GATE>) => ({
  settings: { ...PERMISSIVE, ...change },
})
const dispute = { receivedAt: '2026-01-10T00:00:00Z', written: true, amountMinor: null }

describe('creditReportingGateDecision: the default counts 14 full days after the sending day', () => {
  const standard = { ...base, settings: US_REG_F_CREDIT_REPORTING_GATE }
  // Sent Thu 1 Jan 2026 (day 0, not counted): days 1-14 are 2-15 Jan; furnishing from 00:00 EST 16 Jan.
  it.each<[string, string, string | null]>([
    ['day 14, 00:00 (the last waiting day)', '2026-01-15T05:00:00Z', '2026-01-16T05:00:00.000Z'],
    ['day 14, last second', '2026-01-16T04:59:59Z', '2026-01-16T05:00:00.000Z'],
    ['day 15, 00:00', '2026-01-16T05:00:00Z', null],
  ])('%s', (_name, at, expected) => {
    const decision = creditReportingGateDecision({ ...standard, at, messages: [letter] })
    expect(decision.outcome).toBe(expected === null ? 'allow' : 'block')
    expect(decision.earliestAllowedAt).toBe(expected)
  })

  it('the settings say so', () => {
    expect(US_REG_F_CREDIT_REPORTING_GATE).toMatchObject({ waitDays: 14, furnishFrom: 'after_full_wait' })
  })
})

describe('creditReportingGateDecision (1006.30(a))', () => {
  it.each<[string, Partial<CreditReportingGateInput>, string | null]>([
    ['nothing sent, never spoke', {}, null],
    ['spoke with the consumer', { spokeWithConsumerAt: '2026-01-19T15:00:00Z' }, 'allow'],
    ['spoke at that instant', { spokeWithConsumerAt: '2026-01-20T15:00:00Z' }, 'allow'],
    ['spoke later', { spokeWithConsumerAt: '2026-01-20T15:00:01Z' }, null],
    // Sent Thu 1 Jan 2026 (day 0): allowed from 00:00 EST on day 14, Thu 15 Jan.
    ['day 13, last second', { at: '2026-01-15T04:59:59Z', messages: [letter] }, '2026-01-15T05:00:00.000Z'],
    ['day 14, 00:00', { at: '2026-01-15T05:00:00Z', messages: [letter] }, 'allow'],
    [
      '15-day setting',
      { at: '2026-01-15T05:00:00Z', messages: [letter], ...withSettings({ waitDays: 15 }) },
      '2026-01-16T05:00:00.000Z',
    ],
    [
      '0-day setting: from sending',
      { at: '2026-01-01T15:00:00Z', messages: [letter], ...withSettings({ waitDays: 0 }) },
      'allow',
    ],
    // Days are the consumer's: 23:30 EST on 31 Dec is day 0.
    [
      'sent late evening local',
      { at: '2026-01-14T05:00:00Z', messages: [{ ...letter, sentAt: '2026-01-01T04:30:00Z' }] },
      'allow',
    ],
    // Across spring forward (8 Mar): 00:00 EDT on 11 Mar; across fall back (1 Nov): 00:00 EST on 3 Nov.
    [
      'spring',
      { at: '2026-03-10T15:00:00Z', messages: [{ ...letter, sentAt: '2026-02-25T15:00:00Z' }] },
      '2026-03-11T04:00:00.000Z',
    ],
    [
      'fall',
      { at: '2026-11-02T15:00:00Z', messages: [{ ...letter, sentAt: '2026-10-20T15:00:00Z' }] },
      '2026-11-03T05:00:00.000Z',
    ],
    [
      'returned during the wait',
      { messages: [{ ...letter, undeliverableAt: '2026-01-10T15:00:00Z' }] },
      null,
    ],
    [
      'returned after the wait',
      { messages: [{ ...letter, undeliverableAt: '2026-01-15T05:00:00Z' }] },
      'allow',
    ],
    [
      'email bounced',
      { messages: [{ ...letter, channel: 'email', undeliverableAt: '2026-01-01T15:01:00Z' }] },
      null,
    ],
    [
      'email bounce ignored by setting',
      {
        messages: [{ ...letter, channel: 'email', undeliverableAt: '2026-01-01T15:01:00Z' }],
        ...withSettings({ electronicBounceIsUndeliverable: false }),
      },
      'allow',
    ],
    [
      'a second message restarts nothing, the first good one counts',
      {
        at: '2026-01-16T15:00:00Z',
        messages: [
          { ...letter, undeliverableAt: '2026-01-03T00:00:00Z' },
          { ...letter, sentAt: '2026-01-05T15:00:00Z' },
        ],
      },
      '2026-01-19T05:00:00.000Z',
    ],
    ['sent after the proposed time', { at: '2026-01-01T14:00:00Z', messages: [letter] }, null],
    ['disputed, not flagged', { spokeWithConsumerAt: '2026-01-02T00:00:00Z', disputes: [dispute] }, null],
    [
      'disputed, flagged',
      { spokeWithConsumerAt: '2026-01-02T00:00:00Z', disputes: [dispute], reportedAsDisputed: true },
      'allow',
    ],
    ['disputed while waiting', { at: '2026-01-14T15:00:00Z', messages: [letter], disputes: [dispute] }, null],
  ])('%s', (_name, change, expected) => {
    const decision = creditReportingGateDecision({ ...base, ...change })
    if (expected === 'allow') {
      expect(decision).toEqual({ outcome: 'allow', reasons: [], earliestAllowedAt: null })
    } else {
      expect(decision.outcome).toBe('block')
      expect(decision.earliestAllowedAt).toBe(expected)
    }
  })

  it('explains each blocking rule', () => {
    const decision = creditReportingGateDecision({
      ...base,
      at: '2026-01-14T15:00:00Z',
      messages: [letter],
      disputes: [dispute],
    })
    expect(decision.reasons).toEqual([
      {
        ruleId: 'us.reg-f.passive-collection',
        citation: '12 CFR 1006.30(a); comment 30(a)(1)-2',
        message:
          'no conversation with the consumer; the 14-day wait after the message ends 2026-01-15T05:00:00.000Z',
      },
      {
        ruleId: 'us.fdcpa.report-as-disputed',
        citation: '15 USC 1692e(8)',
        message: 'the debt is disputed: it must be reported as disputed',
      },
    ])
  })

  it.each<[string, Partial<CreditReportingGateInput>, string]>([
    ['negative wait', withSettings({ waitDays: -1 }), 'invalid_day_count'],
    ['fractional wait', withSettings({ waitDays: 14.5 }), 'invalid_day_count'],
    ['unknown zone', { timeZone: 'America/Gotham' }, 'invalid_time_zone'],
    ['bad instant', { at: '2026-01-20' }, 'invalid_instant'],
    ['bad sending time', { messages: [{ ...letter, sentAt: 'soon' }] }, 'invalid_instant'],
  ])('rejects %s', (_name, change, code) => {
    expect(() => creditReportingGateDecision({ ...base, ...change })).toThrow(
      expect.objectContaining({ code }),
    )
  })
})

describe('creditReportingGateDecision: properties', () => {
  const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) })
  const message = fc.record({
    sentAt: instant.map((t) => new Date(t).toISOString()),
    channel: fc.constantFrom<SentMessage['channel']>('letter', 'email', 'sms'),
    undeliverableAt: fc.option(
      instant.map((t) => new Date(t).toISOString()),
      { nil: null },
    ),
  })
  const zone = fc.constantFrom(NY, 'America/Los_Angeles', 'Europe/London', 'Australia/Sydney')

  it('earliestAllowedAt is allowed and the millisecond before it is not', () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 4 }),
        instant,
        zone,
        fc.integer({ min: 0, max: 30 }),
        (all, at, timeZone, waitDays) => {
          // Only messages already sent: one sent later could open an earlier time on its own.
          const messages = all.filter((m) => Date.parse(m.sentAt) <= at)
          const input = { ...base, messages, timeZone, ...withSettings({ waitDays }) }
          const decision = creditReportingGateDecision({ ...input, at: new Date(at).toISOString() })
          if (decision.earliestAllowedAt === null) return
          const earliest = Date.parse(decision.earliestAllowedAt)
          expect(earliest).toBeGreaterThan(at)
          expect(creditReportingGateDecision({ ...input, at: decision.earliestAllowedAt }).outcome).toBe(
            'allow',
          )
          const before = new Date(earliest - 1).toISOString()
          expect(creditReportingGateDecision({ ...input, at: before }).outcome).toBe('block')
        },
      ),
    )
  })

  it('another message never turns an allow into a block', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 3 }), message, instant, (messages, extra, at) => {
        const input = { ...base, messages, at: new Date(at).toISOString() }
        if (creditReportingGateDecision(input).outcome === 'block') return
        expect(creditReportingGateDecision({ ...input, messages: [...messages, extra] }).outcome).toBe(
          'allow',
        )
      }),
    )
  })
})
