import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  collectibleAmount,
  type Dispute,
  type DisputePauseInput,
  disputePauseDecision,
  mustReportAsDisputed,
  US_REG_F_DISPUTE_PAUSE,
} from '../../../src/core/compliance/dispute-pause.ts'

const AT = '2026-03-01T15:00:00Z'
const base: DisputePauseInput = {
  at: AT,
  actionKind: 'contact',
  disputes: [],
  balanceMinor: 10_000,
  validationPeriodEndsOn: '2026-02-11',
  timeZone: 'America/New_York',
}
const whole: Dispute = { receivedAt: '2026-02-01T15:00:00Z', written: true, amountMinor: null }
const settings = (change: Partial<typeof US_REG_F_DISPUTE_PAUSE>) => ({
  ...US_REG_F_DISPUTE_PAUSE,
  ...change,
})

describe('disputePauseDecision', () => {
  it.each<[string, Partial<DisputePauseInput>, 'allow' | 'block']>([
    ['no dispute', {}, 'allow'],
    ['written, within the period', { disputes: [whole] }, 'block'],
    // The period's last day is read on the consumer's clock: 23:59 EST on 11 Feb is within it.
    [
      'last day, 23:59:59 local',
      { disputes: [{ ...whole, receivedAt: '2026-02-11T23:59:59-05:00' }] },
      'block',
    ],
    [
      'day after, 00:00 local',
      { disputes: [{ ...whole, receivedAt: '2026-02-12T00:00:00-05:00' }] },
      'allow',
    ],
    [
      'late, when late disputes pause',
      {
        disputes: [{ ...whole, receivedAt: '2026-02-12T05:00:00Z' }],
        settings: settings({ lateDisputesPause: true }),
      },
      'block',
    ],
    ['no validation period yet', { disputes: [whole], validationPeriodEndsOn: null }, 'block'],
    ['oral', { disputes: [{ ...whole, written: false }] }, 'allow'],
    [
      'oral, when oral pauses',
      { disputes: [{ ...whole, written: false }], settings: settings({ oralDisputesPause: true }) },
      'block',
    ],
    ['email counts as written', { disputes: [{ ...whole, written: false, medium: 'email' }] }, 'block'],
    [
      'email, not written by setting',
      { disputes: [{ ...whole, medium: 'email' }], settings: settings({ electronicIsWritten: false }) },
      'allow',
    ],
    ['portal', { disputes: [{ ...whole, written: false, medium: 'portal' }] }, 'block'],
    [
      'paper medium wins over the flag',
      { disputes: [{ ...whole, written: false, medium: 'paper' }] },
      'block',
    ],
    ['oral medium wins over the flag', { disputes: [{ ...whole, medium: 'oral' }] }, 'allow'],
    [
      'verification sent before',
      { disputes: [{ ...whole, verificationSentAt: '2026-02-20T00:00:00Z' }] },
      'allow',
    ],
    ['verification sent at that instant', { disputes: [{ ...whole, verificationSentAt: AT }] }, 'allow'],
    [
      'verification sent later',
      { disputes: [{ ...whole, verificationSentAt: '2026-03-01T15:00:01Z' }] },
      'block',
    ],
    ['resolved', { disputes: [{ ...whole, resolvedAt: '2026-02-20T00:00:00Z' }] }, 'allow'],
    ['received after the action', { disputes: [{ ...whole, receivedAt: '2026-03-01T15:00:01Z' }] }, 'allow'],
    ['sending verification', { disputes: [whole], purpose: 'verification' }, 'allow'],
    ['suit', { disputes: [whole], actionKind: 'suit' }, 'block'],
    ['credit report', { disputes: [whole], actionKind: 'credit_report' }, 'block'],
    // Partial disputes: the undisputed part may be collected.
    ['partial, contact', { disputes: [{ ...whole, amountMinor: 3000 }] }, 'allow'],
    [
      'partial, seeking the undisputed part',
      { disputes: [{ ...whole, amountMinor: 3000 }], amountMinor: 7000 },
      'allow',
    ],
    ['partial, seeking 1 more', { disputes: [{ ...whole, amountMinor: 3000 }], amountMinor: 7001 }, 'block'],
    [
      'partials reaching the balance',
      {
        disputes: [
          { ...whole, amountMinor: 6000 },
          { ...whole, amountMinor: 4000 },
        ],
      },
      'block',
    ],
    [
      'a late partial does not count',
      {
        disputes: [{ ...whole, amountMinor: 3000, receivedAt: '2026-02-20T00:00:00Z' }],
        amountMinor: 10_000,
      },
      'allow',
    ],
  ])('%s', (_name, change, expected) => {
    const decision = disputePauseDecision({ ...base, ...change })
    expect(decision.outcome).toBe(expected)
    expect(decision.earliestAllowedAt).toBeNull()
    if (expected === 'block') {
      expect(decision.reasons).toEqual([
        expect.objectContaining({
          ruleId: 'us.reg-f.dispute-pause',
          citation: '12 CFR 1006.38(d)(2); 15 USC 1692g(b)',
        }),
      ])
    }
  })

  it('says what may still be collected', () => {
    const disputes = [{ ...whole, amountMinor: 3000 }]
    expect(collectibleAmount({ ...base, disputes })).toEqual({
      collectibleMinor: 7000,
      pausedMinor: 3000,
      wholeDebtPaused: false,
    })
    expect(disputePauseDecision({ ...base, disputes, amountMinor: 9000 }).reasons[0]?.message).toBe(
      '3000 of 10000 is disputed: at most 7000 may be collected until verification is sent, not 9000',
    )
    expect(collectibleAmount({ ...base, disputes: [whole] })).toEqual({
      collectibleMinor: 0,
      pausedMinor: 10_000,
      wholeDebtPaused: true,
    })
  })

  it.each<[string, Partial<DisputePauseInput>, string]>([
    ['negative balance', { balanceMinor: -1 }, 'invalid_amount'],
    ['fractional amount', { amountMinor: 1.5 }, 'invalid_amount'],
    ['fractional dispute', { disputes: [{ ...whole, amountMinor: 0.5 }] }, 'invalid_amount'],
    ['bad period end', { validationPeriodEndsOn: '2026-02-30' }, 'invalid_date'],
    ['bad zone', { disputes: [whole], timeZone: 'Mars/Olympus' }, 'invalid_time_zone'],
    ['bad instant', { disputes: [{ ...whole, receivedAt: '2026-02-01' }] }, 'invalid_instant'],
  ])('rejects %s', (_name, change, code) => {
    expect(() => disputePauseDecision({ ...base, ...change })).toThrow(expect.objectContaining({ code }))
  })
})

