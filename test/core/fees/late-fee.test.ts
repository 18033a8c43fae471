import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../../../src/core/calendar/local-date.ts'
import {
  type FeeDue,
  type LateFeeInput,
  type LateFeePolicy,
  lateFeeKey,
  lateFeesDue,
} from '../../../src/core/fees/late-fee.ts'

const monthly: LateFeePolicy = {
  id: 'late-25',
  charge: { kind: 'fixed', amountMinor: 2_500 },
  period: { unit: 'month' },
}
const input = (overrides: Partial<LateFeeInput>): LateFeeInput => ({
  policy: monthly,
  dueOn: '2025-01-31',
  asOf: '2025-04-15',
  openingBalanceMinor: 100_000,
  posted: [],
  ...overrides,
})
const summary = (fees: ReturnType<typeof lateFeesDue>) => fees.map((f) => [f.periodStart, f.amountMinor])

describe('lateFeesDue', () => {
  it('charges a fixed fee once per month from the day after the due date (clamped to month end)', () => {
    expect(summary(lateFeesDue(input({})))).toEqual([
      ['2025-02-01', 2_500],
      ['2025-03-01', 2_500],
      ['2025-04-01', 2_500],
    ])
    expect(lateFeesDue(input({}))[0]?.key).toBe('fee:late-25:2025-02-01')
    // Due 30 Jan: periods start 31 Jan, 28 Feb, 31 Mar (from the anchor, so no drift to the 28th)
    expect(lateFeesDue(input({ dueOn: '2025-01-30' })).map((f) => f.periodStart)).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
    ])
  })

  it.each([
    // percent, min, max, balance, expected fee: 1.5% of 1,000.00 = 15.00
    ['1.5', undefined, undefined, 100_000, 1_500],
    ['1.5', 2_000, undefined, 100_000, 2_000], // floor
    ['1.5', undefined, 1_000, 100_000, 1_000], // ceiling
    ['2.5', undefined, undefined, 101, 3], // 2.525 -> 3 (not a tie)
    ['2.5', undefined, undefined, 100, 2], // 2.5 -> 2 (half-even tie)
  ])('percentage %s%% min %s max %s of %s = %s', (percent, minMinor, maxMinor, balance, fee) => {
    const policy: LateFeePolicy = {
      id: 'pct',
      charge: { kind: 'percentage', percent },
      period: { unit: 'month' },
      ...(minMinor === undefined ? {} : { minMinor }),
      ...(maxMinor === undefined ? {} : { maxMinor }),
    }
    const [first] = lateFeesDue(input({ policy, openingBalanceMinor: balance, asOf: '2025-02-01' }))
    expect(first?.amountMinor).toBe(fee)
  })

  it('uses the balance on each period start and skips periods with nothing outstanding', () => {
    const policy: LateFeePolicy = {
      id: 'pct',
      charge: { kind: 'percentage', percent: '2' },
      period: { unit: 'month' },
    }
    const fees = lateFeesDue(
      input({
        policy,
        balanceChanges: [
          { on: '2025-02-15', deltaMinor: -50_000 },
          { on: '2025-03-01', deltaMinor: -50_000 }, // paid in full on a period start: no fee that period
          { on: '2025-03-20', deltaMinor: 10_000 },
        ],
      }),
    )
    expect(summary(fees)).toEqual([
      ['2025-02-01', 2_000],
      ['2025-04-01', 200],
    ])
  })

  it('every N days after a grace period, capped in total counting fees already posted', () => {
    const policy: LateFeePolicy = {
      ...monthly,
      period: { unit: 'days', days: 10 },
      graceDays: 5,
      maxTotalMinor: 6_000,
    }
    // first period starts 31 Jan + 1 + 5 = 6 Feb, then 16 Feb, 26 Feb...; 25 + 25 + 10 (trimmed) = 60
    expect(summary(lateFeesDue(input({ policy })))).toEqual([
      ['2025-02-06', 2_500],
      ['2025-02-16', 2_500],
      ['2025-02-26', 1_000],
    ])
    const posted = [{ key: lateFeeKey('late-25', '2025-02-06'), amountMinor: 5_000 }]
    expect(summary(lateFeesDue(input({ policy, posted })))).toEqual([['2025-02-16', 1_000]])
  })

  it('never returns a period already posted, and ignores other policies’ keys', () => {
    const posted = [
      { key: 'fee:late-25:2025-03-01', amountMinor: 2_500 },
      { key: 'fee:other:2025-02-01', amountMinor: 9_999 },
    ]
    expect(summary(lateFeesDue(input({ posted })))).toEqual([
      ['2025-02-01', 2_500],
      ['2025-04-01', 2_500],
    ])
  })

  it('no fee before the first period starts', () => {
    expect(lateFeesDue(input({ asOf: '2025-01-31' }))).toEqual([])
  })

  it.each([
    [{ id: 'has space' }, 'invalid_fee_policy'],
    [{ id: 'a:b' }, 'invalid_fee_policy'],
    [{ charge: { kind: 'fixed', amountMinor: -1 } }, 'invalid_fee_policy'],
    [{ charge: { kind: 'percentage', percent: 'ten' } }, 'invalid_fee_policy'],
    [{ minMinor: 500, maxMinor: 100 }, 'invalid_fee_policy'],
    [{ period: { unit: 'days', days: 0 } }, 'invalid_fee_policy'],
    [{ graceDays: -1 }, 'invalid_fee_policy'],
  ] as [Partial<LateFeePolicy>, string][])('rejects %j', (overrides, code) => {
    expect(() => lateFeesDue(input({ policy: { ...monthly, ...overrides } }))).toThrow(
      expect.objectContaining({ code }),
    )
  })

  it('rejects a bad date', () => {
    expect(() => lateFeesDue(input({ asOf: '2025-02-30' }))).toThrow(
      expect.objectContaining({ code: 'invalid_date' }),
    )
  })
})

