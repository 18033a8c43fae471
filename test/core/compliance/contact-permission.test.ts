import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type ContactChannel,
  type ContactPermissionInput,
  type ContactPurpose,
  contactPermissionDecision,
} from '../../../src/core/compliance/contact-permission.ts'
import { CONTACT_PERMISSION_RULES as RULES } from '../../../src/core/compliance/contact-permission-rules.ts'

const AT = '2026-06-15T15:00:00Z'
const BEFORE = '2026-06-01T12:00:00Z'
const AFTER = '2026-06-20T12:00:00Z'
const minutes = (n: number) => new Date(Date.parse(AT) + n * 60_000).toISOString()
const ATTORNEY = { name: 'A. Lawyer', address: '1 Court St', knownAt: BEFORE }

type Patch = Partial<Omit<ContactPermissionInput, 'contactPoint' | 'debtor'>> & {
  contactPoint?: Partial<ContactPermissionInput['contactPoint']>
  debtor?: ContactPermissionInput['debtor']
}

/** A manual collection call to a home landline with no restrictions: allowed. */
function input(patch: Patch = {}): ContactPermissionInput {
  const { contactPoint, debtor, ...rest } = patch
  return {
    at: AT,
    channel: 'call',
    purpose: 'collection',
    dialing: 'manual',
    ...rest,
    contactPoint: { kind: 'phone', phoneType: 'landline', consent: 'unknown', ...contactPoint },
    debtor: { ...debtor },
  }
}
const sms = (contactPoint: Patch['contactPoint'] = {}, rest: Patch = {}): Patch => ({
  channel: 'sms',
  ...rest,
  contactPoint: { phoneType: 'mobile', ...contactPoint },
})
const email = (contactPoint: Patch['contactPoint'] = {}, rest: Patch = {}): Patch => ({
  channel: 'email',
  ...rest,
  contactPoint: { kind: 'email', phoneType: undefined, ...contactPoint },
})
const letter = (purpose: ContactPurpose, rest: Patch = {}): Patch => ({
  channel: 'letter',
  purpose,
  ...rest,
  contactPoint: { kind: 'postal', phoneType: undefined },
})
const confirmation = (channel: ContactChannel, purpose: ContactPurpose, at: string) => ({
  channel,
  purpose,
  at,
})
const revoked = { consent: 'revoked', consentRevokedAt: AT } as const

const {
  attorney,
  cease,
  workplace,
  employerEmail,
  mediumOptOut,
  contactPointOptOut,
  tcpaConsent,
  tcpaRevocation,
} = RULES

