import { describe, expect, it } from 'vitest'
import {
  type InterestInput,
  interestStartDate,
  interestStatement,
} from '../../../src/core/interest/accrue-interest.ts'
import type { DayCountBasis } from '../../../src/core/interest/day-count.ts'
import type { RoundingMode } from '../../../src/core/money/decimal.ts'

const simple = (overrides: Partial<InterestInput>): InterestInput => ({
  principalMinor: 1_000_000,
  currency: 'GBP',
  start: '2024-08-14',
  end: '2024-09-13',
  ratePeriods: [{ from: '2000-01-01', ratePercent: '13.25' }],
  compounding: 'simple',
  basis: 'act/365',
  ...overrides,
})

describe('interestStatement: worked examples (hand arithmetic in the comments)', () => {
  it.each([
    // GBP 10,000 x 13.25% x 30/365 = 39,750/365 = 108.9041... -> 108.90
    ['act/365', '2024-08-14', '2024-09-13', 10_890, 1],
    // same over 360: 39,750/360 = 110.4166... -> 110.42
    ['act/360', '2024-08-14', '2024-09-13', 11_042, 1],
    // 2024 is a leap year: 39,750/366 = 108.6065... -> 108.61
    ['act/actual', '2024-08-14', '2024-09-13', 10_861, 1],
    // 15 days of 2023: 19,875/365 = 54.4520 -> 54.45; 15 days of 2024: 19,875/366 = 54.3032 -> 54.30; = 108.75
    ['act/actual', '2023-12-16', '2024-01-15', 10_875, 2],
  ] as [DayCountBasis, string, string, number, number][])(
    'GBP 10,000 at 13.25 percent, %s, %s..%s',
    (basis, start, end, total, rows) => {
      const statement = interestStatement(simple({ basis, start, end }))
      expect(statement.totalInterestMinor).toBe(total)
      expect(statement.rows).toHaveLength(rows)
      expect(statement.rows.reduce((sum, row) => sum + row.days, 0)).toBe(30)
    },
  )

  it('shows the row: first and last day, daily interest and period interest', () => {
    const [row] = interestStatement(simple({})).rows
    // 10,000 x 0.1325 / 365 = 3.630136986... -> 3.63013699 (6 places beyond the penny)
    expect(row).toEqual({
      firstDay: '2024-08-15',
      lastDay: '2024-09-13',
      days: 30,
      balanceMinor: 1_000_000,
      ratePercent: '13.25',
      yearDays: 365,
      dailyInterest: '3.63013699',
      interestMinor: 10_890,
    })
  })

  it('runs on the outstanding principal after each payment; the payment day accrues on the old balance', () => {
    const statement = interestStatement(
      simple({
        principalMinor: 100_000,
        start: '2025-01-31',
        end: '2025-03-31',
        ratePeriods: [{ from: '2025-01-01', ratePercent: '8.5' }],
        principalChanges: [{ on: '2025-03-01', principalDeltaMinor: -20_000 }],
      }),
    )
    // 1 Feb..1 Mar, 29 days on 1,000: 85 x 29/365 = 6.7534 -> 6.75
    // 2 Mar..31 Mar, 30 days on 800: 68 x 30/365 = 5.5890 -> 5.59; total 12.34
    expect(statement.rows.map((r) => [r.firstDay, r.lastDay, r.balanceMinor, r.interestMinor])).toEqual([
      ['2025-02-01', '2025-03-01', 100_000, 675],
      ['2025-03-02', '2025-03-31', 80_000, 559],
    ])
    expect(statement.totalInterestMinor).toBe(1_234)
    expect(statement.closingBalanceMinor).toBe(81_234)
  })

  it('splits at each rate change', () => {
    const statement = interestStatement(
      simple({
        principalMinor: 100_000,
        start: '2025-01-15',
        end: '2025-02-14',
        ratePeriods: [
          { from: '2025-01-01', to: '2025-01-31', ratePercent: '10' },
          { from: '2025-02-01', ratePercent: '12' },
        ],
      }),
    )
    // 16 Jan..31 Jan: 100 x 16/365 = 4.3835 -> 4.38; 1 Feb..14 Feb: 120 x 14/365 = 4.6027 -> 4.60
    expect(statement.rows.map((r) => [r.days, r.ratePercent, r.interestMinor])).toEqual([
      [16, '10', 438],
      [14, '12', 460],
    ])
    expect(statement.totalInterestMinor).toBe(898)
  })

  it('compounds at monthly rests from the start date', () => {
    const statement = interestStatement(
      simple({
        principalMinor: 100_000,
        start: '2025-01-31',
        end: '2025-03-31',
        ratePeriods: [{ from: '2025-01-01', ratePercent: '12' }],
        compounding: 'monthly',
      }),
    )
    // 1..28 Feb on 1,000.00: 120 x 28/365 = 9.2055 -> 9.21, capitalised on 28 Feb (31 Jan + 1 month, clamped)
    // 1..31 Mar on 1,009.21: 100,921p x 0.12 x 31/365 = 1,028.56p -> 10.29; total 19.50 (simple would be 19.40)
    expect(statement.rests).toEqual([{ on: '2025-02-28', capitalisedMinor: 921 }])
    expect(statement.rows.map((r) => [r.balanceMinor, r.interestMinor])).toEqual([
      [100_000, 921],
      [100_921, 1_029],
    ])
    expect(statement.totalInterestMinor).toBe(1_950)
    const simpleOnly = simple({ principalMinor: 100_000, start: '2025-01-31', end: '2025-03-31' })
    // 120 x 59/365 = 19.397 -> 19.40
    expect(
      interestStatement({ ...simpleOnly, ratePeriods: [{ from: '2025-01-01', ratePercent: '12' }] })
        .totalInterestMinor,
    ).toBe(1_940)
  })

  it.each([
    // 10 minor x 18% x 100/360 = 0.5 minor exactly: a tie
    [10, 'half-even', 0],
    [10, 'half-up', 1],
    [30, 'half-even', 2], // 1.5 -> 2
    [30, 'half-down', 1],
    [30, 'down', 1],
    [31, 'up', 2], // 1.55
  ] as [number, RoundingMode, number][])(
    'rounds a row of %s minor with %s to %s',
    (principalMinor, rounding, expected) => {
      const statement = interestStatement(
        simple({
          principalMinor,
          start: '2025-01-01',
          end: '2025-04-11',
          basis: 'act/360',
          rounding,
          ratePeriods: [{ from: '2025-01-01', ratePercent: '18' }],
        }),
      )
      expect(statement.rows[0]?.days).toBe(100)
      expect(statement.totalInterestMinor).toBe(expected)
    },
  )

  it('uses the currency exponent: JPY has no minor unit, KWD has three', () => {
    // JPY 1,000,000 x 14.6% x 10/365 = 4,000 exactly
    const yen = interestStatement(
      simple({
        principalMinor: 1_000_000,
        currency: 'JPY',
        start: '2025-01-01',
        end: '2025-01-11',
        ratePeriods: [{ from: '2025-01-01', ratePercent: '14.6' }],
      }),
    )
    expect([yen.totalInterestMinor, yen.rows[0]?.dailyInterest]).toEqual([4_000, '400.000000'])
    // KWD 1.000 x 36.5% x 1/365 = 0.001
    const dinar = interestStatement(
      simple({
        principalMinor: 1_000,
        currency: 'KWD',
        start: '2025-01-01',
        end: '2025-01-02',
        ratePeriods: [{ from: '2025-01-01', ratePercent: '36.5' }],
      }),
    )
    expect([dinar.totalInterestMinor, dinar.rows[0]?.dailyInterest]).toEqual([1, '0.001000000'])
  })

  it('a zero-day statement has no rows; an overpayment earns the debtor nothing', () => {
    expect(interestStatement(simple({ end: '2024-08-14' })).rows).toEqual([])
    const overpaid = interestStatement(
      simple({ principalChanges: [{ on: '2024-08-20', principalDeltaMinor: -2_000_000 }] }),
    )
    expect(overpaid.rows.map((r) => r.balanceMinor)).toEqual([1_000_000, 0])
    expect(overpaid.rows[1]?.interestMinor).toBe(0)
  })
})