describe('mustReportAsDisputed (15 USC 1692e(8))', () => {
  it.each<[string, Dispute[], boolean]>([
    ['none', [], false],
    ['written', [whole], true],
    ['oral and late still count', [{ ...whole, written: false, receivedAt: '2026-02-25T00:00:00Z' }], true],
    ['after verification', [{ ...whole, verificationSentAt: '2026-02-20T00:00:00Z' }], true],
    ['resolved', [{ ...whole, resolvedAt: '2026-02-20T00:00:00Z' }], false],
    ['received later', [{ ...whole, receivedAt: '2026-03-02T00:00:00Z' }], false],
  ])('%s', (_name, disputes, expected) => {
    expect(mustReportAsDisputed({ at: AT, disputes })).toBe(expected)
  })
})

describe('disputePauseDecision: properties', () => {
  const instant = fc
    .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 3, 1) })
    .map((t) => new Date(t).toISOString())
  const dispute: fc.Arbitrary<Dispute> = fc.record({
    receivedAt: instant,
    written: fc.boolean(),
    medium: fc.constantFrom(undefined, 'paper', 'email', 'portal', 'oral'),
    amountMinor: fc.option(fc.integer({ min: 0, max: 15_000 }), { nil: null }),
    verificationSentAt: fc.option(instant, { nil: null }),
    resolvedAt: fc.option(instant, { nil: null }),
  })
  const input = fc.record({
    at: instant,
    disputes: fc.array(dispute, { maxLength: 4 }),
    balanceMinor: fc.integer({ min: 0, max: 12_000 }),
    amountMinor: fc.option(fc.integer({ min: 0, max: 12_000 }), { nil: undefined }),
    lateDisputesPause: fc.boolean(),
  })

  it('adding a dispute never turns a block into an allow, nor raises the collectible amount', () => {
    fc.assert(
      fc.property(input, dispute, ({ lateDisputesPause, ...facts }, extra) => {
        const before = { ...base, ...facts, settings: settings({ lateDisputesPause }) }
        const after = { ...before, disputes: [...facts.disputes, extra] }
        if (disputePauseDecision(before).outcome === 'block') {
          expect(disputePauseDecision(after).outcome).toBe('block')
        }
        const amount = collectibleAmount(before)
        expect(collectibleAmount(after).collectibleMinor).toBeLessThanOrEqual(amount.collectibleMinor)
        expect(amount.collectibleMinor + amount.pausedMinor).toBe(facts.balanceMinor)
        expect(amount.collectibleMinor).toBeGreaterThanOrEqual(0)
      }),
    )
  })
})
