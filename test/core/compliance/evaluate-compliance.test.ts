import { describe, expect, it } from 'vitest'
import type { CollectorType, DebtFacts } from '../../../src/core/compliance/compliance-request.ts'
import { ALL_PACKS, evaluateCompliance } from '../../../src/core/compliance/evaluate-compliance.ts'

import { ids, NY, request, rules } from './compliance-request-fixture.ts'

describe('pack selection', () => {
  const cases: [string, Parameters<typeof request>[0], string[]][] = [
    ['US federal plus the state', { jurisdiction: 'US-MA' }, ['us-federal', 'us-ma']],
    ['NYC: federal, state and city', { jurisdiction: 'US-NY-NYC' }, ['us-federal', 'us-ny', 'us-nyc']],
    ['New York State', { jurisdiction: 'US-NY' }, ['us-federal', 'us-ny']],
    ['Washington', { jurisdiction: 'US-WA' }, ['us-federal', 'us-wa']],
    ['California', { jurisdiction: 'US-CA' }, ['us-federal', 'us-ca']],
    ['Florida', { jurisdiction: 'US-FL' }, ['us-federal', 'us-fl']],
    ['Texas', { jurisdiction: 'US-TX' }, ['us-federal', 'us-tx']],
    ['a state without a pack: federal only', { jurisdiction: 'US-OH' }, ['us-federal']],
    ['lower-case codes', { jurisdiction: 'us-ny-nyc' }, ['us-federal', 'us-ny', 'us-nyc']],
    ['India', { jurisdiction: 'IN' }, ['in']],
    ['United Kingdom', { jurisdiction: 'GB' }, ['gb']],
    ['EU member state', { jurisdiction: 'DE' }, ['eu']],
    ['UAE', { jurisdiction: 'AE' }, ['ae']],
    ['no pack covers Japan', { jurisdiction: 'JP' }, []],
    ['commercial debt: commercial pack only', { debt: { kind: 'commercial' } }, ['commercial']],
    ['commercial debt in India', { jurisdiction: 'IN', debt: { kind: 'commercial' } }, ['commercial']],
    ['request.packs overrides', { packs: ['us-fl', 'in'] }, ['us-fl', 'in']],
  ]
  it.each(cases)('%s', (_name, patch, expected) => expect(ids(request(patch))).toEqual(expected))

  it('reports every pack with its version', () => {
    for (const pack of ALL_PACKS) expect(pack.version).toMatch(/^\d{4}-\d{2}-\d{2}$|^\d+\.\d+\.\d+$/)
    expect(new Set(ALL_PACKS.map((p) => p.id)).size).toBe(ALL_PACKS.length)
  })

  it('an unknown pack id is bad input', () => {
    expect(() => evaluateCompliance(request({ packs: ['us-zz'] }))).toThrow(
      expect.objectContaining({ code: 'unknown_rule_pack' }),
    )
  })

  it('collector type: Reg F binds third parties; an original creditor gets TCPA only from the federal pack', () => {
    const families = (collector: CollectorType) =>
      evaluateCompliance(request({ collector })).checks.map((c) => `${c.packId}:${c.family}`)
    expect(families('third_party')).toEqual([
      'us-federal:contact-window',
      'us-federal:contact-frequency',
      'us-federal:contact-permission',
      'us-ma:contact-frequency',
    ])
    expect(families('original_creditor')).toEqual(['us-federal:tcpa-consent', 'us-ma:contact-frequency'])
  })
})

