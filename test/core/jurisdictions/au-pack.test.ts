import { describe, expect, it } from 'vitest'
import { isBusinessDay } from '../../../src/core/calendar/business-days.ts'
import type {
  ComplianceRequest,
  ContactHistory,
  DebtFacts,
} from '../../../src/core/compliance/compliance-request.ts'
import { evaluateCompliance, limitationRulesFor } from '../../../src/core/compliance/evaluate-compliance.ts'
import { jurisdictionFor } from '../../../src/core/jurisdictions/registry.ts'

/* The Australia packs (issue #9, part 2), against ../shared/docs/compliance-rules.md "Australia". */

const SYD = 'Australia/Sydney' // AEST +10:00, AEDT +11:00 (first Sunday in October to first Sunday in April)
const DRW = 'Australia/Darwin' // ACST +09:30, no DST
const ADL = 'Australia/Adelaide' // ACST +09:30, ACDT +10:30
const BNE = 'Australia/Brisbane' // AEST +10:00, no DST
const PER = 'Australia/Perth' // AWST +08:00

interface Patch {
  jurisdiction?: string
  zones?: readonly string[]
  action?: Partial<ComplianceRequest['action']>
  debt?: Partial<DebtFacts>
  business?: boolean
  history?: ContactHistory
  point?: Partial<NonNullable<ComplianceRequest['contactPoints']>[number]>
}

function au(at: string, patch: Patch = {}): ComplianceRequest {
  const jurisdiction = patch.jurisdiction ?? 'AU-NSW'
  return {
    action: {
      kind: 'contact',
      at,
      channel: 'call',
      dialing: 'manual',
      contactPointId: 'P1',
      ...patch.action,
    },
    collector: { type: 'third_party' },
    debtor: {
      kind: patch.business ? 'business' : 'person',
      jurisdiction,
      timeZoneEvidence: (patch.zones ?? [SYD]).map((timeZone) => ({ source: 'address', timeZone })),
    },
    contactPoints: [{ id: 'P1', kind: 'phone', phoneType: 'mobile', consent: 'granted', ...patch.point }],
    debts: [
      {
        id: 'D1',
        kind: patch.business ? 'commercial' : 'consumer',
        jurisdiction,
        currency: 'AUD',
        balanceMinor: 50_000,
        ...patch.debt,
      },
    ],
    history: patch.history ?? {},
  }
}

const decide = (r: ComplianceRequest) => evaluateCompliance(r)
const ruleIds = (r: ComplianceRequest) => decide(r).reasons.map((x) => x.ruleId)

