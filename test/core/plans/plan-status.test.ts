import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../../../src/core/calendar/local-date.ts'
import type { PlanPolicy } from '../../../src/core/plans/plan-policy.ts'
import { generatePlanSchedule } from '../../../src/core/plans/plan-schedule.ts'
import {
  evaluatePlan,
  type PlanPayment,
  type PlanState,
  replanAllowed,
} from '../../../src/core/plans/plan-status.ts'

// 30.00 down on 10 Jan, then 3 x 100.00 on 31 Jan, 29 Feb, 31 Mar 2024.
const { instalments: schedule } = generatePlanSchedule({
  totalMinor: 33_000,
  currency: 'EUR',
  downPaymentMinor: 3_000,
  downPaymentOn: '2024-01-10',
  frequency: 'monthly',
  instalments: 3,
  firstDueOn: '2024-01-31',
})
const pay = (on: string, amountMinor: number): PlanPayment => ({ on, amountMinor })

describe('evaluatePlan', () => {
  it.each<[string, PlanPayment[], string, PlanState, [number, number][], string | undefined]>([
    // [case, payments, asOf, state, missed [seq, short], brokenOn]
    ['nothing due yet', [], '2024-01-10', 'active', [], undefined],
    ['down payment within grace', [], '2024-01-15', 'active', [], undefined],
    ['down payment missed after grace', [], '2024-01-16', 'broken', [[0, 3_000]], '2024-01-16'],
    ['down payment paid late in grace', [pay('2024-01-15', 3_000)], '2024-02-01', 'active', [], undefined],
    [
      'partial first instalment, last day of grace',
      [pay('2024-01-10', 3_000), pay('2024-02-01', 6_000)],
      '2024-02-05',
      'active',
      [],
      undefined,
    ],
    [
      'partial first instalment after grace',
      [pay('2024-01-10', 3_000), pay('2024-02-01', 6_000)],
      '2024-02-07',
      'broken',
      [[1, 4_000]],
      '2024-02-06',
    ],
    [
      'overpayment covers the next instalment',
      [pay('2024-01-10', 23_000)],
      '2024-03-10',
      'active',
      [],
      undefined,
    ],
    [
      'leap day instalment missed',
      [pay('2024-01-10', 13_000)],
      '2024-03-06',
      'broken',
      [[2, 10_000]],
      '2024-03-06',
    ],
    [
      'late money does not mend a missed deadline',
      [pay('2024-01-10', 13_000), pay('2024-03-20', 10_000)],
      '2024-03-25',
      'broken',
      [[2, 10_000]],
      '2024-03-06',
    ],
    [
      'completed on time',
      [pay('2024-01-10', 3_000), pay('2024-01-31', 30_000)],
      '2024-12-31',
      'completed',
      [],
      undefined,
    ],
    [
      'completed after a break',
      [pay('2024-01-10', 3_000), pay('2024-04-30', 30_000)],
      '2024-05-01',
      'completed',
      [
        [1, 10_000],
        [2, 10_000],
        [3, 10_000],
      ],
      '2024-02-06',
    ],
    ['payments after asOf are ignored', [pay('2024-01-10', 33_000)], '2024-01-09', 'active', [], undefined],
  ])('%s', (_, payments, asOf, state, missed, brokenOn) => {
    const status = evaluatePlan({ schedule, payments, asOf, graceDays: 5 })
    expect(status.state).toBe(state)
    expect(status.missed.map((m) => [m.seq, m.shortMinor])).toEqual(missed)
    expect(status.brokenOn).toBe(brokenOn)
  })

  it('reports everything paid by asOf', () => {
    expect(
      evaluatePlan({
        schedule,
        payments: [pay('2024-01-01', 5), pay('2024-02-01', 7)],
        asOf: '2024-01-31',
        graceDays: 0,
      }).paidMinor,
    ).toBe(5)
  })

  it.each([
    ['bad asOf', { asOf: '2024-02-30' }],
    ['negative grace', { graceDays: -1 }],
    ['negative payment', { payments: [pay('2024-01-01', -1)] }],
  ])('rejects %s', (_, patch) => {
    expect(() =>
      evaluatePlan({ schedule, payments: [], asOf: '2024-01-01', graceDays: 0, ...patch }),
    ).toThrowError(expect.objectContaining({ code: 'invalid_plan_evaluation' }))
  })

  it('more payments never turn a plan broken or miss more instalments', () => {
    const arbPayment = fc.record({
      on: fc.integer({ min: 0, max: 150 }).map((d) => addDays('2024-01-01', d)),
      amountMinor: fc.integer({ min: 0, max: 20_000 }),
    })
    fc.assert(
      fc.property(
        fc.array(arbPayment, { maxLength: 6 }),
        fc.array(arbPayment, { maxLength: 4 }),
        fc.integer({ min: 0, max: 180 }),
        fc.integer({ min: 0, max: 10 }),
        (some, more, asOfDay, graceDays) => {
          const asOf = addDays('2024-01-01', asOfDay)
          const before = evaluatePlan({ schedule, payments: some, asOf, graceDays })
          const after = evaluatePlan({ schedule, payments: [...some, ...more], asOf, graceDays })
          if (before.state !== 'broken') expect(after.state).not.toBe('broken')
          expect(after.missed.length).toBeLessThanOrEqual(before.missed.length)
          const missedAfter = new Set(after.missed.map((m) => m.seq))
          for (const seq of missedAfter) expect(before.missed.some((m) => m.seq === seq)).toBe(true)
          expect(after.paidMinor).toBeGreaterThanOrEqual(before.paidMinor)
        },
      ),
    )
  })
})

describe('replanAllowed', () => {
  const policy: PlanPolicy = {
    id: 'consumer',
    maxMonths: 12,
    minInstalmentMinor: 1,
    maxDiscountPercent: '0',
    exceptionApproverRole: 'team_lead',
    maxReplansAfterBreak: 1,
  }
  it.each<[string, PlanState[], number, boolean]>([
    ['first plan', [], 1, true],
    ['one broken plan, one re-plan allowed', ['broken'], 1, true],
    ['two broken plans', ['broken', 'broken'], 1, false],
    ['a completed plan does not count', ['completed', 'broken'], 1, true],
    ['an active plan blocks', ['broken', 'active'], 1, false],
    ['no re-plans allowed', ['broken'], 0, false],
  ])('%s', (_, states, maxReplansAfterBreak, allowed) => {
    const decision = replanAllowed(
      states.map((state) => ({ state })),
      { ...policy, maxReplansAfterBreak },
    )
    expect(decision.allowed).toBe(allowed)
    expect(decision.brokenCount).toBe(states.filter((s) => s === 'broken').length)
  })

  it('names the approver only where an exception could help', () => {
    expect(replanAllowed([{ state: 'broken' }, { state: 'broken' }], policy).exceptionApproverRole).toBe(
      'team_lead',
    )
    expect(replanAllowed([{ state: 'active' }], policy).exceptionApproverRole).toBeNull()
  })
})