describe('strictest wins across packs', () => {
  it('MA: a third call in 7 days is blocked by MA although Reg F allows it', () => {
    const calls = ['2026-06-11T10:00:00-04:00', '2026-06-13T10:00:00-04:00']
    const result = evaluateCompliance(request({ calls }))
    expect(result.checks.filter((c) => c.outcome === 'block')).toEqual([
      { family: 'contact-frequency', packId: 'us-ma', outcome: 'block' },
    ])
    expect(result.reasons.map((r) => r.ruleId)).toEqual(['us-ma.call-cap.personal'])
    expect(result.earliestAllowedAt).toBe('2026-06-18T12:00:00.000Z') // day 8, at 08:00 (Reg F hours)
    expect(evaluateCompliance(request({ calls, packs: ['us-federal'] })).outcome).toBe('allow')
  })

  const fl = {
    jurisdiction: 'US-FL',
    zones: [
      ['address', NY],
      ['area_code', 'America/Chicago'],
    ],
  } as const
  it('FL presumes the area code zone; Reg F needs every zone', () => {
    const late = '2026-06-15T21:30:00-04:00' // 20:30 in Chicago
    expect(evaluateCompliance(request({ ...fl, at: late, packs: ['us-fl'] })).outcome).toBe('allow')
    expect(rules(request({ ...fl, at: late }))).toEqual(['us.reg-f.inconvenient-time'])
    // An original creditor is bound by Florida, not Reg F: the area code's zone decides.
    expect(evaluateCompliance(request({ ...fl, at: late, collector: 'original_creditor' })).outcome).toBe(
      'allow',
    )
    const early = request({ ...fl, at: '2026-06-15T08:30:00-04:00', collector: 'original_creditor' })
    expect(evaluateCompliance(early)).toMatchObject({
      outcome: 'block',
      reasons: [{ ruleId: 'us-fl.quiet-hours' }],
      earliestAllowedAt: '2026-06-15T13:00:00.000Z', // 08:00 Chicago
    })
  })

  it('FL: email is exempt from the quiet hours from 16 May 2025', () => {
    const email = { channel: 'email' as const, contactPointId: 'E1' }
    const r = (at: string) => {
      const req = request({ ...fl, at, collector: 'original_creditor', action: email })
      return { ...req, contactPoints: [{ id: 'E1', kind: 'email' as const, consent: 'unknown' as const }] }
    }
    expect(evaluateCompliance(r('2025-05-15T23:00:00-04:00')).outcome).toBe('block')
    expect(evaluateCompliance(r('2025-05-16T23:00:00-04:00')).outcome).toBe('allow')
  })

  it('WA allows 07:30 at home; with Reg F the 08:00 start wins', () => {
    const wa = { jurisdiction: 'US-WA', zones: [['address', 'America/Los_Angeles']] } as const
    const at = '2026-06-15T07:45:00-07:00'
    expect(evaluateCompliance(request({ ...wa, at, packs: ['us-wa'] })).outcome).toBe('allow')
    expect(
      evaluateCompliance(request({ ...wa, at: '2026-06-15T07:15:00-07:00', packs: ['us-wa'] })),
    ).toMatchObject({
      reasons: [{ ruleId: 'us-wa.home-hours' }],
      earliestAllowedAt: '2026-06-15T14:30:00.000Z',
    })
    expect(evaluateCompliance(request({ ...wa, at }))).toMatchObject({
      reasons: [{ ruleId: 'us.reg-f.inconvenient-time' }],
      earliestAllowedAt: '2026-06-15T15:00:00.000Z',
    })
  })

  it('CA: the Rosenthal Act gives an original creditor the FDCPA hours under its own citation', () => {
    const ca = { jurisdiction: 'US-CA', zones: [['address', 'America/Los_Angeles']] } as const
    const result = evaluateCompliance(
      request({ ...ca, at: '2026-06-15T07:00:00-07:00', collector: 'original_creditor' }),
    )
    expect(result.reasons).toEqual([expect.objectContaining({ ruleId: 'us-ca.rosenthal' })])
    expect(result.reasons[0]?.citation).toContain('1006.6(b)(1)(i)')
  })

  it('TCPA: an autodialed call to a mobile without consent is blocked for every collector', () => {
    for (const collector of ['third_party', 'original_creditor'] as const) {
      const req = request({ jurisdiction: 'US-OH', collector, action: { dialing: 'autodialed' } })
      const noConsent = {
        ...req,
        contactPoints: [{ id: 'P1', kind: 'phone' as const, consent: 'unknown' as const }],
      }
      expect(rules(noConsent)).toEqual(['us.tcpa.mobile-consent'])
    }
  })
})