describe('Australia: phone hours in the state or territory zone', () => {
  it.each([
    // [label, at, jurisdiction, zone, outcome, earliestAllowedAt]
    ['Mon 07:29 AEST', '2026-06-15T07:29:00+10:00', 'AU-NSW', SYD, 'block', '2026-06-14T21:30:00.000Z'],
    ['Mon 07:30 AEST', '2026-06-15T07:30:00+10:00', 'AU-NSW', SYD, 'allow', null],
    ['Mon 20:59 AEST', '2026-06-15T20:59:00+10:00', 'AU-NSW', SYD, 'allow', null],
    [
      'Mon 21:00 AEST (end exclusive)',
      '2026-06-15T21:00:00+10:00',
      'AU-NSW',
      SYD,
      'block',
      '2026-06-15T21:30:00.000Z',
    ],
    [
      'Fri 21:00 AEST: next is Sat 09:00',
      '2026-06-19T21:00:00+10:00',
      'AU-NSW',
      SYD,
      'block',
      '2026-06-19T23:00:00.000Z',
    ],
    ['Sat 08:59 AEST', '2026-06-13T08:59:00+10:00', 'AU-NSW', SYD, 'block', '2026-06-12T23:00:00.000Z'],
    ['Sat 09:00 AEST', '2026-06-13T09:00:00+10:00', 'AU-NSW', SYD, 'allow', null],
    ['Sun 20:59 AEST', '2026-06-14T20:59:00+10:00', 'AU-NSW', SYD, 'allow', null],
    ['Mon 07:29 AEDT', '2026-01-12T07:29:00+11:00', 'AU-NSW', SYD, 'block', '2026-01-11T20:30:00.000Z'],
    ['Mon 07:30 AEDT', '2026-01-12T07:30:00+11:00', 'AU-NSW', SYD, 'allow', null],
    [
      'DST starts: Sun 08:59 AEDT',
      '2026-10-04T08:59:00+11:00',
      'AU-NSW',
      SYD,
      'block',
      '2026-10-03T22:00:00.000Z',
    ],
    ['DST starts: Sun 09:00 AEDT', '2026-10-04T09:00:00+11:00', 'AU-NSW', SYD, 'allow', null],
    ['Melbourne Sat 09:00 AEDT', '2026-01-10T09:00:00+11:00', 'AU-VIC', 'Australia/Melbourne', 'allow', null],
    [
      'Brisbane (no DST) Mon 07:30 AEST in January',
      '2026-01-12T07:30:00+10:00',
      'AU-QLD',
      BNE,
      'allow',
      null,
    ],
    [
      'Brisbane 07:30 AEDT is 06:30 there',
      '2026-01-12T07:30:00+11:00',
      'AU-QLD',
      BNE,
      'block',
      '2026-01-11T21:30:00.000Z',
    ],
    ['Darwin Mon 07:29 ACST', '2026-06-15T07:29:00+09:30', 'AU-NT', DRW, 'block', '2026-06-14T22:00:00.000Z'],
    ['Darwin Mon 07:30 ACST', '2026-06-15T07:30:00+09:30', 'AU-NT', DRW, 'allow', null],
    ['Darwin Sat 08:59 ACST', '2026-06-13T08:59:00+09:30', 'AU-NT', DRW, 'block', '2026-06-12T23:30:00.000Z'],
    [
      'Adelaide Sat 08:59 ACDT',
      '2026-01-10T08:59:00+10:30',
      'AU-SA',
      ADL,
      'block',
      '2026-01-09T22:30:00.000Z',
    ],
    ['Adelaide Sat 09:00 ACDT', '2026-01-10T09:00:00+10:30', 'AU-SA', ADL, 'allow', null],
    ['Adelaide Mon 07:30 ACST in June', '2026-06-15T07:30:00+09:30', 'AU-SA', ADL, 'allow', null],
    ['Perth Mon 07:30 AWST', '2026-06-15T07:30:00+08:00', 'AU-WA', PER, 'allow', null],
  ] as const)('%s', (_label, at, jurisdiction, zone, outcome, earliest) => {
    const result = decide(au(at, { jurisdiction, zones: [zone] }))
    expect(result.outcome).toBe(outcome)
    expect(result.earliestAllowedAt).toBe(earliest)
    if (outcome === 'block') expect(result.reasons.map((r) => r.ruleId)).toEqual(['au.contact-hours.phone'])
  })

  it('Sydney and Perth evidence: both zones must allow (07:30 Perth is 09:30 Sydney)', () => {
    const result = decide(au('2026-06-15T07:30:00+10:00', { zones: [SYD, PER] }))
    expect(result.outcome).toBe('block')
    expect(result.earliestAllowedAt).toBe('2026-06-14T23:30:00.000Z')
    expect(result.reasons[0]?.message).toContain('05:30 in Australia/Perth')
  })
})

