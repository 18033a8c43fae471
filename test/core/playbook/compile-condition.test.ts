import { describe, expect, it } from 'vitest'
import { compileCondition } from '../../../src/core/playbook/compile-condition.ts'
import type { Condition } from '../../../src/core/playbook/playbook-document.ts'
import { facts } from './playbook-fixtures.ts'

const cases: {
  condition: Condition
  text: string
  holds: Partial<ReturnType<typeof facts>>[]
  fails: Partial<ReturnType<typeof facts>>[]
}[] = [
  {
    condition: { fact: 'daysPastDue', eq: 30 },
    text: 'daysPastDue = 30',
    holds: [{ daysPastDue: 30 }],
    fails: [{ daysPastDue: 31 }],
  },
  {
    condition: { fact: 'daysPastDue', ne: 30 },
    text: 'daysPastDue != 30',
    holds: [{ daysPastDue: 29 }],
    fails: [{ daysPastDue: 30 }],
  },
  {
    condition: { fact: 'daysPastDue', gt: 30 },
    text: 'daysPastDue > 30',
    holds: [{ daysPastDue: 31 }],
    fails: [{ daysPastDue: 30 }],
  },
  {
    condition: { fact: 'daysPastDue', gte: 30 },
    text: 'daysPastDue >= 30',
    holds: [{ daysPastDue: 30 }],
    fails: [{ daysPastDue: 29 }],
  },
  {
    condition: { fact: 'daysPastDue', lt: -3 },
    text: 'daysPastDue < -3',
    holds: [{ daysPastDue: -4 }],
    fails: [{ daysPastDue: -3 }],
  },
  {
    condition: { fact: 'balanceMinor', lte: 0 },
    text: 'balanceMinor <= 0',
    holds: [{ balanceMinor: 0 }, { balanceMinor: -5 }],
    fails: [{ balanceMinor: 1 }],
  },
  {
    condition: { fact: 'debtKind', eq: 'commercial' },
    text: 'debtKind = "commercial"',
    holds: [{ debtKind: 'commercial' }],
    fails: [{ debtKind: 'consumer' }],
  },
  {
    condition: { fact: 'hasEmail', eq: false },
    text: 'hasEmail = false',
    holds: [{ hasEmail: false }],
    fails: [{ hasEmail: true }],
  },
  {
    condition: { fact: 'jurisdiction', in: ['US-CA', 'US-NY'] },
    text: 'jurisdiction in ["US-CA","US-NY"]',
    holds: [{ jurisdiction: 'US-NY' }],
    fails: [{ jurisdiction: 'GB' }],
  },
  // The score's facts: a band (null when unscored) and reason codes, a list tested by membership.
  {
    condition: { fact: 'riskBand', eq: 'low' },
    text: 'riskBand = "low"',
    holds: [{ riskBand: 'low' }],
    fails: [{ riskBand: 'high' }, { riskBand: null }],
  },
  {
    condition: { not: { fact: 'riskBand', eq: 'low' } },
    text: 'not riskBand = "low"',
    holds: [{ riskBand: 'medium' }, { riskBand: null }],
    fails: [{ riskBand: 'low' }],
  },
  {
    condition: { fact: 'reasonCodes', eq: 'PRIOR_LATE_SHARE' },
    text: 'reasonCodes = "PRIOR_LATE_SHARE"',
    holds: [{ reasonCodes: ['DPD', 'PRIOR_LATE_SHARE'] }],
    fails: [{ reasonCodes: ['DPD'] }, { reasonCodes: [] }],
  },
  {
    condition: { fact: 'reasonCodes', ne: 'DPD' },
    text: 'reasonCodes != "DPD"',
    holds: [{ reasonCodes: ['EXPOSURE'] }, { reasonCodes: [] }],
    fails: [{ reasonCodes: ['EXPOSURE', 'DPD'] }],
  },
  {
    condition: { fact: 'reasonCodes', in: ['DPD', 'EXPOSURE'] },
    text: 'reasonCodes in ["DPD","EXPOSURE"]',
    holds: [{ reasonCodes: ['PRIOR_LATE_SHARE', 'EXPOSURE'] }],
    fails: [{ reasonCodes: ['PRIOR_LATE_SHARE'] }, { reasonCodes: [] }],
  },
  // Null facts fail every comparison, ne included, unless the condition asks about null itself.
  {
    condition: { fact: 'riskScore', gte: 0 },
    text: 'riskScore >= 0',
    holds: [{ riskScore: 0.2 }],
    fails: [{ riskScore: null }],
  },
  {
    condition: { fact: 'riskScore', lt: 1 },
    text: 'riskScore < 1',
    holds: [{ riskScore: 0.2 }],
    fails: [{ riskScore: null }],
  },
  {
    condition: { fact: 'daysUntilLimitation', ne: 0 },
    text: 'daysUntilLimitation != 0',
    holds: [{ daysUntilLimitation: 5 }],
    fails: [{ daysUntilLimitation: null }, { daysUntilLimitation: 0 }],
  },
  {
    condition: { fact: 'daysUntilLimitation', in: [0, 1] },
    text: 'daysUntilLimitation in [0,1]',
    holds: [{ daysUntilLimitation: 1 }],
    fails: [{ daysUntilLimitation: null }],
  },
  {
    condition: { fact: 'daysUntilLimitation', eq: null },
    text: 'daysUntilLimitation = null',
    holds: [{ daysUntilLimitation: null }],
    fails: [{ daysUntilLimitation: 0 }],
  },
  {
    condition: { fact: 'daysSinceLastResponse', ne: null },
    text: 'daysSinceLastResponse != null',
    holds: [{ daysSinceLastResponse: 0 }],
    fails: [{ daysSinceLastResponse: null }],
  },
  {
    condition: {
      all: [
        { fact: 'daysPastDue', gte: 30 },
        { fact: 'promiseState', eq: 'broken' },
      ],
    },
    text: '(daysPastDue >= 30 and promiseState = "broken")',
    holds: [{ daysPastDue: 30, promiseState: 'broken' }],
    fails: [{ daysPastDue: 30 }, { promiseState: 'broken' }],
  },
  {
    condition: {
      any: [
        { fact: 'hasEmail', eq: true },
        { fact: 'hasPostal', eq: true },
        { fact: 'hasPhone', eq: true },
      ],
    },
    text: '(hasEmail = true or hasPostal = true or hasPhone = true)',
    holds: [{ hasEmail: false, hasPostal: false }],
    fails: [{ hasEmail: false, hasPostal: false, hasPhone: false }],
  },
  {
    condition: { not: { fact: 'disputeState', in: ['open'] } },
    text: 'not disputeState in ["open"]',
    holds: [{ disputeState: 'none' }],
    fails: [{ disputeState: 'open' }],
  },
]

describe('compileCondition', () => {
  it.each(cases)('$text', ({ condition, text, holds, fails }) => {
    const compiled = compileCondition(condition)
    expect(compiled.text).toBe(text)
    for (const f of holds) expect(compiled.test(facts(f)), JSON.stringify(f)).toBe(true)
    for (const f of fails) expect(compiled.test(facts(f)), JSON.stringify(f)).toBe(false)
  })

  it('compiles an absent condition to always', () => {
    expect(compileCondition(undefined).test(facts())).toBe(true)
  })

  it('throws on a fact condition without exactly one operator', () => {
    expect(() => compileCondition({ fact: 'daysPastDue', gt: 1, lt: 5 })).toThrow(/exactly one operator/)
  })
})
