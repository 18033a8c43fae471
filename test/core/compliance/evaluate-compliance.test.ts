import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type {
  CollectorType,
  ComplianceRequest,
  DebtFacts,
} from '../../../src/core/compliance/compliance-request.ts'
import { ALL_PACKS, evaluateCompliance } from '../../../src/core/compliance/evaluate-compliance.ts'

const NY = 'America/New_York'

/** A US-MA consumer, one debt, a mobile with consent, called manually at 10:00 New York time. */
function request(patch: {
  jurisdiction?: string
  zones?: readonly (readonly [source: 'address' | 'area_code', zone: string])[]
  at?: string
  collector?: CollectorType
  action?: Partial<ComplianceRequest['action']>
  debt?: Partial<DebtFacts>
  calls?: readonly string[]
  packs?: readonly string[]
}): ComplianceRequest {
  const jurisdiction = patch.jurisdiction ?? 'US-MA'
  return {
    action: {
      kind: 'contact',
      at: patch.at ?? '2026-06-15T10:00:00-04:00',
      channel: 'call',
      dialing: 'manual',
      contactPointId: 'P1',
      ...patch.action,
    },
    collector: { type: patch.collector ?? 'third_party' },
    debtor: {
      kind: patch.debt?.kind === 'commercial' ? 'business' : 'person',
      jurisdiction,
      timeZoneEvidence: (patch.zones ?? [['address', NY]]).map(([source, timeZone]) => ({
        source,
        timeZone,
      })),
    },
    contactPoints: [{ id: 'P1', kind: 'phone', phoneType: 'mobile', consent: 'granted' }],
    debts: [
      { id: 'D1', kind: 'consumer', jurisdiction, currency: 'USD', balanceMinor: 10_000, ...patch.debt },
    ],
    history: { calls: (patch.calls ?? []).map((at) => ({ at, debtIds: ['D1'], result: 'voicemail' })) },
    ...(patch.packs ? { packs: patch.packs } : {}),
  }
}

const ids = (r: ComplianceRequest) => evaluateCompliance(r).packs.map((p) => p.id)
const rules = (r: ComplianceRequest) => evaluateCompliance(r).reasons.map((x) => x.ruleId)

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

describe('validation notice and bad input', () => {
  it('a validation notice (legal_notice) more than 5 days after the first communication is blocked', () => {
    const notice = (at: string) =>
      request({
        at,
        action: { kind: 'legal_notice', channel: undefined },
        debt: { firstCommunicationOn: '2026-06-01' },
      })
    expect(evaluateCompliance(notice('2026-06-06T12:00:00Z')).outcome).toBe('allow')
    expect(rules(notice('2026-06-07T12:00:00Z'))).toEqual(['us.reg-f.validation-notice-timing'])
  })

  it.each([
    ['unknown contact point', { action: { contactPointId: 'nope' } }, 'unknown_contact_point'],
    ['unknown debt', { action: { debtIds: ['nope'] } }, 'unknown_debt'],
    ['unknown zone', { zones: [['address', 'Mars/Olympus']] }, 'invalid_time_zone'],
    ['bad instant', { at: '2026-06-15 10:00' }, 'invalid_instant'],
  ] as const)('%s', (_name, patch, code) => {
    expect(() => evaluateCompliance(request(patch as Parameters<typeof request>[0]))).toThrow(
      expect.objectContaining({ code }),
    )
  })
})

describe('earliestAllowedAt', () => {
  const JURISDICTIONS = [
    'US-MA',
    'US-NY-NYC',
    'US-WA',
    'US-CA',
    'US-FL',
    'US-TX',
    'US-OH',
    'IN',
    'GB',
    'DE',
    'AE',
  ]
  const ZONES = [
    'America/New_York',
    'America/Chicago',
    'America/Los_Angeles',
    'Asia/Kolkata',
    'Europe/London',
  ]
  const BASE = Date.parse('2026-03-01T00:00:00Z') // spans the March DST change
  const arbitrary = fc.record({
    jurisdiction: fc.constantFrom(...JURISDICTIONS),
    zones: fc.uniqueArray(fc.constantFrom(...ZONES), { minLength: 1, maxLength: 2 }),
    minute: fc.integer({ min: 0, max: 60 * 24 * 20 }),
    collector: fc.constantFrom<CollectorType>('third_party', 'debt_buyer', 'original_creditor'),
    channel: fc.constantFrom('call', 'sms', 'visit') as fc.Arbitrary<'call' | 'sms' | 'visit'>,
    commercial: fc.boolean(),
    calls: fc.array(fc.integer({ min: -60 * 24 * 10, max: 60 * 24 * 20 }), { maxLength: 20 }),
    conversation: fc.boolean(),
  })
  it('is always allowed when the same request is evaluated at that instant', () => {
    fc.assert(
      fc.property(arbitrary, (g) => {
        const iso = (minute: number) => new Date(BASE + minute * 60_000).toISOString()
        const req = request({
          jurisdiction: g.jurisdiction,
          zones: g.zones.map((z, i) => [i === 0 ? 'address' : 'area_code', z] as const),
          at: iso(g.minute),
          collector: g.collector,
          action:
            g.channel === 'visit' ? { channel: 'visit', contactPointId: undefined } : { channel: g.channel },
          debt: { kind: g.commercial ? 'commercial' : 'consumer' },
          calls: g.calls.map((m) => iso(g.minute + m)),
        })
        const withTalk = g.conversation
          ? {
              ...req,
              history: {
                calls: [{ at: iso(g.minute - 600), debtIds: ['D1'], result: 'conversation' as const }],
              },
            }
          : req
        const first = evaluateCompliance(withTalk)
        if (first.outcome === 'allow') expect(first.earliestAllowedAt).toBeNull()
        if (first.earliestAllowedAt === null) return
        expect(Date.parse(first.earliestAllowedAt)).toBeGreaterThan(Date.parse(withTalk.action.at))
        const again = evaluateCompliance({
          ...withTalk,
          action: { ...withTalk.action, at: first.earliestAllowedAt },
        })
        expect(again).toMatchObject({ outcome: 'allow', reasons: [] })
      }),
      { numRuns: 400 },
    )
  })
})