describe('Australia: no contact on national public holidays', () => {
  it.each([
    ["New Year's Day 2026 (Thu)", '2026-01-01T10:00:00+11:00', '2026-01-01T20:30:00.000Z'],
    ['Australia Day 2026 (Mon)', '2026-01-26T10:00:00+11:00', '2026-01-26T20:30:00.000Z'],
    [
      'Good Friday 2026: the Easter weekend and Monday follow',
      '2026-04-03T10:00:00+11:00',
      '2026-04-06T21:30:00.000Z',
    ],
    ['Easter Monday 2026 (the day after DST ends)', '2026-04-06T10:00:00+10:00', '2026-04-06T21:30:00.000Z'],
    ['Anzac Day 2026 (Sat)', '2026-04-25T10:00:00+10:00', '2026-04-25T23:00:00.000Z'],
    [
      'Christmas Day 2026 (Fri): Boxing Day (Sat) follows, Sunday is open',
      '2026-12-25T10:00:00+11:00',
      '2026-12-26T22:00:00.000Z',
    ],
    ['Australia Day 2027 (Tue)', '2027-01-26T10:00:00+11:00', '2027-01-26T20:30:00.000Z'],
    ['Good Friday 2027: Easter Monday follows', '2027-03-26T10:00:00+11:00', '2027-03-29T20:30:00.000Z'],
    ['Christmas Day 2025 (Thu)', '2025-12-25T10:00:00+11:00', '2025-12-26T22:00:00.000Z'],
  ])('%s blocks calls', (_label, at, earliest) => {
    const result = decide(au(at))
    expect(result.outcome).toBe('block')
    expect(result.reasons[0]?.message).toContain('a national public holiday')
    expect(result.earliestAllowedAt).toBe(earliest)
  })

  it('a state-only holiday (NSW Labour Day, 5 October 2026) does not stop calls', () => {
    expect(decide(au('2026-10-05T10:00:00+11:00')).outcome).toBe('allow')
  })

  it('Darwin on Australia Day: ACST, blocked, next day 07:30 ACST', () => {
    const result = decide(au('2026-01-26T12:00:00+09:30', { jurisdiction: 'AU-NT', zones: [DRW] }))
    expect(result.earliestAllowedAt).toBe('2026-01-26T22:00:00.000Z')
  })

  it('no email on a national holiday either; a letter is not timed', () => {
    const email = au('2026-12-25T10:00:00+11:00', {
      action: { channel: 'email', contactPointId: 'E1', dialing: undefined },
    })
    email.contactPoints = [{ id: 'E1', kind: 'email', consent: 'granted' }]
    expect(ruleIds(email)).toEqual(['au.contact-hours.email'])
    const letter = au('2026-12-25T10:00:00+11:00', {
      action: { channel: 'letter', contactPointId: undefined, dialing: undefined },
    })
    expect(decide(letter).outcome).toBe('allow')
  })
})

describe('Australia: face-to-face and workplace contact', () => {
  const visit = { channel: 'visit' as const, contactPointId: undefined, dialing: undefined }
  it.each([
    ['visit Mon 08:59', '2026-06-15T08:59:00+10:00', 'block'],
    ['visit Mon 09:00', '2026-06-15T09:00:00+10:00', 'allow'],
    ['visit Sat 09:00', '2026-06-13T09:00:00+10:00', 'allow'],
    ['visit Sun 21:00', '2026-06-14T21:00:00+10:00', 'block'],
  ] as const)('%s: %s', (_label, at, outcome) => {
    expect(decide(au(at, { action: visit })).outcome).toBe(outcome)
  })

  it('at most one visit a month', () => {
    const history: ContactHistory = {
      messages: [{ at: '2026-06-01T10:00:00+10:00', channel: 'visit', debtIds: ['D1'] }],
    }
    expect(ruleIds(au('2026-06-15T10:00:00+10:00', { action: visit, history }))).toEqual([
      'au.face-to-face.month',
    ])
    expect(decide(au('2026-07-02T10:00:00+10:00', { action: visit, history })).outcome).toBe('allow')
  })

  it.each([
    ['Mon 08:00: before 09:00 at work', '2026-06-15T08:00:00+10:00', 'block'],
    ['Mon 09:00', '2026-06-15T09:00:00+10:00', 'allow'],
    ['Mon 17:00: after work', '2026-06-15T17:00:00+10:00', 'block'],
    ['Sat 10:00: no workplace contact at weekends', '2026-06-13T10:00:00+10:00', 'block'],
  ] as const)('a work phone, %s', (_label, at, outcome) => {
    const result = decide(au(at, { point: { phoneType: 'work', atWorkplace: true } }))
    expect(result.outcome).toBe(outcome)
    if (outcome === 'block')
      expect(result.reasons.map((r) => r.ruleId)).toContain('au.contact-hours.workplace')
  })
})

