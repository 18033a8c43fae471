import { describe, expect, it } from 'vitest'
import { parseInstant } from '../../../src/core/calendar/instant.ts'
import type { ComplianceRequest } from '../../../src/core/compliance/compliance-request.ts'
import { evaluateCompliance } from '../../../src/core/compliance/evaluate-compliance.ts'
import { AppError } from '../../../src/core/errors/index.ts'
import { isCoveredJurisdiction } from '../../../src/core/jurisdictions/registry.ts'
import { request } from './compliance-request-fixture.ts'

/* Issue #9, part 1: unknown means blocked; impossible facts are request errors, never rolled over. */

const errorCode = (fn: () => unknown): string => {
  try {
    fn()
  } catch (error) {
    if (error instanceof AppError) return `${error.code}: ${error.message}`
    throw error
  }
  return 'no error'
}

describe('unknown jurisdictions block', () => {
  it.each([
    ['BR', 'consumer'],
    ['ZZ', 'consumer'],
    ['US-ZZ', 'consumer'],
    ['AU-ZZ', 'consumer'],
    ['BR', 'commercial'],
    ['zz', 'consumer'],
  ] as const)('%s (%s debt) is blocked with a reason naming the missing pack', (jurisdiction, kind) => {
    const result = evaluateCompliance(request({ jurisdiction, debt: { kind } }))
    expect(result.outcome).toBe('block')
    expect(result.earliestAllowedAt).toBeNull()
    const reason = result.reasons.find((r) => r.ruleId === 'recoup.unknown-jurisdiction')
    expect(reason?.message).toContain(`no compliance pack covers jurisdiction "${jurisdiction}"`)
    expect(reason?.message).toContain(`no "${jurisdiction.toUpperCase()}" pack`)
    expect(result.checks[0]).toMatchObject({
      family: 'jurisdiction-coverage',
      packId: 'recoup',
      outcome: 'block',
    })
  })

  it('a debt governed by an unknown law blocks even when the debtor lives in a covered place', () => {
    const r = request({ jurisdiction: 'US-MA' })
    const result = evaluateCompliance({
      ...r,
      debts: [{ ...(r.debts[0] as ComplianceRequest['debts'][0]), jurisdiction: 'BR' }],
    })
    expect(result.outcome).toBe('block')
    expect(result.reasons.map((x) => x.message).join(' ')).toContain('"BR"')
  })

  it('a tenant default pack judges the uncovered place, and the trace says so', () => {
    const result = evaluateCompliance({
      ...request({ jurisdiction: 'BR', at: '2026-06-15T14:00:00Z' }),
      defaultPack: 'gb',
    })
    expect(result.checks[0]).toEqual({
      family: 'jurisdiction-coverage',
      packId: 'gb',
      outcome: 'allow',
      note: 'no pack covers "BR"; the tenant\'s default pack "gb" judges the action',
    })
    expect(result.packs.map((p) => p.id)).toEqual(['gb'])
    // The default pack's own rules still decide: 03:00 New York time is outside the 08:00-21:00 window.
    const night = evaluateCompliance({
      ...request({ jurisdiction: 'BR', at: '2026-06-15T07:00:00Z' }),
      defaultPack: 'gb',
    })
    expect(night.outcome).toBe('block')
    expect(night.reasons.map((r) => r.ruleId)).not.toContain('recoup.unknown-jurisdiction')
  })

  it('an unknown default pack is a request error', () => {
    expect(
      errorCode(() => evaluateCompliance({ ...request({ jurisdiction: 'BR' }), defaultPack: 'nope' })),
    ).toMatch(/^unknown_rule_pack: defaultPack names "nope"/)
  })

  it('covered places are unchanged: the default pack is not used where a pack covers the place', () => {
    const result = evaluateCompliance({ ...request({ jurisdiction: 'US-MA' }), defaultPack: 'gb' })
    expect(result.packs.map((p) => p.id)).toEqual(['us-federal', 'us-ma'])
    expect(result.checks.some((c) => c.family === 'jurisdiction-coverage')).toBe(false)
  })

  it.each([
    ['US', true],
    ['US-DE', true],
    ['US-NY-NYC', true],
    ['DE-BY', true],
    ['UK', true],
    ['GB-WLS', true],
    ['US-ZZ', false],
    ['DE-ZZ', false],
    ['ZZ', false],
    ['BR', false],
    ['', false],
    ['constructor', false],
  ] as const)('coverage of %j is %s', (code, covered) => {
    expect(isCoveredJurisdiction(code)).toBe(covered)
  })
})

