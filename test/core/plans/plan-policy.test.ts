import { describe, expect, it } from 'vitest'
import {
  checkPlanAgainstPolicy,
  exceedsPercent,
  monthsCovering,
  type PlanPolicy,
  parsePercent,
} from '../../../src/core/plans/plan-policy.ts'
import { generatePlanSchedule, type PlanScheduleInput } from '../../../src/core/plans/plan-schedule.ts'

// A consumer segment and a commercial segment of one tenant.
const POLICIES: Record<string, PlanPolicy> = {
  consumer: {
    id: 'consumer',
    maxMonths: 12,
    minInstalmentMinor: 2_500,
    maxDiscountPercent: '10',
    exceptionApproverRole: 'team_lead',
    maxReplansAfterBreak: 1,
  },
  commercial: {
    id: 'commercial',
    maxMonths: 6,
    minInstalmentMinor: 50_000,
    maxDiscountPercent: '0',
    exceptionApproverRole: null,
    maxReplansAfterBreak: 0,
  },
}

const schedule = (input: Partial<PlanScheduleInput>) =>
  generatePlanSchedule({
    totalMinor: 120_000,
    currency: 'EUR',
    downPaymentMinor: 0,
    frequency: 'monthly',
    instalments: 12,
    firstDueOn: '2024-02-15',
    ...input,
  })

describe('checkPlanAgainstPolicy', () => {
  it.each<[string, string, Partial<PlanScheduleInput>, number, string[]]>([
    // [case, policy, schedule, balance, violation codes]
    ['12 months of 100.00 from 15 Jan', 'consumer', {}, 120_000, []],
    [
      '13 months is too long',
      'consumer',
      { instalments: 13, totalMinor: 130_000 },
      130_000,
      ['term_too_long'],
    ],
    ['instalments below the minimum', 'consumer', { totalMinor: 24_000 }, 24_000, ['instalment_too_small']],
    [
      'a small final remainder is fine',
      'consumer',
      { instalments: undefined, instalmentMinor: 10_999, totalMinor: 120_000 },
      120_000,
      [],
    ],
    ['discount of exactly 10%', 'consumer', { totalMinor: 108_000 }, 120_000, []],
    ['discount of 10% plus one cent', 'consumer', { totalMinor: 107_999 }, 120_000, ['discount_too_large']],
    [
      'commercial: no discount, 6 months',
      'commercial',
      { instalments: 6 },
      120_001,
      ['instalment_too_small', 'discount_too_large'],
    ],
    ['commercial: long and small', 'commercial', {}, 120_000, ['term_too_long', 'instalment_too_small']],
    [
      'weekly plan inside 12 months',
      'consumer',
      { frequency: 'weekly', instalments: 40, firstDueOn: '2024-01-22' },
      120_000,
      [],
    ],
    ['total above balance is no discount', 'consumer', {}, 100_000, []],
  ])('%s', (_, policyName, input, balanceMinor, codes) => {
    const policy = POLICIES[policyName]!
    const result = checkPlanAgainstPolicy(
      { schedule: schedule(input), agreedOn: '2024-01-15', balanceMinor },
      policy,
    )
    expect(result.ok ? [] : result.violations.map((v) => v.code)).toEqual(codes)
  })

  it('an exception is approvable only by the named role', () => {
    const plan = {
      schedule: schedule({ instalments: 13, totalMinor: 130_000 }),
      agreedOn: '2024-01-15',
      balanceMinor: 130_000,
    }
    const lead = checkPlanAgainstPolicy(plan, POLICIES.consumer!, 'team_lead')
    const agent = checkPlanAgainstPolicy(plan, POLICIES.consumer!, 'agent')
    const none = checkPlanAgainstPolicy(plan, POLICIES.commercial!, 'team_lead')
    expect(lead).toMatchObject({ ok: false, approvable: true, exceptionApproverRole: 'team_lead' })
    expect(agent).toMatchObject({ ok: false, approvable: false })
    expect(none).toMatchObject({ ok: false, approvable: false, exceptionApproverRole: null })
  })

  it('the down payment is not an instalment for the minimum', () => {
    const s = schedule({
      downPaymentMinor: 100,
      downPaymentOn: '2024-01-15',
      instalments: 4,
      totalMinor: 40_100,
    })
    expect(
      checkPlanAgainstPolicy(
        { schedule: s, agreedOn: '2024-01-15', balanceMinor: 40_100 },
        POLICIES.consumer!,
      ),
    ).toEqual({ ok: true })
  })
})

describe('percent arithmetic', () => {
  it.each<[number, number, string, boolean]>([
    [10, 100, '10', false],
    [11, 100, '10', true],
    [125, 1000, '12.5', false],
    [126, 1000, '12.5', true],
    [1, 3, '33.333333', true],
    [0, 100, '0', false],
    [1, 100, '0', true],
    [100, 100, '100', false],
  ])('%i of %i exceeds %s%%: %s', (part, whole, percent, expected) => {
    expect(exceedsPercent(part, whole, percent)).toBe(expected)
  })

  it.each(['-1', '1e2', '10%', '', '100.1', '1.1234567', '1,5'])('rejects %j', (text) => {
    expect(() => parsePercent(text)).toThrowError(expect.objectContaining({ code: 'invalid_percent' }))
  })
})

describe('monthsCovering', () => {
  it.each<[string, string, number]>([
    ['2024-01-15', '2024-01-15', 0],
    ['2024-01-15', '2024-01-16', 1],
    ['2024-01-15', '2025-01-15', 12],
    ['2024-01-15', '2025-01-16', 13],
    ['2024-01-31', '2024-02-29', 1],
    ['2023-01-31', '2023-02-28', 1],
    ['2024-01-31', '2024-03-01', 2],
  ])('%s to %s: %i', (from, to, months) => {
    expect(monthsCovering(from, to)).toBe(months)
  })
})
