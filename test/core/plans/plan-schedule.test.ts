import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { daysInMonth } from '../../../src/core/calendar/local-date.ts'
import {
  addMonthsAnchored,
  generatePlanSchedule,
  type PlanScheduleInput,
} from '../../../src/core/plans/plan-schedule.ts'

const base: PlanScheduleInput = {
  totalMinor: 100_000,
  currency: 'EUR',
  downPaymentMinor: 0,
  frequency: 'monthly',
  instalments: 3,
  firstDueOn: '2024-01-31',
}
const dates = (input: Partial<PlanScheduleInput>) =>
  generatePlanSchedule({ ...base, ...input }).instalments.map((i) => i.dueOn)
const amounts = (input: Partial<PlanScheduleInput>) =>
  generatePlanSchedule({ ...base, ...input }).instalments.map((i) => i.amountMinor)

describe('generatePlanSchedule: dates', () => {
  it.each<[string, Partial<PlanScheduleInput>, string[]]>([
    [
      '31 Jan in a leap year keeps the 31st',
      { instalments: 4 },
      ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'],
    ],
    ['31 Jan in a common year', { firstDueOn: '2023-01-31' }, ['2023-01-31', '2023-02-28', '2023-03-31']],
    ['30th across February', { firstDueOn: '2023-12-30' }, ['2023-12-30', '2024-01-30', '2024-02-29']],
    [
      '29 Feb anchor into a common year',
      { firstDueOn: '2024-02-29', instalments: 13, totalMinor: 1300 },
      [
        '2024-02-29',
        '2024-03-29',
        '2024-04-29',
        '2024-05-29',
        '2024-06-29',
        '2024-07-29',
        '2024-08-29',
        '2024-09-29',
        '2024-10-29',
        '2024-11-29',
        '2024-12-29',
        '2025-01-29',
        '2025-02-28',
      ],
    ],
    [
      'explicit anchor after a clamped first date',
      { firstDueOn: '2023-02-28', anchorDay: 31 },
      ['2023-02-28', '2023-03-31', '2023-04-30'],
    ],
    ['across a year end', { firstDueOn: '2024-11-15' }, ['2024-11-15', '2024-12-15', '2025-01-15']],
    ['weekly', { frequency: 'weekly', firstDueOn: '2024-02-22' }, ['2024-02-22', '2024-02-29', '2024-03-07']],
    [
      'fortnightly',
      { frequency: 'fortnightly', firstDueOn: '2023-02-20' },
      ['2023-02-20', '2023-03-06', '2023-03-20'],
    ],
    [
      'down payment first',
      { downPaymentMinor: 10_000, downPaymentOn: '2024-01-05' },
      ['2024-01-05', '2024-01-31', '2024-02-29', '2024-03-31'],
    ],
  ])('%s', (_, input, expected) => {
    expect(dates(input)).toEqual(expected)
  })
})

describe('generatePlanSchedule: amounts', () => {
  it.each<[string, Partial<PlanScheduleInput>, number[]]>([
    ['even split', { totalMinor: 90_000 }, [30_000, 30_000, 30_000]],
    ['remainder on the last', { totalMinor: 100_000 }, [33_333, 33_333, 33_334]],
    ['down payment, then the rest', { downPaymentMinor: 10_001 }, [10_001, 29_999, 29_999, 30_001]],
    [
      'fixed instalment, smaller last',
      { instalments: undefined, instalmentMinor: 30_000 },
      [30_000, 30_000, 30_000, 10_000],
    ],
    [
      'fixed instalment dividing exactly',
      { instalments: undefined, instalmentMinor: 25_000 },
      [25_000, 25_000, 25_000, 25_000],
    ],
    ['one instalment', { instalments: 1, totalMinor: 7 }, [7]],
    ['JPY (no minor digits)', { currency: 'JPY', totalMinor: 10, instalments: 3 }, [3, 3, 4]],
  ])('%s', (_, input, expected) => {
    expect(amounts(input)).toEqual(expected)
  })

  it('down payment is seq 0', () => {
    const s = generatePlanSchedule({ ...base, downPaymentMinor: 5 })
    expect(s.instalments.map((i) => i.seq)).toEqual([0, 1, 2, 3])
  })
})