describe('an empty check list is never an allow', () => {
  it('packs: [] blocks with recoup.no-checks', () => {
    const result = evaluateCompliance(request({ packs: [] }))
    expect(result.outcome).toBe('block')
    expect(result.reasons.map((r) => r.ruleId)).toEqual(['recoup.no-checks'])
    expect(result.checks).toEqual([{ family: 'no-checks', packId: 'recoup', outcome: 'block' }])
  })

  it('an action no pack applies to is never an empty allow', () => {
    // A consumer debt in BR: no pack at all, so the coverage block stands (never an empty allow).
    const result = evaluateCompliance(request({ jurisdiction: 'BR' }))
    expect(result.packs).toEqual([])
    expect(result.outcome).toBe('block')
  })

  it('a pack that applies but restricts nothing about the action allows, and the trace says why', () => {
    const result = evaluateCompliance(
      request({ jurisdiction: 'GB', action: { kind: 'fee', channel: undefined, contactPointId: undefined } }),
    )
    expect(result.outcome).toBe('allow')
    expect(result.checks).toEqual([
      {
        family: 'no-restriction',
        packId: 'gb',
        outcome: 'allow',
        note: 'gb applies to "GB" and restricts nothing about a fee here',
      },
    ])
  })
})

describe('impossible facts are request errors', () => {
  it.each([
    ['2026-02-30T10:00Z', /names a day that does not exist/],
    ['2026-04-31T10:00:00Z', /names a day that does not exist/],
    ['2025-02-29T10:00:00Z', /names a day that does not exist/],
    ['2026-06-15T24:00Z', /names a time of day that does not exist/],
    ['2026-06-15T10:00+24:00', /is not an ISO instant/],
    ['2026-06-15T10:00', /is not an ISO instant/],
  ])('action.at %s', (at, message) => {
    expect(errorCode(() => evaluateCompliance(request({ at })))).toMatch(
      new RegExp(`^invalid_instant: action.at .*${message.source}`),
    )
  })

  it('2024-02-29 is a real day', () => {
    expect(parseInstant('2024-02-29T10:00:00Z', 'x')).toBe(Date.UTC(2024, 1, 29, 10))
  })

  it.each([
    [{ accrualOn: '2026-02-30' }, /^invalid_date: debts\[0\]\.accrualOn/],
    [{ firstCommunicationOn: '2026-13-01' }, /^invalid_date: debts\[0\]\.firstCommunicationOn/],
    [
      { limitationEvents: [{ on: '2026-06-31', kind: 'part_payment', writtenEvidence: true }] },
      /^invalid_date: debts\[0\]\.limitationEvents\[0\]\.on/,
    ],
    [{ balanceMinor: -1 }, /^invalid_amount: debts\[0\]\.balanceMinor -1/],
    [{ balanceMinor: 1.5 }, /^invalid_amount: debts\[0\]\.balanceMinor 1.5/],
    [{ currency: 'XYZ' }, /^invalid_currency: debts\[0\]\.currency "XYZ"/],
    [
      { disputes: [{ receivedAt: '2026-02-30T10:00Z', written: true, amountMinor: null }] },
      /^invalid_instant: debts\[0\]\.disputes\[0\]\.receivedAt/,
    ],
    [
      { disputes: [{ receivedAt: '2026-02-01T10:00Z', written: true, amountMinor: -5 }] },
      /^invalid_amount: debts\[0\]\.disputes\[0\]\.amountMinor/,
    ],
  ] as const)('debt %j', (debt, code) => {
    expect(errorCode(() => evaluateCompliance(request({ debt: debt as never })))).toMatch(code)
  })

  it('a history instant that does not exist names its path', () => {
    expect(errorCode(() => evaluateCompliance(request({ calls: ['2026-02-30T10:00:00Z'] })))).toMatch(
      /^invalid_instant: history\.calls\[0\]\.at/,
    )
  })
})