describe('interestStatement: bad input', () => {
  it.each([
    [{ currency: 'XYZ' }, 'invalid_currency'],
    [{ end: '2024-08-01' }, 'invalid_period'],
    [{ end: '2024-02-30' }, 'invalid_date'],
    [{ principalMinor: 1.5 }, 'invalid_amount'],
    [{ ratePeriods: [{ from: '2024-01-01', ratePercent: '-1' }] }, 'invalid_rate'],
    [{ ratePeriods: [{ from: '2024-01-01', ratePercent: '8%' }] }, 'invalid_rate'],
    [{ ratePeriods: [{ from: '2024-09-01', ratePercent: '8' }] }, 'rate_gap'],
    [{ ratePeriods: [{ from: '2024-01-01', to: '2024-08-31', ratePercent: '8' }] }, 'rate_gap'],
    [{ ratePeriods: [{ from: '2024-01-01', to: '2023-08-31', ratePercent: '8' }] }, 'invalid_rate_period'],
    [
      {
        ratePeriods: [
          { from: '2024-01-01', to: '2024-08-31', ratePercent: '8' },
          { from: '2024-08-31', ratePercent: '9' },
        ],
      },
      'overlapping_rate_periods',
    ],
  ] as [Partial<InterestInput>, string][])('%j -> %s', (overrides, code) => {
    expect(() => interestStatement(simple(overrides))).toThrow(expect.objectContaining({ code }))
  })
})

describe('interestStartDate', () => {
  const payments = [
    { on: '2025-02-10', principalDeltaMinor: -100 },
    { on: '2025-03-10', principalDeltaMinor: -100 },
    { on: '2025-04-10', principalDeltaMinor: -100 },
    { on: '2025-03-20', principalDeltaMinor: 500 }, // a charge is not a payment
  ]
  it.each([
    ['due', '2025-12-31', '2025-01-31'],
    ['last-payment', '2025-12-31', '2025-04-10'],
    ['last-payment', '2025-03-31', '2025-03-10'],
    ['last-payment', '2025-01-31', '2025-01-31'],
  ] as const)('%s to %s -> %s', (from, end, expected) => {
    expect(interestStartDate('2025-01-31', payments, from, end)).toBe(expected)
  })
})
