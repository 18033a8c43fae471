import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type MessageContentInput,
  messageContentDecision,
  US_MESSAGE_CONTENT,
} from '../../../src/core/compliance/message-content.ts'

const FULL =
  'This communication is from a debt collector. This is an attempt to collect a debt and any information ' +
  'obtained will be used for that purpose.'
const OPT_OUT = 'Reply STOP to opt out.'
const base: MessageContentInput = {
  text: FULL,
  channel: 'letter',
  collectorType: 'third_party',
  firstCommunication: true,
  sentOn: '2026-01-05',
  validationPeriodEndsOn: '2026-02-11',
}
const ruleIds = (input: Partial<MessageContentInput>) =>
  messageContentDecision({ ...base, ...input }).reasons.map((r) => r.ruleId)

describe('messageContentDecision: mini-Miranda (1006.18(e))', () => {
  it.each<[string, Partial<MessageContentInput>, boolean]>([
    ['model wording', {}, true],
    [
      'another reasonable phrasing',
      {
        text: 'We are a debt collector trying to collect a debt. Any information we obtain\nwill be used for this purpose.',
      },
      true,
    ],
    ['upper case', { text: FULL.toUpperCase() }, true],
    ['missing the information sentence', { text: 'A debt collector attempting to collect a debt.' }, false],
    [
      'missing "debt collector"',
      { text: 'This is an attempt to collect a debt. Information will be used for that purpose.' },
      false,
    ],
    [
      'later: "debt collector" is enough',
      { firstCommunication: false, text: 'From ACME, a debt collector.' },
      true,
    ],
    ['later: nothing', { firstCommunication: false, text: 'Please call us.' }, false],
    ['original creditor: not covered', { collectorType: 'original_creditor', text: 'Please call us.' }, true],
    ['debt buyer: covered', { collectorType: 'debt_buyer', text: 'Please call us.' }, false],
    ['call scripts too', { channel: 'call', text: 'Hello, this is Sam.' }, false],
  ])('%s', (_name, input, passes) => {
    expect(ruleIds(input).includes('us.reg-f.mini-miranda')).toBe(!passes)
  })
})

describe('messageContentDecision: electronic opt-out (1006.6(e))', () => {
  it.each<[string, Partial<MessageContentInput>, boolean]>([
    ['sms with reply STOP', { channel: 'sms', text: `${FULL} ${OPT_OUT}` }, true],
    ['sms with text "STOP"', { channel: 'sms', text: `${FULL} Text "stop" to end texts.` }, true],
    ['email with unsubscribe', { channel: 'email', text: `${FULL} Unsubscribe: https://x.example/u` }, true],
    ['email with opt-out', { channel: 'email', text: `${FULL} To opt-out of emails, click here.` }, true],
    ['sms without', { channel: 'sms', text: FULL }, false],
    ['email without', { channel: 'email', text: FULL }, false],
    ['"stopped" is not an instruction', { channel: 'sms', text: `${FULL} Payments have stopped.` }, false],
    ['letters need none', { channel: 'letter', text: FULL }, true],
  ])('%s', (_name, input, passes) => {
    expect(ruleIds(input).includes('us.reg-f.electronic-opt-out-notice')).toBe(!passes)
  })
})

describe('messageContentDecision: overshadowing (1006.38(b)(1))', () => {
  // Sent 5 Jan 2026, validation period ends 11 Feb 2026 (37 days later).
  it.each<[string, string, Partial<MessageContentInput>, boolean]>([
    ['no demand', 'You owe $100.', {}, true],
    ['pay immediately', 'You must pay immediately.', {}, false],
    ['immediate payment', 'Immediate payment is required.', {}, false],
    ['pay today or', 'Pay today or we will act.', {}, false],
    ['within 36 days: due 10 Feb, before the end', 'Please pay the balance within 36 days.', {}, false],
    ['within 37 days: due 11 Feb, the last day', 'Please pay the balance within 37 days.', {}, true],
    ['days first', 'Within 10 days you must pay the balance.', {}, false],
    ['dispute rights are not a demand', 'If you dispute within 30 days, we will stop collection.', {}, true],
    ['pay by an ISO date before the end', 'Pay by 2026-02-10 to avoid fees.', {}, false],
    ['pay by the last day', 'Pay by 2026-02-11 to avoid fees.', {}, true],
    ['pay by a written date', 'Please make your payment by February 10, 2026.', {}, false],
    ['pay by a written date after', 'Please make your payment by Feb. 12, 2026.', {}, true],
    ['second deadline counts', 'Pay within 40 days. Or pay within 5 days for a discount.', {}, false],
    ['after the period', 'Pay immediately.', { sentOn: '2026-02-12' }, true],
    ['on the last day of the period', 'Pay immediately.', { sentOn: '2026-02-11' }, false],
    ['no period running', 'Pay immediately.', { validationPeriodEndsOn: null }, true],
  ])('%s', (_name, demand, input, passes) => {
    const ids = ruleIds({ text: `${FULL} ${demand}`, ...input })
    expect(ids.includes('us.reg-f.overshadowing')).toBe(!passes)
  })

  it('quotes the phrase and the due date', () => {
    const [reason] = messageContentDecision({
      ...base,
      text: `${FULL} Pay the balance within 10 days.`,
    }).reasons
    expect(reason).toEqual({
      ruleId: 'us.reg-f.overshadowing',
      citation: '12 CFR 1006.38(b)(1); 15 USC 1692g(b)',
      message:
        '"Pay the balance within 10 days" (due 2026-01-15) overshadows the validation period ending 2026-02-11',
    })
  })
})

