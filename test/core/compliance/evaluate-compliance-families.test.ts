import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CollectorType } from '../../../src/core/compliance/compliance-request.ts'
import { evaluateCompliance } from '../../../src/core/compliance/evaluate-compliance.ts'
import { request, rules } from './compliance-request-fixture.ts'

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
    const letter = { at: '2026-05-31T12:00:00Z', channel: 'letter' as const, debtIds: ['D1'] }
    expect(evaluateCompliance({ ...r, history: { messages: [letter] } }).outcome).toBe('allow')
  })

  it('credit reporting: day 15 by default, day 14 as a tenant setting, the first day as a deadline', () => {
    const r = request({ action: { kind: 'credit_report', channel: undefined, contactPointId: undefined } })
    const day = r.action.at.slice(0, 10)
    const sent = new Date(Date.parse(`${day}T12:00:00Z`) - 14 * 86_400_000).toISOString()
    const history = { messages: [{ at: sent, channel: 'letter' as const, debtIds: ['D1'] }] }
    const standard = evaluateCompliance({ ...r, history })
    expect(standard.outcome).toBe('block')
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    expect(standard.deadlines).toContainEqual(
      expect.objectContaining({ name: 'credit_reporting.earliest_furnishing_on', date: next, debtId: 'D1' }),
    )
    expect(standard.checks).toContainEqual(
      expect.objectContaining({
        family: 'credit-reporting-gate',
        note: expect.stringContaining('pack default'),
      }),
    )
    const tenant = evaluateCompliance({
      ...r,
      history,
      settings: { creditReportingFurnishFrom: 'last_wait_day' },
    })
    expect(tenant.outcome).toBe('allow')
    expect(tenant.checks).toContainEqual(
      expect.objectContaining({ note: expect.stringContaining('tenant setting') }),
    )
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