describe('late fees are idempotent', () => {
  const policyArbitrary = fc.record({
    id: fc.constantFrom('a', 'b.2'),
    charge: fc.oneof(
      fc.record({ kind: fc.constant('fixed' as const), amountMinor: fc.integer({ min: 0, max: 5_000 }) }),
      fc.record({
        kind: fc.constant('percentage' as const),
        percent: fc.constantFrom('0.5', '1', '2.25', '10'),
      }),
    ),
    period: fc.oneof(
      fc.constant({ unit: 'month' as const }),
      fc.record({ unit: fc.constant('days' as const), days: fc.integer({ min: 1, max: 45 }) }),
    ),
    graceDays: fc.integer({ min: 0, max: 20 }),
    maxTotalMinor: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
  })

  it('runs at any sequence of dates post each period at most once, and match one run at the last date', () => {
    fc.assert(
      fc.property(
        policyArbitrary,
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: -60_000, max: 30_000 })), {
          maxLength: 4,
        }),
        (policy, runOffsets, changes) => {
          const base = {
            policy: policy satisfies LateFeePolicy,
            dueOn: '2025-01-31',
            openingBalanceMinor: 50_000,
            balanceChanges: changes.map(([offset, deltaMinor]) => ({
              on: addDays('2025-01-31', offset),
              deltaMinor,
            })),
          }
          const ledger: FeeDue[] = []
          // Re-runs, including the same date twice, as a scheduler retrying would do.
          for (const offset of [...runOffsets].sort((x, y) => x - y).flatMap((o) => [o, o])) {
            ledger.push(...lateFeesDue({ ...base, asOf: addDays('2025-01-31', offset), posted: ledger }))
          }
          const keys = ledger.map((fee) => fee.key)
          expect(new Set(keys).size).toBe(keys.length)
          const last = addDays('2025-01-31', Math.max(...runOffsets))
          // Incremental runs post exactly what a single run at the last date would.
          expect(lateFeesDue({ ...base, asOf: last, posted: [] })).toEqual(ledger)
          expect(lateFeesDue({ ...base, asOf: last, posted: ledger })).toEqual([])
          if (base.policy.maxTotalMinor !== undefined)
            expect(ledger.reduce((sum, fee) => sum + fee.amountMinor, 0)).toBeLessThanOrEqual(
              base.policy.maxTotalMinor,
            )
        },
      ),
    )
  })
})