describe('Australia: 3 contacts a week, 10 a month, per account, contacts made only', () => {
  const at = '2026-06-15T10:00:00+10:00'
  const call = (day: string, result: 'conversation' | 'voicemail' | 'no_answer' | 'busy') => ({
    at: `${day}T10:00:00+10:00`,
    debtIds: ['D1'],
    result,
  })
  it('three made contacts (a conversation, a voicemail, a delivered SMS) in 7 days block a fourth', () => {
    const history: ContactHistory = {
      calls: [call('2026-06-10', 'conversation'), call('2026-06-12', 'voicemail')],
      messages: [{ at: '2026-06-13T10:00:00+10:00', channel: 'sms', debtIds: ['D1'] }],
    }
    const result = decide(au(at, { history }))
    expect(result.reasons.map((r) => r.ruleId)).toEqual(['au.contact-cap.week'])
    // 17 June, when 10 June leaves the window, at 07:30 AEST when calls open.
    expect(result.earliestAllowedAt).toBe('2026-06-16T21:30:00.000Z')
  })

  it('attempts do not count: unanswered and busy calls, an SMS that bounced', () => {
    const history: ContactHistory = {
      calls: [call('2026-06-10', 'no_answer'), call('2026-06-11', 'busy'), call('2026-06-12', 'no_answer')],
      messages: [
        {
          at: '2026-06-13T10:00:00+10:00',
          channel: 'sms',
          debtIds: ['D1'],
          undeliverableAt: '2026-06-13T10:01:00+10:00',
        },
      ],
    }
    expect(decide(au(at, { history })).outcome).toBe('allow')
  })

  it('contacts about another account do not count (the unit is the account)', () => {
    const history: ContactHistory = {
      calls: ['2026-06-10', '2026-06-11', '2026-06-12'].map((d) => ({
        ...call(d, 'conversation'),
        debtIds: ['OTHER'],
      })),
    }
    expect(decide(au(at, { history })).outcome).toBe('allow')
  })

  it('ten made contacts in 30 days block the eleventh, with no more than 3 in any week', () => {
    const days = ['05-17', '05-18', '05-19', '05-25', '05-26', '05-27', '06-02', '06-03', '06-04', '06-11']
    const history: ContactHistory = { calls: days.map((d) => call(`2026-${d}`, 'voicemail')) }
    expect(ruleIds(au(at, { history }))).toEqual(['au.contact-cap.month'])
  })
})

describe('Australia: limitation, extinguishment in NSW, the ACT and the NT', () => {
  const contact = '2026-06-15T10:00:00+10:00'
  it.each([
    [
      'NSW, 6 years passed: extinguished, a call is blocked',
      'AU-NSW',
      '2019-01-01',
      'contact',
      ['au.limitation.extinguished'],
    ],
    ['ACT, 6 years passed: extinguished', 'AU-ACT', '2019-01-01', 'contact', ['au.limitation.extinguished']],
    ['NT, 3 years passed: extinguished', 'AU-NT', '2022-01-01', 'contact', ['au.limitation.extinguished']],
    ['NT, 2.5 years: a call is allowed', 'AU-NT', '2024-01-01', 'contact', []],
    ['VIC, 6 years passed: a call is still allowed', 'AU-VIC', '2019-01-01', 'contact', []],
    ['VIC, 6 years passed: a suit is time-barred', 'AU-VIC', '2019-01-01', 'suit', ['au.limitation']],
    ['QLD, 5 years: a suit is allowed', 'AU-QLD', '2021-07-01', 'suit', []],
    [
      'NSW, extinguished: a suit is blocked twice over',
      'AU-NSW',
      '2019-01-01',
      'suit',
      ['au.limitation.extinguished', 'au.limitation'],
    ],
  ] as const)('%s', (_label, jurisdiction, accrualOn, kind, expected) => {
    const zone = jurisdiction === 'AU-NT' ? DRW : jurisdiction === 'AU-QLD' ? BNE : SYD
    const action =
      kind === 'suit' ? { kind, channel: undefined, contactPointId: undefined, dialing: undefined } : {}
    const at = jurisdiction === 'AU-NT' ? '2026-06-15T10:00:00+09:30' : contact
    expect(ruleIds(au(at, { jurisdiction, zones: [zone], debt: { accrualOn }, action }))).toEqual(expected)
  })

  it('a written acknowledgment before expiry restarts the NSW period', () => {
    const debt = {
      accrualOn: '2019-01-01',
      limitationEvents: [{ on: '2024-06-01', kind: 'acknowledgment' as const, writtenEvidence: true }],
    }
    expect(decide(au(contact, { debt })).outcome).toBe('allow')
  })

  it('a business debt in the NT is extinguished for the au-commercial pack too', () => {
    const r = au('2026-06-15T10:00:00+09:30', {
      jurisdiction: 'AU-NT',
      zones: [DRW],
      business: true,
      debt: { accrualOn: '2022-01-01' },
    })
    const result = decide(r)
    expect(result.packs.map((p) => p.id)).toEqual(['au-commercial', 'commercial'])
    expect(result.reasons.map((x) => x.ruleId)).toEqual(['au.limitation.extinguished'])
  })
})

