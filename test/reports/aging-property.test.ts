import fc from 'fast-check'
import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { getAgingReport } from '../../src/app/reports/get-aging-report.ts'
import { addDays } from '../../src/core/calendar/local-date.ts'
import { bucketIndex } from '../../src/core/delinquency/aging-buckets.ts'
import { daysPastDue } from '../../src/core/delinquency/days-past-due.ts'
import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'

const AS_OF = '2026-03-29'

/** Bucket bounds, and accounts whose days past due often sit exactly on a boundary (or one past it). */
const portfolioArbitrary = fc
  .uniqueArray(fc.integer({ min: 1, max: 365 }), { minLength: 1, maxLength: 5 })
  .map((bounds) => bounds.sort((x, y) => x - y))
  .chain((bounds) =>
    fc.tuple(
      fc.constant(bounds),
      fc.array(
        fc.record({
          dueOffset: fc.oneof(
            fc.integer({ min: -40, max: 400 }),
            fc.constantFrom(0, 1, ...bounds, ...bounds.map((b) => b + 1)),
          ),
          amountMinor: fc.integer({ min: 1, max: 1_000_000 }),
          paidMinor: fc.integer({ min: 0, max: 1_000_000 }),
          paidOffset: fc.integer({ min: -30, max: 30 }),
        }),
        { minLength: 1, maxLength: 25 },
      ),
    ),
  )

/**
 * The SQL aging and the core's DPD and bucket functions are two implementations of one rule; for any
 * portfolio they must agree account by account (summed per bucket).
 */
describeEachDatabase('aging in SQL agrees with the core rules', ({ store }) => {
  it('for random portfolios and bucket bounds', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(portfolioArbitrary, async ([bounds, accounts]) => {
        run++
        const s = store()
        const tenant = await createTestTenant(s.db, `prop-${run}`)
        const records: IntakeRecord[] = accounts.map((a, i) => {
          const dueOn = addDays(AS_OF, -a.dueOffset)
          const openedOn = addDays(dueOn, -30)
          const paid = Math.min(a.paidMinor, a.amountMinor)
          return {
            line: i + 2,
            debtor: { externalId: `d${i}`, kind: 'person', name: 'D' },
            account: {
              externalId: `a${i}`,
              originalCreditor: 'C',
              currentCreditor: 'C',
              debtKind: 'consumer',
              currency: 'USD',
              jurisdiction: 'US-NY',
              openedOn,
              dueOn,
              status: 'open',
            },
            entries: [
              { kind: 'charge', amountMinor: a.amountMinor, effectiveOn: openedOn, externalId: 'c' },
              ...(paid > 0
                ? [
                    {
                      kind: 'payment' as const,
                      amountMinor: -paid,
                      effectiveOn: addDays(AS_OF, a.paidOffset),
                      externalId: 'p',
                    },
                  ]
                : []),
            ],
          }
        })
        await createIntakeWriter(s, tenant.id).write(records)
        const expected = Array.from({ length: bounds.length + 2 }, () => ({ accounts: 0, balanceMinor: 0 }))
        records.forEach((record, i) => {
          const a = accounts[i]!
          const paidByAsOf = a.paidOffset <= 0 ? Math.min(a.paidMinor, a.amountMinor) : 0
          const balance = a.amountMinor - paidByAsOf
          if (record.account.openedOn > AS_OF || balance <= 0) return
          const cell = expected[bucketIndex(daysPastDue(record.account.dueOn, AS_OF), bounds)]!
          cell.accounts++
          cell.balanceMinor += balance
        })
        const report = await getAgingReport(
          { store: s, actor: systemActor(tenant, 'test') },
          { asOf: AS_OF, bounds },
        )
        const actual = report.totals[0]?.buckets.map((b) => ({
          accounts: b.accounts,
          balanceMinor: b.balanceMinor,
        }))
        const anyOwed = expected.some((c) => c.accounts > 0)
        expect(actual ?? (anyOwed ? undefined : expected)).toEqual(expected)
      }),
      { numRuns: 25 },
    )
  })
})