describe('generatePlanSchedule: invalid', () => {
  it.each<[string, Partial<PlanScheduleInput>, string]>([
    ['both counts', { instalmentMinor: 100 }, 'exactly one'],
    ['no count', { instalments: undefined }, 'exactly one'],
    ['zero total', { totalMinor: 0 }, 'totalMinor'],
    ['fractional total', { totalMinor: 10.5 }, 'totalMinor'],
    ['down payment covers all', { downPaymentMinor: 100_000 }, 'nothing to pay'],
    ['negative down payment', { downPaymentMinor: -1 }, 'downPaymentMinor'],
    ['cannot split', { totalMinor: 2, instalments: 3 }, 'cannot be split'],
    ['too many', { instalments: undefined, instalmentMinor: 1, totalMinor: 5000 }, 'more than'],
    ['anchor 32', { anchorDay: 32 }, 'anchorDay'],
    ['anchor on weekly', { frequency: 'weekly', anchorDay: 5 }, 'monthly plans only'],
    ['bad date', { firstDueOn: '2023-02-29' }, 'not a real'],
    [
      'down payment after first instalment',
      { downPaymentMinor: 1, downPaymentOn: '2024-02-01' },
      'on or before',
    ],
    ['unknown currency', { currency: 'XXY' }, 'unknown currency'],
  ])('%s', (_, input, message) => {
    expect(() => generatePlanSchedule({ ...base, ...input })).toThrowError(
      expect.objectContaining({ code: 'invalid_plan', message: expect.stringContaining(message) }),
    )
  })
})

const arbDate = fc
  .integer({ min: 0, max: 365 * 12 })
  .map((d) => new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10))

describe('generatePlanSchedule: properties', () => {
  it('amounts sum to the total, all positive, sequenced', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 120 }),
        fc.boolean(),
        fc.constantFrom('weekly', 'fortnightly', 'monthly' as const),
        arbDate,
        (total, downPercent, count, byCount, frequency, firstDueOn) => {
          const downPaymentMinor = Math.floor((total * downPercent) / 200)
          const rest = total - downPaymentMinor
          fc.pre(rest >= count)
          const input: PlanScheduleInput = {
            totalMinor: total,
            currency: 'USD',
            downPaymentMinor,
            frequency,
            firstDueOn,
            ...(byCount ? { instalments: count } : { instalmentMinor: Math.ceil(rest / count) }),
          }
          const { instalments } = generatePlanSchedule(input)
          expect(instalments.reduce((s, i) => s + i.amountMinor, 0)).toBe(total)
          for (const i of instalments) expect(i.amountMinor).toBeGreaterThan(0)
          for (let k = 1; k < instalments.length; k++) {
            expect(instalments[k]!.dueOn > instalments[k - 1]!.dueOn || instalments[k - 1]!.seq === 0).toBe(
              true,
            )
          }
        },
      ),
    )
  })

  it('monthly dates keep the anchor day, clamped to short months, one per calendar month', () => {
    fc.assert(
      fc.property(
        arbDate,
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 60 }),
        (first, anchorDay, count) => {
          const firstDueOn = addMonthsAnchored(first, 0, anchorDay)
          const { instalments } = generatePlanSchedule({
            ...base,
            totalMinor: 1_000_000,
            instalments: count,
            firstDueOn,
            anchorDay,
          })
          let previousMonth = Number(firstDueOn.slice(0, 4)) * 12 + Number(firstDueOn.slice(5, 7)) - 1
          for (const [k, i] of instalments.entries()) {
            const [y, m, d] = i.dueOn.split('-').map(Number) as [number, number, number]
            expect(d).toBe(Math.min(anchorDay, daysInMonth(y, m)))
            if (k > 0) expect(y * 12 + m - 1).toBe(previousMonth + 1)
            previousMonth = y * 12 + m - 1
          }
        },
      ),
    )
  })
})