describe('contactPermissionDecision: one row per rule, with its exception', () => {
  it.each<[string, Patch, string[]]>([
    ['baseline manual call to a landline', {}, []],
    // 1006.6(b)(2) attorney, lifted by direct consent (1006.6(b)(4)).
    ['attorney known', { debtor: { attorney: ATTORNEY } }, [attorney.ruleId]],
    ['attorney + direct consent', { debtor: { attorney: ATTORNEY, directConsentToContact: true } }, []],
    ['attorney known only later', { debtor: { attorney: { ...ATTORNEY, knownAt: AFTER } } }, []],
    // 1006.6(c) cease: one letter ending collection and one remedy notice.
    ['cease: collection call', { debtor: { ceaseReceivedAt: BEFORE } }, [cease.ruleId]],
    ['cease: confirmation letter', letter('cease_confirmation', { debtor: { ceaseReceivedAt: BEFORE } }), []],
    ['cease: remedy notice letter', letter('remedy_notice', { debtor: { ceaseReceivedAt: BEFORE } }), []],
    [
      'cease: confirmation by email',
      email({}, { purpose: 'cease_confirmation', debtor: { ceaseReceivedAt: BEFORE } }),
      [cease.ruleId],
    ],
    [
      'cease: second confirmation letter',
      letter('cease_confirmation', {
        debtor: { ceaseReceivedAt: BEFORE },
        priorConfirmations: [confirmation('letter', 'cease_confirmation', '2026-06-02T00:00:00Z')],
      }),
      [cease.ruleId],
    ],
    [
      'cease: remedy notice after the confirmation',
      letter('remedy_notice', {
        debtor: { ceaseReceivedAt: BEFORE },
        priorConfirmations: [confirmation('letter', 'cease_confirmation', '2026-06-02T00:00:00Z')],
      }),
      [],
    ],
    ['cease received (mail) only later', { debtor: { ceaseReceivedAt: AFTER } }, []],
    // 1006.6(b)(3) workplace.
    [
      'work phone, employer prohibits',
      { contactPoint: { phoneType: 'work' }, debtor: { employerProhibitsWorkContact: true } },
      [workplace.ruleId],
    ],
    ['work phone, no prohibition', { contactPoint: { phoneType: 'work' } }, []],
    ['home phone, employer prohibits', { debtor: { employerProhibitsWorkContact: true } }, []],
    // 1006.22(f)(3) employer-provided email.
    ['employer email', email({ employerProvided: true }), [employerEmail.ruleId]],
    [
      'employer email + direct consent',
      email({ employerProvided: true }, { debtor: { directConsentToContact: true } }),
      [],
    ],
    [
      'employer email the debtor wrote from',
      email({ employerProvided: true }, { debtor: { emailedFromThisAddress: true } }),
      [],
    ],
    // 1006.14(h) medium opt-out: one confirmation.
    [
      'call opt-out: collection call',
      { debtor: { mediumOptOuts: [{ channel: 'call', at: BEFORE }] } },
      [mediumOptOut.ruleId],
    ],
    [
      'call opt-out: confirmation call',
      { purpose: 'opt_out_confirmation', debtor: { mediumOptOuts: [{ channel: 'call', at: BEFORE }] } },
      [],
    ],
    [
      'call opt-out: second confirmation',
      {
        purpose: 'opt_out_confirmation',
        debtor: { mediumOptOuts: [{ channel: 'call', at: BEFORE }] },
        priorConfirmations: [confirmation('call', 'opt_out_confirmation', '2026-06-02T00:00:00Z')],
      },
      [mediumOptOut.ruleId],
    ],
    [
      'email opt-out does not stop calls',
      { debtor: { mediumOptOuts: [{ channel: 'email', at: BEFORE }] } },
      [],
    ],
    // 1006.6(e) contact point opted out.
    ['email address opted out', email({ optedOutAt: BEFORE }), [contactPointOptOut.ruleId]],
    ['email address opts out only later', email({ optedOutAt: AFTER }), []],
    // TCPA consent for automated calls and texts to mobiles.
    ['sms to mobile, consent unknown', sms(), [tcpaConsent.ruleId]],
    ['sms to mobile, consent granted', sms({ consent: 'granted' }), []],
    ['sms, phone type unknown (fail safe)', sms({ phoneType: undefined }), [tcpaConsent.ruleId]],
    ['sms to landline', sms({ phoneType: 'landline' }), []],
    [
      'autodialed call to mobile',
      { dialing: 'autodialed', contactPoint: { phoneType: 'mobile' } },
      [tcpaConsent.ruleId],
    ],
    [
      'prerecorded call to mobile',
      { dialing: 'prerecorded', contactPoint: { phoneType: 'mobile' } },
      [tcpaConsent.ruleId],
    ],
    [
      'dialing omitted (fail safe)',
      { dialing: undefined, contactPoint: { phoneType: 'mobile' } },
      [tcpaConsent.ruleId],
    ],
    ['manual call to mobile', { contactPoint: { phoneType: 'mobile' } }, []],
    // Revocation honoured at once (stricter than 10 business days); one confirmation text in 5 minutes.
    ['sms 1 minute after revocation', sms({ ...revoked }, { at: minutes(1) }), [tcpaRevocation.ruleId]],
    [
      'confirmation text at 5:00',
      sms({ ...revoked }, { at: minutes(5), purpose: 'opt_out_confirmation' }),
      [],
    ],
    [
      'confirmation text at 5:01',
      sms({ ...revoked }, { at: minutes(5.02), purpose: 'opt_out_confirmation' }),
      [tcpaRevocation.ruleId],
    ],
    [
      'second confirmation text',
      sms(
        { ...revoked },
        {
          at: minutes(2),
          purpose: 'opt_out_confirmation',
          priorConfirmations: [confirmation('sms', 'opt_out_confirmation', minutes(1))],
        },
      ),
      [tcpaRevocation.ruleId],
    ],
    [
      'confirmation text before revocation time',
      sms({ ...revoked }, { at: minutes(-1), purpose: 'opt_out_confirmation' }),
      [tcpaRevocation.ruleId],
    ],
    ['manual call after revocation', { contactPoint: { phoneType: 'mobile', ...revoked } }, []],
  ])('%s', (_name, patch, ruleIds) => {
    const decision = contactPermissionDecision(input(patch))
    expect(decision.reasons.map((r) => r.ruleId)).toEqual(ruleIds)
    expect(decision.outcome).toBe(ruleIds.length === 0 ? 'allow' : 'block')
    expect(decision.earliestAllowedAt).toBeNull()
  })

  it('returns every applicable reason, each with a citation and message', () => {
    const decision = contactPermissionDecision(
      input(
        sms(
          { consent: 'revoked', consentRevokedAt: BEFORE, optedOutAt: BEFORE },
          {
            debtor: {
              attorney: ATTORNEY,
              ceaseReceivedAt: BEFORE,
              mediumOptOuts: [{ channel: 'sms', at: BEFORE }],
            },
          },
        ),
      ),
    )
    expect(decision.reasons.map((r) => r.ruleId)).toEqual([
      attorney.ruleId,
      cease.ruleId,
      mediumOptOut.ruleId,
      contactPointOptOut.ruleId,
      tcpaRevocation.ruleId,
    ])
    for (const reason of decision.reasons) {
      expect(reason.citation).not.toBe('')
      expect(reason.message).not.toBe('')
    }
  })

  it.each<[string, Patch, string]>([
    ['malformed at', { at: '15/06/2026' }, 'invalid_instant'],
    ['malformed state timestamp', { debtor: { ceaseReceivedAt: 'yesterday' } }, 'invalid_instant'],
    ['channel cannot reach the contact point', { channel: 'email' }, 'invalid_contact'],
  ])('throws on %s', (_name, patch, code) => {
    expect(() => contactPermissionDecision(input(patch))).toThrow(expect.objectContaining({ code }))
  })
})