describe('other packs', () => {
  const commercial = (at: string) =>
    request({ jurisdiction: 'GB', zones: [['address', 'Europe/London']], at, debt: { kind: 'commercial' } })
  it.each([
    ['Monday 10:00', '2026-06-15T10:00:00+01:00', null],
    ['Monday 17:30', '2026-06-15T17:30:00+01:00', '2026-06-16T08:00:00.000Z'],
    ['Saturday 10:00', '2026-06-13T10:00:00+01:00', '2026-06-15T08:00:00.000Z'],
    ['Friday 18:00', '2026-06-12T18:00:00+01:00', '2026-06-15T08:00:00.000Z'],
  ])('commercial business hours, %s', (_name, at, earliest) => {
    const result = evaluateCompliance(commercial(at))
    expect(result.outcome).toBe(earliest === null ? 'allow' : 'block')
    expect(result.earliestAllowedAt).toBe(earliest)
  })

  it.each([
    ['18:59', 'allow', null],
    ['19:00', 'block', '2026-06-16T02:30:00.000Z'],
    ['07:59', 'block', '2026-06-15T02:30:00.000Z'],
  ])('India: a recovery call at %s', (time, outcome, earliest) => {
    const india = request({
      jurisdiction: 'IN',
      zones: [['address', 'Asia/Kolkata']],
      at: `2026-06-15T${time}:00+05:30`,
    })
    expect(evaluateCompliance(india)).toMatchObject({ outcome, earliestAllowedAt: earliest })
  })
})

describe('time-barred suits', () => {
  const suit = (jurisdiction: string, debt: Partial<DebtFacts>, kind: 'suit' | 'threat_of_suit' = 'suit') =>
    request({ jurisdiction, at: '2026-06-15T12:00:00Z', action: { kind, channel: undefined }, debt })
  const paid = (on: string, writtenEvidence = true) => ({
    limitationEvents: [{ on, kind: 'part_payment' as const, writtenEvidence }],
  })
  it.each([
    ['NY: 3 years from accrual', 'US-NY', { accrualOn: '2023-06-14' }, 'block'],
    ['NY: the anniversary is the last day to sue', 'US-NY', { accrualOn: '2023-06-15' }, 'allow'],
    [
      'NY: payment after expiry does not revive',
      'US-NY',
      { accrualOn: '2022-01-01', ...paid('2025-08-01') },
      'block',
    ],
    [
      'NY: payment before expiry does not restart either',
      'US-NY',
      { accrualOn: '2023-01-01', ...paid('2025-08-01') },
      'block',
    ],
    [
      'IN: written part payment before expiry restarts',
      'IN',
      { accrualOn: '2023-01-01', ...paid('2025-08-01') },
      'allow',
    ],
    [
      'IN: unwritten part payment does not',
      'IN',
      { accrualOn: '2021-01-01', ...paid('2023-08-01', false) },
      'block',
    ],
    ['TX: 4 years', 'US-TX', { accrualOn: '2022-06-01' }, 'block'],
    ['MA: 6 years', 'US-MA', { accrualOn: '2022-06-01' }, 'allow'],
    ['no accrual date: no limitation check', 'US-NY', {}, 'allow'],
  ])('%s', (_name, jurisdiction, debt, outcome) => {
    expect(evaluateCompliance(suit(jurisdiction, debt)).outcome).toBe(outcome)
  })

  it('IN: the COVID exclusion (15 Mar 2020 - 28 Feb 2022) extends the period', () => {
    const r = {
      ...suit('IN', { accrualOn: '2020-06-01' }),
      action: { kind: 'suit' as const, at: '2024-06-15T12:00:00Z' },
    }
    expect(evaluateCompliance(r).outcome).toBe('allow')
    expect(evaluateCompliance({ ...r, action: { ...r.action, at: '2025-03-01T12:00:00Z' } }).outcome).toBe(
      'block',
    )
  })

  it('a threat of suit is blocked with the state period and the Reg F ban for a debt buyer', () => {
    const r = {
      ...suit('US-NY', { accrualOn: '2020-01-01' }, 'threat_of_suit'),
      collector: { type: 'debt_buyer' as const },
    }
    expect(rules(r)).toEqual(['us-ny.limitation.consumer-credit', 'us.reg-f.time-barred-debt'])
    expect(evaluateCompliance(r).earliestAllowedAt).toBeNull()
  })
})