describe('families from their own modules', () => {
  it('stated inconvenient time (Reg F)', () => {
    const r = request({ at: '2026-06-15T12:30:00-04:00' })
    const stated = {
      ...r,
      debtor: {
        ...r.debtor,
        inconvenientTimes: [{ statedAt: '2026-06-01T00:00:00Z', from: '12:00', to: '13:00' }],
      },
    }
    expect(evaluateCompliance(stated)).toMatchObject({
      reasons: [{ ruleId: 'us.reg-f.stated-inconvenient-time' }],
      earliestAllowedAt: '2026-06-15T17:00:00.000Z',
    })
  })

  it('a written dispute in the validation period pauses collection', () => {
    const dispute = { receivedAt: '2026-06-10T12:00:00Z', written: true, amountMinor: null }
    const r = request({ debt: { validationNoticeSentOn: '2026-06-01', disputes: [dispute] } })
    expect(rules(r)).toContain('us.reg-f.dispute-pause')
  })

  it('credit reporting waits for a message and 14 days', () => {
    const r = request({ action: { kind: 'credit_report', channel: undefined, contactPointId: undefined } })
    expect(rules(r)).toEqual(['us.reg-f.passive-collection'])
    const letter = { at: '2026-06-01T12:00:00Z', channel: 'letter' as const, debtIds: ['D1'] }
    expect(evaluateCompliance({ ...r, history: { messages: [letter] } }).outcome).toBe('allow')
  })

  it('message content: mini-Miranda for a third party, the license number in California', () => {
    const text = 'Please call us about your account.'
    const r = request({ action: { channel: 'letter', contactPointId: undefined, content: { text } } })
    expect(rules(r)).toEqual(['us.reg-f.mini-miranda'])
    const ca = request({
      jurisdiction: 'US-CA',
      collector: 'original_creditor',
      action: { channel: 'letter', contactPointId: undefined, content: { text } },
    })
    expect(evaluateCompliance(ca).outcome).toBe('allow')
    expect(
      rules({ ...ca, collector: { type: 'original_creditor', californiaLicenseNumber: 'CA-123' } }),
    ).toEqual(['us-ca.license-number'])
  })

  it('India: a complaint on a bounced cheque waits for the cause of action', () => {
    const cheque = {
      chequeDate: '2026-04-01',
      presentedOn: '2026-04-10',
      bankInformedOn: '2026-04-12',
      demandNoticeSentOn: '2026-04-20',
      demandNoticeReceivedOn: '2026-04-25',
    }
    const r = request({
      jurisdiction: 'IN',
      zones: [['address', 'Asia/Kolkata']],
      at: '2026-05-05T12:00:00+05:30',
      action: { kind: 'suit', channel: undefined, contactPointId: undefined },
      debt: { dishonouredCheque: cheque },
    })
    expect(evaluateCompliance(r)).toMatchObject({
      outcome: 'block',
      reasons: [{ ruleId: expect.stringMatching(/^in\.ni-act/) }],
    })
    expect(evaluateCompliance(r).earliestAllowedAt).not.toBeNull()
  })

  it('UK: no claim against an individual within 30 days of the Letter of Claim', () => {
    const r = request({
      jurisdiction: 'GB',
      zones: [['address', 'Europe/London']],
      at: '2026-06-15T12:00:00+01:00',
      action: { kind: 'suit', channel: undefined, contactPointId: undefined },
      debt: { letterOfClaimOn: '2026-06-01' },
    })
    expect(evaluateCompliance(r)).toMatchObject({
      reasons: [{ ruleId: 'uk.pap-debt.letter-of-claim' }],
      earliestAllowedAt: '2026-07-01T23:00:00.000Z',
    })
  })
})