describe('Australia: hardship, default listing, statutory demand, bankruptcy notice, conduct', () => {
  const at = '2026-06-15T10:00:00+10:00'
  const legal = (kind: ComplianceRequest['action']['kind']) => ({
    kind,
    channel: undefined,
    contactPointId: undefined,
    dialing: undefined,
  })

  it('an unanswered hardship request holds enforcement, not contact', () => {
    const debt = { hardshipRequests: [{ receivedAt: '2026-06-01T09:00:00+10:00' }] }
    const suit = decide(au(at, { debt, action: legal('suit') }))
    expect(suit.reasons.map((r) => r.ruleId)).toEqual(['au.hardship.answer'])
    expect(suit.reasons[0]?.message).toContain('answer due by 2026-06-22')
    expect(
      decide(au('2026-06-25T10:00:00+10:00', { debt, action: legal('suit') })).reasons[0]?.message,
    ).toContain('is late')
    expect(decide(au(at, { debt })).outcome).toBe('allow')
    const answered = {
      hardshipRequests: [
        { receivedAt: '2026-06-01T09:00:00+10:00', answeredAt: '2026-06-10T09:00:00+10:00' },
      ],
    }
    expect(decide(au(at, { debt: answered, action: legal('suit') })).outcome).toBe('allow')
  })

  const listable = {
    balanceMinor: 15_000,
    overdueSince: '2026-03-01',
    overdueNoticeOn: '2026-04-01',
    creditReportingNoticeOn: '2026-06-01',
  }
  it.each([
    ['every condition met', {}, '2026-06-16T10:00:00+10:00', 'allow'],
    [
      'day 14 after the notice: not yet (the notice day is not counted)',
      {},
      '2026-06-15T10:00:00+10:00',
      'block',
    ],
    ['AUD 149.99', { balanceMinor: 14_999 }, '2026-06-16T10:00:00+10:00', 'block'],
    ['59 days overdue', { overdueSince: '2026-04-18' }, '2026-06-16T10:00:00+10:00', 'block'],
    ['no written overdue notice', { overdueNoticeOn: null }, '2026-06-16T10:00:00+10:00', 'block'],
    ['no disclosure notice', { creditReportingNoticeOn: null }, '2026-06-16T10:00:00+10:00', 'block'],
  ] as const)('default listing: %s', (_label, patch, when, outcome) => {
    const result = decide(au(when, { debt: { ...listable, ...patch }, action: legal('credit_report') }))
    expect(result.outcome).toBe(outcome)
  })

  it('default listing: earliest date is the 15th day after the notice, local midnight', () => {
    const result = decide(au('2026-06-15T10:00:00+10:00', { debt: listable, action: legal('credit_report') }))
    expect(result.earliestAllowedAt).toBe('2026-06-15T14:00:00.000Z')
  })

  it.each([
    ['company, AUD 4,000', true, 400_000, {}, 'allow'],
    ['company, AUD 3,999.99', true, 399_999, {}, 'block'],
    ['an individual', false, 400_000, {}, 'block'],
    ['company, in USD', true, 900_000, { currency: 'USD' }, 'block'],
  ] as const)('statutory demand: %s', (_label, business, balanceMinor, patch, outcome) => {
    const result = decide(
      au(at, { business, debt: { balanceMinor, ...patch }, action: legal('statutory_demand') }),
    )
    expect(result.outcome).toBe(outcome)
    if (outcome === 'block') expect(result.reasons.map((r) => r.ruleId)).toContain('au.statutory-demand')
  })

  it.each([
    ['AUD 10,000 under a judgment', 1_000_000, '2026-01-10', 'allow'],
    ['AUD 9,999.99', 999_999, '2026-01-10', 'block'],
    ['no final judgment', 2_000_000, null, 'block'],
  ] as const)('bankruptcy notice: %s', (_label, balanceMinor, judgmentOn, outcome) => {
    const result = decide(au(at, { debt: { balanceMinor, judgmentOn }, action: legal('bankruptcy_notice') }))
    expect(result.outcome).toBe(outcome)
  })

  it.each([
    ['a threat of arrest', 'Pay today or you will be arrested.', {}, 'block'],
    ['a claim that proceedings began, when none did', 'Legal action has commenced against you.', {}, 'block'],
    [
      'the same claim when proceedings did begin',
      'Legal action has commenced against you.',
      { proceedingsStartedOn: '2026-05-01' },
      'allow',
    ],
    ['a plain reminder', 'Your payment of $120 is overdue. Call us to talk about options.', {}, 'allow'],
  ] as const)('conduct: %s', (_label, text, debt, outcome) => {
    const result = decide(au(at, { debt, action: { channel: 'sms', content: { text } } }))
    expect(result.outcome).toBe(outcome)
    if (outcome === 'block')
      expect(result.reasons.map((r) => r.ruleId)).toEqual(['au.conduct.misleading-legal-consequences'])
  })
})

