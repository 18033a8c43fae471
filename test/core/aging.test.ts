import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  bucketIndex,
  bucketsFromBounds,
  parseBucketBounds,
} from '../../src/core/delinquency/aging-buckets.ts'
import { buildAgingReport } from '../../src/core/delinquency/aging-report.ts'
import { daysPastDue, oldestUnpaidDueDate } from '../../src/core/delinquency/days-past-due.ts'

describe('days past due', () => {
  it.each([
    ['2013-02-01', '2013-01-31', 0],
    ['2013-02-01', '2013-02-01', 0],
    ['2013-02-01', '2013-02-02', 1],
    ['2013-02-01', '2013-03-03', 30],
    ['2013-02-01', '2013-03-04', 31],
    ['2012-02-01', '2013-02-01', 366],
  ])('due %s, as of %s → %i DPD', (due, asOf, dpd) => {
    expect(daysPastDue(due, asOf)).toBe(dpd)
  })

  it('anchors an instalment debt on its oldest unpaid instalment', () => {
    const schedule = [
      { dueOn: '2026-03-01', amountMinor: 100 },
      { dueOn: '2026-01-01', amountMinor: 100 },
      { dueOn: '2026-02-01', amountMinor: 100 },
    ]
    expect(oldestUnpaidDueDate(schedule, 0)).toBe('2026-01-01')
    expect(oldestUnpaidDueDate(schedule, 150)).toBe('2026-02-01')
    expect(oldestUnpaidDueDate(schedule, 200)).toBe('2026-03-01')
    expect(oldestUnpaidDueDate(schedule, 300)).toBeNull()
  })
})

describe('aging buckets', () => {
  it('defaults to current, 1-30, 31-60, 61-90, 91-120, 121+', () => {
    expect(bucketsFromBounds().map((b) => b.label)).toEqual([
      'current',
      '1-30',
      '31-60',
      '61-90',
      '91-120',
      '121+',
    ])
  })

  it.each([
    [-5, 0],
    [0, 0],
    [1, 1],
    [30, 1],
    [31, 2],
    [60, 2],
    [61, 3],
    [90, 3],
    [91, 4],
    [120, 4],
    [121, 5],
    [4000, 5],
  ])('%i DPD falls in bucket %i', (dpd, bucket) => {
    expect(bucketIndex(dpd)).toBe(bucket)
  })

  it.each([['30,30'], ['0,30'], ['30,x'], ['-1'], ['1.5']])('rejects bounds %j', (text) => {
    expect(() => parseBucketBounds(text)).toThrow(/increasing positive whole days/)
  })

  it('every DPD lands in exactly one bucket whose range contains it', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 })
          .map((a) => a.sort((x, y) => x - y)),
        fc.integer({ min: -100, max: 3000 }),
        (bounds, dpd) => {
          const buckets = bucketsFromBounds(bounds)
          const index = bucketIndex(dpd, bounds)
          const bucket = buckets[index]!
          expect(dpd <= 0 ? bucket.label === 'current' : dpd >= (bucket.minDays ?? 0)).toBe(true)
          if (bucket.maxDays !== null) expect(dpd).toBeLessThanOrEqual(bucket.maxDays)
        },
      ),
    )
  })
})

describe('buildAgingReport', () => {
  it('totals per currency and per client, keeping currencies apart', () => {
    const report = buildAgingReport(
      [
        { clientId: 1, currency: 'USD', bucket: 0, accounts: 2, balanceMinor: 1000 },
        { clientId: 2, currency: 'USD', bucket: 2, accounts: 1, balanceMinor: 500 },
        { clientId: 1, currency: 'JPY', bucket: 5, accounts: 3, balanceMinor: 9000 },
      ],
      {
        asOf: '2026-11-23',
        timeZone: 'UTC',
        bounds: [30, 60, 90, 120],
        clients: new Map([
          [1, { externalId: 'C1', name: 'One' }],
          [2, { externalId: 'C2', name: 'Two' }],
        ]),
      },
    )
    expect(report.totals.map((r) => [r.currency, r.accounts, r.balanceMinor])).toEqual([
      ['JPY', 3, 9000],
      ['USD', 3, 1500],
    ])
    const usd = report.totals[1]!
    expect(usd.buckets.map((b) => b.balanceMinor)).toEqual([1000, 0, 500, 0, 0, 0])
    expect(report.byClient.map((r) => [r.clientExternalId, r.currency, r.balanceMinor])).toEqual([
      ['C1', 'JPY', 9000],
      ['C1', 'USD', 1000],
      ['C2', 'USD', 500],
    ])
  })
})
