import { describe, expect, it } from 'vitest'
import { allocationPolicyById, policyFor } from '../../../src/core/allocation/allocation-policies.ts'
import { publicHolidays } from '../../../src/core/calendar/public-holidays.ts'
import { evaluateCompliance, limitationRulesFor } from '../../../src/core/compliance/evaluate-compliance.ts'
import { euLatePayment } from '../../../src/core/interest/statutory-interest.ts'
import {
  EU_COUNTRY_SETTINGS,
  EU_DIRECTIVE_DEFAULTS,
  euCountrySettings,
  hasEuCountrySettings,
} from '../../../src/core/interest/statutory-rates.ts'
import { jurisdictionFor } from '../../../src/core/jurisdictions/registry.ts'
import { request } from '../compliance/compliance-request-fixture.ts'

/* Defect 1 of issue #8: names that are Object.prototype members must be unknown names, never a crash. */
const HOSTILE = ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'] as const

describe.each(HOSTILE)('a user-supplied name "%s"', (name) => {
  it('is not an allocation policy, and its jurisdiction gets the default policy', () => {
    expect(allocationPolicyById(name)).toBeUndefined()
    expect(policyFor(name, 'consumer').id).toBe('default-costs-first')
    expect(policyFor(`${name}-x`, 'consumer_loan').id).toBe('default-costs-first')
  })

  it('resolves to the unknown jurisdiction', () => {
    const j = jurisdictionFor(name)
    expect(j.code).toBe('*')
    expect(j.packs).toEqual([])
    expect(j.calendar().holidaysIn(2026).size).toBe(0)
  })

  it('selects no consumer pack and no limitation rule', () => {
    const consumer = request({
      jurisdiction: name,
      action: { kind: 'suit' },
      debt: { accrualOn: '2020-01-01' },
    })
    expect(evaluateCompliance(consumer).packs).toEqual([])
    expect(limitationRulesFor(consumer, consumer.debts[0]!)).toEqual([])
    const business = request({ jurisdiction: name, action: { kind: 'suit' }, debt: { kind: 'commercial' } })
    expect(evaluateCompliance(business).packs.map((p) => p.id)).toEqual(['commercial'])
  })

  it('is an unknown rule pack when a request names it', () => {
    expect(() => evaluateCompliance(request({ packs: [name] }))).toThrow(`request.packs names "${name}"`)
  })

  it('has no verified EU national settings (a plain index would find Object.prototype members)', () => {
    expect(name in EU_COUNTRY_SETTINGS).toBe(true) // why a plain `EU_COUNTRY_SETTINGS[name]` was wrong
    expect(hasEuCountrySettings(name)).toBe(false)
    expect(euCountrySettings(name)).toEqual({ ...EU_DIRECTIVE_DEFAULTS, country: name })
    const late = { principalMinor: 100_000, currency: 'EUR', dueOn: '2025-01-31', to: '2025-03-31' }
    expect(() => euLatePayment({ ...late, country: name })).toThrow(
      `"${name}" is not an EU member state code`,
    )
  })

  it('is not a public-holiday calendar', () => {
    expect(() => publicHolidays(name, 2026)).toThrow(`no public-holiday calendar "${name}"`)
  })
})