describe('Australia in the registry', () => {
  it.each([
    ['AU', 'AU', ['au', 'au-commercial'], 'AUD', 'au-oldest-first'],
    ['AU-NSW', 'AU-NSW', ['au', 'au-commercial'], 'AUD', 'au-oldest-first'],
    ['au-nt', 'AU-NT', ['au', 'au-commercial'], 'AUD', 'au-oldest-first'],
  ])('%s', (code, entry, packs, currency, policy) => {
    const j = jurisdictionFor(code)
    expect(j.code).toBe(entry)
    expect(j.packs.map((p) => p.id)).toEqual(packs)
    expect(j.currency).toBe(currency)
    expect(j.allocationPolicyId('consumer_loan')).toBe(policy)
    expect(j.interest).toBeNull()
  })

  it('state calendars: NSW Labour Day 2026 is a bank holiday in NSW, not in WA', () => {
    expect(isBusinessDay('2026-10-05', jurisdictionFor('AU-NSW').calendar())).toBe(false)
    expect(isBusinessDay('2026-10-05', jurisdictionFor('AU-WA').calendar())).toBe(true)
  })

  it.each([
    ['AU-NT', 'consumer', 'au-nt.limitation'],
    ['AU-VIC', 'consumer', 'au.limitation'],
    ['AU-NT', 'commercial', 'au-nt.limitation'],
    ['AU-NSW', 'commercial', 'au.limitation'],
  ] as const)('limitation for %s %s debts: %s', (jurisdiction, kind, ruleId) => {
    const r = au('2026-06-15T10:00:00+10:00', {
      jurisdiction,
      business: kind === 'commercial',
      debt: { accrualOn: '2024-01-01' },
    })
    expect(limitationRulesFor(r, r.debts[0] as DebtFacts).map((l) => l.ruleId)).toEqual([ruleId])
  })

  it('an unknown Australian subdivision blocks', () => {
    expect(ruleIds(au('2026-06-15T10:00:00+10:00', { jurisdiction: 'AU-ZZ' }))).toEqual([
      'recoup.unknown-jurisdiction',
    ])
  })
})
