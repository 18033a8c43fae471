import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/core/errors/index.ts'
import { checkPlanAgainstPolicy, complementPercent } from '../../../src/core/plans/plan-policy.ts'
import { generatePlanSchedule } from '../../../src/core/plans/plan-schedule.ts'
import {
  applySettingsPatch,
  customisedFields,
  DEFAULT_SETTINGS,
  effectiveSettings,
  minInstalmentFor,
  type SettingsPatch,
} from '../../../src/core/tenants/tenant-settings.ts'
import { DEFAULT_MONEY_POLICY, moneyPolicyFor } from '../../../src/money/money-policy.ts'

const current = effectiveSettings('UTC', {}, true)

function refusal(patch: SettingsPatch): { field: string; message: string } {
  try {
    applySettingsPatch(current, {}, patch)
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    expect(error.code).toBe('invalid_settings')
    return { field: (error.details as { field: string }).field, message: error.message }
  }
  throw new Error(`accepted ${JSON.stringify(patch)}`)
}

describe('tenant settings', () => {
  it('are the defaults when nothing is stored, and those are the money policy the services applied', () => {
    expect(current).toEqual({ timeZone: 'UTC', ...DEFAULT_SETTINGS })
    const tenant = { time_zone: 'UTC', settings: null }
    expect(moneyPolicyFor(tenant)).toBe(DEFAULT_MONEY_POLICY)
    const stored = moneyPolicyFor({ time_zone: 'UTC', settings: '{}' })
    expect({ ...stored.plan, id: 'default' }).toMatchObject(DEFAULT_MONEY_POLICY.plan)
    expect(stored.settlement).toEqual(DEFAULT_MONEY_POLICY.settlement)
  })

  it.each([
    [{ plans: { maxMonths: 0 } }, 'plans.maxMonths'],
    [{ plans: { maxMonths: 1.5 } }, 'plans.maxMonths'],
    [{ plans: { maxInstalments: 0 } }, 'plans.maxInstalments'],
    [{ plans: { minInstalmentMinor: -1 } }, 'plans.minInstalmentMinor'],
    [{ plans: { minInstalmentMinorByCurrency: { usd: 100 } } }, 'plans.minInstalmentMinorByCurrency.usd'],
    [{ plans: { minInstalmentMinorByCurrency: { EUR: 0 } } }, 'plans.minInstalmentMinorByCurrency.EUR'],
    [{ plans: { minDownPaymentPercent: '99.5' } }, 'plans.minDownPaymentPercent'],
    [{ plans: { maxDiscountPercent: '100' } }, 'plans.maxDiscountPercent'],
    [{ plans: { maxDiscountPercent: 10 } }, 'plans.maxDiscountPercent'],
    [{ settlements: { minOfferPercent: '0.000' } }, 'settlements.minOfferPercent'],
    [{ settlements: { minOfferPercent: '101' } }, 'settlements.minOfferPercent'],
    [{ settlements: { maxValidityDays: 366 } }, 'settlements.maxValidityDays'],
    [{ contact: { sendTime: '9:00' } }, 'contact.sendTime'],
    [{ contact: { consolidateMessages: 'yes' } }, 'contact.consolidateMessages'],
    [{ plans: { unknown: 1 } }, 'plans.unknown'],
    [{ costs: { smsMinor: -1 } }, 'costs.smsMinor'],
    [{ costs: { letterMinor: 1.5 } }, 'costs.letterMinor'],
    [{ costs: { visitMinor: 1 } }, 'costs.visitMinor'],
    [{ plans: { maxDiscountPercent: '41' } }, 'plans.maxDiscountPercent'],
  ] as [SettingsPatch, string][])('refuses %j naming %s', (patch, field) => {
    expect(refusal(patch).field).toBe(field)
  })

  it('applies a patch, lists what changed, and null puts a field back to its default', () => {
    const first = applySettingsPatch(
      current,
      {},
      {
        timeZone: 'Europe/Berlin',
        plans: { maxMonths: 6, minInstalmentMinorByCurrency: { JPY: 3000 } },
        settlements: { minOfferPercent: '75' },
        contact: { consolidateMessages: false },
      },
    )
    expect(first.changed).toEqual([
      'timeZone',
      'plans.maxMonths',
      'plans.minInstalmentMinorByCurrency',
      'settlements.minOfferPercent',
      'contact.consolidateMessages',
    ])
    expect(first.stored).toEqual({
      plans: { maxMonths: 6, minInstalmentMinorByCurrency: { JPY: 3000 } },
      settlements: { minOfferPercent: '75' },
    })
    expect(minInstalmentFor(first.effective.plans, 'JPY')).toBe(3000)
    expect(minInstalmentFor(first.effective.plans, 'USD')).toBe(2500)
    const same = applySettingsPatch(first.effective, first.stored, { plans: { maxMonths: 6 } })
    expect(same.changed).toEqual([])
    expect(customisedFields(first.stored, false)).toEqual([
      'plans.maxMonths',
      'plans.minInstalmentMinorByCurrency',
      'settlements.minOfferPercent',
      'contact.consolidateMessages',
    ])
    // The default's value set explicitly makes the field the tenant's own (the engine then cuts offers to it).
    const explicit = applySettingsPatch(current, {}, { plans: { maxMonths: 12 } })
    expect([explicit.changed, explicit.stored]).toEqual([['plans.maxMonths'], { plans: { maxMonths: 12 } }])
    // null puts fields back to their defaults and stores nothing for them.
    const back = applySettingsPatch(first.effective, first.stored, {
      plans: { maxMonths: null, minInstalmentMinorByCurrency: null },
      settlements: { minOfferPercent: null },
    })
    expect(back.stored).toEqual({})
    expect(back.effective).toEqual({
      ...current,
      timeZone: 'Europe/Berlin',
      contact: { ...current.contact, consolidateMessages: false },
    })
  })

  it('keeps contact unit costs: 0 by default and not customised until set; 0 set is the tenant’s own', () => {
    expect(current.costs).toEqual({ emailMinor: 0, smsMinor: 0, letterMinor: 0, callMinor: 0 })
    const set = applySettingsPatch(current, {}, { costs: { smsMinor: 4, emailMinor: 0 } })
    expect(set.changed).toEqual(['costs.smsMinor', 'costs.emailMinor'])
    expect(set.stored).toEqual({ costs: { smsMinor: 4, emailMinor: 0 } })
    expect(set.effective.costs).toEqual({ emailMinor: 0, smsMinor: 4, letterMinor: 0, callMinor: 0 })
    expect(customisedFields(set.stored, true)).toEqual(['costs.emailMinor', 'costs.smsMinor'])
    expect(
      applySettingsPatch(set.effective, set.stored, { costs: { smsMinor: null, emailMinor: null } }).stored,
    ).toEqual({})
  })

  it('computes percentage complements exactly', () => {
    expect(['60', '62.5', '99.99', '100', '0', '40.50'].map(complementPercent)).toEqual([
      '40',
      '37.5',
      '0.01',
      '0',
      '100',
      '59.5',
    ])
  })

  it('checks plans against the new bounds: instalment count, down payment, minimum per currency', () => {
    const policy = moneyPolicyFor({
      time_zone: 'UTC',
      settings: JSON.stringify({
        plans: {
          maxInstalments: 3,
          minDownPaymentPercent: '20',
          minInstalmentMinorByCurrency: { EUR: 5000 },
        },
      }),
    }).plan
    const schedule = (downPaymentMinor: number, instalments: number) =>
      generatePlanSchedule({
        totalMinor: 100_000,
        currency: 'EUR',
        downPaymentMinor,
        downPaymentOn: '2026-03-01',
        frequency: 'monthly',
        instalments,
        firstDueOn: '2026-04-01',
      })
    const check = (down: number, n: number) =>
      checkPlanAgainstPolicy(
        { schedule: schedule(down, n), agreedOn: '2026-03-01', balanceMinor: 100_000 },
        policy,
      )
    expect(check(20_000, 3)).toEqual({ ok: true })
    const bad = check(19_999, 4)
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    expect(bad.violations.map((v) => v.code)).toEqual(['too_many_instalments', 'down_payment_too_small'])
    const small = check(90_000, 3)
    expect(small.ok ? [] : small.violations.map((v) => v.code)).toEqual(['instalment_too_small'])
  })
})