describe('messageContentDecision: California license number (Civ. Code 1788.11)', () => {
  it.each<[string, Partial<MessageContentInput>, boolean]>([
    [
      'letter with the number',
      { text: `${FULL} CA license 10123-99.`, californiaLicenseNumber: '10123-99' },
      true,
    ],
    ['letter without', { californiaLicenseNumber: '10123-99' }, false],
    [
      'email without',
      { channel: 'email', text: `${FULL} ${OPT_OUT}`, californiaLicenseNumber: '10123-99' },
      false,
    ],
    ['calls are not written', { channel: 'call', californiaLicenseNumber: '10123-99' }, true],
    [
      'original creditors too',
      { collectorType: 'original_creditor', text: 'Hi', californiaLicenseNumber: '1' },
      false,
    ],
    ['not in California', { californiaLicenseNumber: null }, true],
  ])('%s', (_name, input, passes) => {
    expect(ruleIds(input).includes('us-ca.license-number')).toBe(!passes)
  })
})

describe('messageContentDecision: results and settings', () => {
  it('allows compliant text, blocks with every failing rule and never names a time', () => {
    expect(messageContentDecision(base)).toEqual({ outcome: 'allow', reasons: [], earliestAllowedAt: null })
    const decision = messageContentDecision({ ...base, channel: 'sms', text: 'Pay immediately.' })
    expect(decision.outcome).toBe('block')
    expect(decision.earliestAllowedAt).toBeNull()
    expect(decision.reasons.map((r) => r.ruleId)).toEqual([
      'us.reg-f.mini-miranda',
      'us.reg-f.electronic-opt-out-notice',
      'us.reg-f.overshadowing',
    ])
  })

  it('takes other phrasings as settings', () => {
    const settings = {
      ...US_MESSAGE_CONTENT,
      optOut: { ...US_MESSAGE_CONTENT.optOut, patterns: ['\\bsend NO\\b'] },
    }
    const input = { ...base, channel: 'sms' as const, settings }
    expect(messageContentDecision({ ...input, text: `${FULL} Send NO to stop.` }).outcome).toBe('allow')
    expect(messageContentDecision({ ...input, text: `${FULL} ${OPT_OUT}` }).outcome).toBe('block')
  })

  it.each<[string, Partial<MessageContentInput>, string]>([
    [
      'a pattern that does not compile',
      { settings: { ...US_MESSAGE_CONTENT, optOut: { ...US_MESSAGE_CONTENT.optOut, patterns: ['('] } } },
      'invalid_content_pattern',
    ],
    ['an empty license number', { californiaLicenseNumber: ' ' }, 'invalid_license_number'],
    ['a bad date', { sentOn: '2026-13-01' }, 'invalid_date'],
    ['a bad period end', { validationPeriodEndsOn: '11/02/2026' }, 'invalid_date'],
  ])('rejects %s', (_name, input, code) => {
    expect(() => messageContentDecision({ ...base, ...input })).toThrow(expect.objectContaining({ code }))
  })
})

describe('messageContentDecision: properties', () => {
  const words = fc.array(
    fc.constantFrom('hello', 'balance', 'account', 'call', 'us', 'pay', 'today', 'within'),
    {
      maxLength: 12,
    },
  )

  it('appending text never turns a passing mini-Miranda, opt-out or license into a failure', () => {
    fc.assert(
      fc.property(
        words,
        words,
        fc.constantFrom<MessageContentInput['channel']>('sms', 'email', 'letter'),
        (a, b, channel) => {
          const text = `${a.join(' ')} ${FULL} ${OPT_OUT} Lic 42.`
          const decision = messageContentDecision({
            ...base,
            channel,
            text: `${text} ${b.join(' ')}`,
            validationPeriodEndsOn: null,
            californiaLicenseNumber: '42',
          })
          expect(decision).toEqual({ outcome: 'allow', reasons: [], earliestAllowedAt: null })
        },
      ),
    )
  })

  it('a block never names a time, and the same text always gives the same answer', () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 0, max: 60 }), (w, days) => {
        const input = { ...base, text: `${FULL} ${w.join(' ')} pay within ${days} days` }
        const first = messageContentDecision(input)
        expect(first.earliestAllowedAt).toBeNull()
        expect(first.outcome).toBe(days < 37 ? 'block' : 'allow')
        expect(messageContentDecision(input)).toEqual(first)
      }),
    )
  })
})
