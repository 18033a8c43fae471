import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, dayNumber } from '../../../src/core/calendar/local-date.ts'
import {
  computeFeatures,
  FEATURE_COUNT,
  FEATURES,
  type FeatureName,
  indexHistory,
} from '../../../src/core/scoring/score-features.ts'
import type { ScoringHistory } from '../../../src/core/scoring/scoring-history.ts'
import { trainAndEvaluate } from '../../../src/core/scoring/train-and-evaluate.ts'
import { historyAsOf, randomHistory } from './history-fixtures.ts'

/** The features of every account of `h` that existed on `asOf`, by external id. */
function featuresOf(h: ScoringHistory, asOf: string): Map<string, number[]> {
  const index = indexHistory(h)
  const out = new Map<string, number[]>()
  const day = dayNumber(asOf)
  const v = new Float64Array(FEATURE_COUNT)
  index.accounts.forEach((a, at) => {
    if (a.openedDay > day) return
    computeFeatures(index, at, day, v, 0)
    out.set(a.externalId, [...v])
  })
  return out
}

const named = (values: number[] | undefined) =>
  Object.fromEntries(FEATURES.map((f, i) => [f.name, values?.[i]])) as Record<FeatureName, number>

describe('features as of a day', () => {
  it('computes each feature from a small hand-made book', () => {
    const h: ScoringHistory = {
      accounts: [
        {
          id: 1,
          externalId: 'old-late',
          debtorId: 7,
          debtKind: 'commercial',
          currency: 'USD',
          status: 'paid',
          openedOn: '2025-01-01',
          dueOn: '2025-01-31',
        },
        {
          id: 2,
          externalId: 'old-on-time',
          debtorId: 7,
          debtKind: 'commercial',
          currency: 'USD',
          status: 'paid',
          openedOn: '2025-02-01',
          dueOn: '2025-03-03',
        },
        {
          id: 3,
          externalId: 'open-overdue',
          debtorId: 7,
          debtKind: 'commercial',
          currency: 'USD',
          status: 'open',
          openedOn: '2025-03-01',
          dueOn: '2025-03-31',
        },
        {
          id: 4,
          externalId: 'new',
          debtorId: 7,
          debtKind: 'commercial',
          currency: 'USD',
          status: 'open',
          openedOn: '2025-05-01',
          dueOn: '2025-05-31',
        },
      ],
      entries: [
        { accountId: 1, kind: 'charge', amountMinor: 10_000, effectiveOn: '2025-01-01' },
        { accountId: 1, kind: 'payment', amountMinor: -10_000, effectiveOn: '2025-02-10' },
        { accountId: 2, kind: 'charge', amountMinor: 20_000, effectiveOn: '2025-02-01' },
        { accountId: 2, kind: 'payment', amountMinor: -20_000, effectiveOn: '2025-03-01' },
        { accountId: 3, kind: 'charge', amountMinor: 30_000, effectiveOn: '2025-03-01' },
        { accountId: 3, kind: 'payment', amountMinor: -5_000, effectiveOn: '2025-04-20' },
        { accountId: 4, kind: 'charge', amountMinor: 60_000, effectiveOn: '2025-05-01' },
      ],
      promises: [{ accountId: 4, takenOn: '2025-05-02', dueOn: '2025-05-03', state: 'broken' }],
      plans: [],
      disputes: [{ accountId: 4, receivedOn: '2025-05-01', resolvedOn: null }],
      contacts: [
        { accountId: 4, occurredOn: '2025-05-01T10:00:00Z', direction: 'outbound', result: 'conversation' },
        { accountId: 4, occurredOn: '2025-05-02T10:00:00Z', direction: 'outbound', result: 'no_answer' },
      ],
    }
    const f = named(featuresOf(h, '2025-05-01').get('new'))
    expect(f.daysPastDue).toBe(-30)
    expect(f.ageDays).toBe(0)
    expect(f.balanceMinor).toBe(60_000)
    expect(f.balanceShare).toBe(1)
    expect(f.amountVsUsual).toBe(60_000 / 20_000) // mean of 10,000, 20,000 and 30,000
    expect(f.debtorOpenAccounts).toBe(1)
    expect(f.debtorOverdueAccounts).toBe(1)
    expect(f.debtorExposureMinor).toBe(60_000 + 25_000)
    expect(f.debtorMaxDaysPastDue).toBe(31)
    expect(f.priorSettled).toBe(2)
    expect(f.priorLateShare).toBe(0.5)
    expect(f.priorMeanDaysLate).toBe(5)
    expect(f.priorMaxDaysLate).toBe(10)
    expect(f.daysSinceLastLate).toBe(dayNumber('2025-05-01') - dayNumber('2025-02-10'))
    expect(f.paymentsLast90).toBe(0)
    expect(f.daysSinceLastPayment).toBeNaN()
    expect(f.disputes).toBe(1)
    expect(f.contactAttempts).toBe(1)
    expect(f.rightPartyContacts).toBe(1)
    // The promise's outcome is not counted until its grace is over.
    expect(f.promisesBroken).toBe(0)
    expect(named(featuresOf(h, '2025-05-20').get('new')).promisesBroken).toBe(1)
    // Without an earlier invoice there is nothing usual to compare with.
    expect(named(featuresOf(h, '2025-05-01').get('old-late')).amountVsUsual).toBeNaN()
    expect(named(featuresOf(h, '2025-04-30').get('open-overdue')).partialPayments).toBe(1)
  })

  it('never reads what was not known on the day: the books as they stood then give the same features', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 700 }),
        fc.boolean(),
        (seed, offset, consumer) => {
          const h = randomHistory(seed, consumer ? 'consumer' : 'commercial', 8)
          const asOf = addDays('2024-01-15', offset)
          expect(featuresOf(historyAsOf(h, asOf), asOf)).toEqual(featuresOf(h, asOf))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('trains the same scorecard whatever happened after the split day', () => {
    for (const [seed, target] of [
      [21, 'late_payment'],
      [22, 'pay_30'],
    ] as const) {
      const full = randomHistory(seed, target === 'late_payment' ? 'commercial' : 'consumer', 120)
      const splitOn = '2025-03-01'
      const input = { dataAsOf: '2026-06-30', splitOn }
      const trained = trainAndEvaluate(indexHistory(full), target, input)
      // The same book up to the day before the split; after it, every entry moved 9 days later and no
      // promise, plan, dispute or contact: a different future.
      const before = historyAsOf(full, addDays(splitOn, -1))
      const split = dayNumber(splitOn)
      const other: ScoringHistory = {
        ...before,
        accounts: full.accounts,
        entries: [
          ...before.entries,
          ...full.entries
            .filter((e) => dayNumber(e.effectiveOn) >= split)
            .map((e) => ({ ...e, effectiveOn: addDays(e.effectiveOn, 9) })),
        ],
      }
      const retrained = trainAndEvaluate(indexHistory(other), target, input)
      expect(retrained.scorecard).toEqual(trained.scorecard)
      expect(retrained.evaluation.train).toEqual(trained.evaluation.train)
      expect(retrained.evaluation.test).not.toEqual(trained.evaluation.test)
    }
  })
})
