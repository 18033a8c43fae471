import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../../../src/core/calendar/local-date.ts'
import { type InterestInput, interestStatement } from '../../../src/core/interest/accrue-interest.ts'
import { DAY_COUNT_BASES, yearFraction } from '../../../src/core/interest/day-count.ts'

const START = '2023-11-15'

/** A random statement over up to ~3 years: rate periods, payments and charges, any basis and compounding. */
const inputArbitrary = fc
  .record({
    principalMinor: fc.integer({ min: 0, max: 100_000_000 }),
    days: fc.integer({ min: 0, max: 1_100 }),
    rates: fc.array(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 3_000 })), {
      maxLength: 4,
    }),
    firstRate: fc.integer({ min: 0, max: 3_000 }),
    changes: fc.array(
      fc.tuple(fc.integer({ min: -30, max: 1_100 }), fc.integer({ min: -5_000_000, max: 2_000_000 })),
      {
        maxLength: 5,
      },
    ),
    basis: fc.constantFrom(...DAY_COUNT_BASES),
    compounding: fc.constantFrom('simple' as const, 'monthly' as const),
  })
  .map(({ principalMinor, days, rates, firstRate, changes, basis, compounding }): InterestInput => {
    // Rates in hundredths of a percent; every period but the last lasts `length` days, the last is open-ended.
    let from = START
    const ratePeriods = [firstRate, ...rates.map(([, rate]) => rate)].map((rate, i) => {
      const length = rates[i]?.[0]
      const period = { from, ratePercent: (rate / 100).toFixed(2) }
      if (length === undefined) return period
      from = addDays(from, length)
      return { ...period, to: addDays(from, -1) }
    })
    return {
      principalMinor,
      currency: 'EUR',
      start: START,
      end: addDays(START, days),
      ratePeriods,
      compounding,
      basis,
      principalChanges: changes.map(([offset, delta]) => ({
        on: addDays(START, offset),
        principalDeltaMinor: delta,
      })),
    }
  })

describe('interest statement properties', () => {
  it('rows tile the period and sum to the total', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const statement = interestStatement(input)
        expect(statement.rows.reduce((sum, r) => sum + r.days, 0)).toBe(
          (Date.parse(input.end) - Date.parse(input.start)) / 86_400_000,
        )
        expect(statement.rows.reduce((sum, r) => sum + r.interestMinor, 0)).toBe(statement.totalInterestMinor)
        for (const [i, row] of statement.rows.entries()) {
          const previous = statement.rows[i - 1]
          expect(row.firstDay).toBe(previous ? addDays(previous.lastDay, 1) : addDays(input.start, 1))
        }
      }),
    )
  })

  it('interest never decreases as the end date moves later', () => {
    fc.assert(
      fc.property(inputArbitrary, fc.integer({ min: 0, max: 400 }), (input, extra) => {
        const later = interestStatement({ ...input, end: addDays(input.end, extra) })
        expect(later.totalInterestMinor).toBeGreaterThanOrEqual(interestStatement(input).totalInterestMinor)
      }),
    )
  })

  it('splitting a simple-interest period at any day moves the total by at most 1 minor unit', () => {
    const simple = fc.record({
      principalMinor: fc.integer({ min: 0, max: 1_000_000_000 }),
      days: fc.integer({ min: 2, max: 1_000 }),
      rate: fc.integer({ min: 0, max: 5_000 }),
      basis: fc.constantFrom(...DAY_COUNT_BASES),
      splitAt: fc.integer({ min: 1, max: 999 }),
    })
    fc.assert(
      fc.property(simple, ({ principalMinor, days, rate, basis, splitAt }) => {
        const ratePercent = (rate / 100).toFixed(2)
        const base = {
          principalMinor,
          currency: 'USD',
          start: START,
          end: addDays(START, days),
          compounding: 'simple',
          basis,
        } as const
        const split = addDays(START, Math.min(splitAt, days - 1))
        const whole = interestStatement({ ...base, ratePeriods: [{ from: START, ratePercent }] })
        const twoParts = interestStatement({
          ...base,
          ratePeriods: [
            { from: START, to: split, ratePercent },
            { from: addDays(split, 1), ratePercent },
          ],
        })
        expect(Math.abs(whole.totalInterestMinor - twoParts.totalInterestMinor)).toBeLessThanOrEqual(1)
      }),
    )
  })

  it('a simple statement at one rate is the rounded exact year fraction, row by row', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_500 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (days, principalMinor) => {
          const end = addDays(START, days)
          const statement = interestStatement({
            principalMinor,
            currency: 'GBP',
            start: START,
            end,
            ratePeriods: [{ from: START, ratePercent: '10' }],
            compounding: 'simple',
            basis: 'act/actual',
          })
          // Exact total = principal x 10% x yearFraction(start + 1, end + 1); rows round once each (<= 1/2 each).
          const { numerator, denominator } = yearFraction('act/actual', addDays(START, 1), addDays(end, 1))
          const exactTimes10 = BigInt(principalMinor) * numerator // x 10 / 100 = / 10
          const difference = BigInt(statement.totalInterestMinor) * 10n * denominator - exactTimes10
          const bound = 5n * denominator * BigInt(Math.max(statement.rows.length, 1)) // rows x 0.5 minor
          expect(difference <= bound && difference >= -bound).toBe(true)
        },
      ),
    )
  })
})