const time = fc.integer({ min: -20, max: 20 }).map(minutes)
const channel = fc.constantFrom<ContactChannel>('call', 'sms', 'email', 'letter')
const purpose = fc.constantFrom<ContactPurpose>(
  'collection',
  'cease_confirmation',
  'remedy_notice',
  'opt_out_confirmation',
)
const KIND = { call: 'phone', sms: 'phone', email: 'email', letter: 'postal' } as const

const arbitraryInput: fc.Arbitrary<ContactPermissionInput> = fc
  .record({
    channel,
    purpose,
    phoneType: fc.constantFrom('mobile', 'landline', 'work', undefined),
    employerProvided: fc.boolean(),
    optedOutAt: fc.option(time),
    consent: fc.constantFrom('unknown', 'granted', 'revoked'),
    consentRevokedAt: fc.option(time),
    dialing: fc.constantFrom('manual', 'autodialed', 'prerecorded', undefined),
    attorneyAt: fc.option(time),
    ceaseReceivedAt: fc.option(time),
    employerProhibitsWorkContact: fc.boolean(),
    directConsentToContact: fc.boolean(),
    mediumOptOuts: fc.array(fc.record({ channel, at: time }), { maxLength: 2 }),
    emailedFromThisAddress: fc.boolean(),
    priorConfirmations: fc.array(fc.record({ channel, purpose, at: time }), { maxLength: 3 }),
  })
  .map((r) => ({
    at: AT,
    channel: r.channel,
    purpose: r.purpose,
    dialing: r.dialing,
    contactPoint: {
      kind: KIND[r.channel],
      phoneType: r.phoneType,
      employerProvided: r.employerProvided,
      optedOutAt: r.optedOutAt,
      consent: r.consent,
      consentRevokedAt: r.consentRevokedAt,
    },
    debtor: {
      attorney: r.attorneyAt === null ? null : { ...ATTORNEY, knownAt: r.attorneyAt },
      ceaseReceivedAt: r.ceaseReceivedAt,
      employerProhibitsWorkContact: r.employerProhibitsWorkContact,
      directConsentToContact: r.directConsentToContact,
      mediumOptOuts: r.mediumOptOuts,
      emailedFromThisAddress: r.emailedFromThisAddress,
    },
    priorConfirmations: r.priorConfirmations,
  }))

type Restriction = (input: ContactPermissionInput, at: string) => ContactPermissionInput
const RESTRICTIONS: Record<string, Restriction> = {
  attorney: (i, at) =>
    i.debtor.attorney ? i : { ...i, debtor: { ...i.debtor, attorney: { ...ATTORNEY, knownAt: at } } },
  cease: (i, at) => (i.debtor.ceaseReceivedAt ? i : { ...i, debtor: { ...i.debtor, ceaseReceivedAt: at } }),
  mediumOptOut: (i, at) => ({
    ...i,
    debtor: { ...i.debtor, mediumOptOuts: [...(i.debtor.mediumOptOuts ?? []), { channel: i.channel, at }] },
  }),
  contactPointOptOut: (i, at) =>
    i.contactPoint.optedOutAt ? i : { ...i, contactPoint: { ...i.contactPoint, optedOutAt: at } },
  // Revocation withdraws a consent that was given; 'unknown' -> 'revoked' may open the confirmation text.
  revokeConsent: (i, at) =>
    i.contactPoint.consent !== 'granted'
      ? i
      : { ...i, contactPoint: { ...i.contactPoint, consent: 'revoked', consentRevokedAt: at } },
}

describe('contactPermissionDecision: properties', () => {
  it('adding a restriction never turns a block into an allow, nor drops a blocking rule', () => {
    fc.assert(
      fc.property(arbitraryInput, fc.constantFrom(...Object.keys(RESTRICTIONS)), time, (base, name, at) => {
        const before = contactPermissionDecision(base)
        const after = contactPermissionDecision(RESTRICTIONS[name]!(base, at))
        if (before.outcome === 'block') expect(after.outcome).toBe('block')
        const afterIds = new Set(after.reasons.map((r) => r.ruleId))
        for (const reason of before.reasons) expect(afterIds.has(reason.ruleId)).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('blocks exactly when it gives a reason, and never names a time', () => {
    fc.assert(
      fc.property(arbitraryInput, (i) => {
        const d = contactPermissionDecision(i)
        expect(d.outcome === 'block').toBe(d.reasons.length > 0)
        expect(d.earliestAllowedAt).toBeNull()
      }),
    )
  })
})
