import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type CallCapRule,
  type CallFrequencyInput,
  type CallFrequencyRule,
  type CallRecord,
  type CallResult,
  callFrequencyDecision,
} from '../../../src/core/compliance/call-frequency.ts'
import {
  CALL_FREQUENCY_PRESETS,
  US_REG_F_CALL_RULES,
} from '../../../src/core/compliance/call-frequency-presets.ts'

const NY = 'America/New_York'
const P = CALL_FREQUENCY_PRESETS
const DAY = 86_400_000

/** A call at 10:00 EDT on a June 2026 day (New York). */
const june = (
  day: number,
  result: CallResult = 'voicemail',
  debtIds = ['D1'],
  time = '10:00',
): CallRecord => ({
  at: `2026-06-${String(day).padStart(2, '0')}T${time}:00-04:00`,
  debtIds,
  result,
})
const days = (from: number, to: number, result: CallResult = 'voicemail', debtIds = ['D1']) =>
  Array.from({ length: to - from + 1 }, (_, i) => june(from + i, result, debtIds))

const decide = (overrides: Partial<CallFrequencyInput>) =>
  callFrequencyDecision({
    proposedAt: june(15).at,
    debtIds: ['D1'],
    history: [],
    timeZone: NY,
    caps: US_REG_F_CALL_RULES,
    ...overrides,
  })

interface Case {
  name: string
  input: Partial<CallFrequencyInput>
  /** 'allow', or the expected earliestAllowedAt (null: none within the horizon). */
  expected: 'allow' | string | null
}

const cases: Case[] = [
  { name: '7th call in 7 days allowed', input: { history: days(9, 14) }, expected: 'allow' },
  { name: '8th call blocked', input: { history: days(9, 15) }, expected: '2026-06-16T04:00:00.000Z' },
  {
    name: '7 calls on day 1 block until day 8',
    input: { history: Array.from({ length: 7 }, () => june(9)) },
    expected: '2026-06-16T04:00:00.000Z',
  },
  {
    name: 'day 8 after 7 calls on day 1 allowed',
    input: { proposedAt: june(16).at, history: Array.from({ length: 7 }, () => june(9)) },
    expected: 'allow',
  },
  {
    name: 'a later call in the history shares the window',
    input: { proposedAt: june(12).at, history: [...days(9, 11), ...days(13, 15), june(13)] },
    expected: '2026-06-16T04:00:00.000Z',
  },
  {
    name: 'no_answer counts',
    input: { history: days(9, 15, 'no_answer') },
    expected: '2026-06-16T04:00:00.000Z',
  },
  {
    name: 'busy and not in service do not count',
    input: { history: [...days(9, 14), ...days(9, 15, 'busy'), ...days(9, 15, 'not_in_service')] },
    expected: 'allow',
  },
  {
    name: 'calls placed under consent do not count',
    input: { history: [...days(9, 14), june(15, 'consented'), june(15, 'consented')] },
    expected: 'allow',
  },
  {
    name: 'calls within 7 days of consentGivenAt do not count',
    input: { history: days(9, 15), consentGivenAt: { D1: '2026-06-09T09:00:00-04:00' } },
    expected: 'allow',
  },
  {
    name: 'calls before the consent instant still count',
    input: {
      history: days(8, 14),
      consentGivenAt: { D1: '2026-06-14T11:00:00-04:00' },
      proposedAt: june(14, 'voicemail', ['D1'], '09:00').at,
    },
    expected: '2026-06-14T15:00:00.000Z',
  },
  {
    name: 'consent later today: allowed from the consent instant',
    input: { history: days(9, 15), consentGivenAt: { D1: '2026-06-15T14:00:00-04:00' } },
    expected: '2026-06-15T18:00:00.000Z',
  },
  {
    name: 'consent day 7 is still covered',
    input: {
      history: Array.from({ length: 7 }, () => june(14)),
      consentGivenAt: { D1: '2026-06-08T09:00:00-04:00' },
    },
    expected: 'allow',
  },
  {
    name: 'consent day 8 is not covered',
    input: {
      history: Array.from({ length: 7 }, () => june(15)),
      consentGivenAt: { D1: '2026-06-08T09:00:00-04:00' },
    },
    expected: '2026-06-22T04:00:00.000Z',
  },
  {
    name: 'conversation day + 6 blocked',
    input: { proposedAt: june(16).at, history: [june(10, 'conversation')] },
    expected: '2026-06-17T04:00:00.000Z',
  },
  {
    name: 'conversation day + 7 allowed',
    input: { proposedAt: june(17).at, history: [june(10, 'conversation')] },
    expected: 'allow',
  },
  {
    name: 'conversation earlier the same day blocks',
    input: { proposedAt: june(10, 'voicemail', ['D1'], '18:00').at, history: [june(10, 'conversation')] },
    expected: '2026-06-17T04:00:00.000Z',
  },
  {
    name: 'conversation about another debt does not block',
    input: { history: [june(12, 'conversation', ['D2'])] },
    expected: 'allow',
  },
  {
    name: 'one conversation about two debts blocks each',
    input: { debtIds: ['D2'], history: [june(12, 'conversation', ['D1', 'D2'])] },
    expected: '2026-06-19T04:00:00.000Z',
  },
  {
    name: 'a call under consent is exempt from the quiet period',
    input: { history: [june(14, 'conversation')], consentGivenAt: { D1: '2026-06-14T12:00:00-04:00' } },
    expected: 'allow',
  },
  {
    name: 'one call about two debts counts for each',
    input: { debtIds: ['D2'], history: days(9, 15, 'voicemail', ['D1', 'D2']) },
    expected: '2026-06-16T04:00:00.000Z',
  },
  {
    name: 'a call about two debts is blocked if either is at the cap',
    input: { debtIds: ['D3', 'D1'], history: days(9, 15) },
    expected: '2026-06-16T04:00:00.000Z',
  },
  {
    name: 'other debts are counted separately',
    input: { debtIds: ['D3'], history: days(9, 15, 'voicemail', ['D1', 'D2']) },
    expected: 'allow',
  },
  // New York spring forward, Sun 8 Mar 2026: days are counted on the local wall clock.
  {
    name: 'DST spring: 23:30 EDT on 8 Mar is still 8 Mar',
    input: {
      proposedAt: '2026-03-08T23:45:00-04:00',
      history: [2, 3, 4, 5, 6, 7]
        .map((d) => ({ at: `2026-03-0${d}T23:30:00-05:00`, debtIds: ['D1'], result: 'voicemail' as const }))
        .concat({ at: '2026-03-08T23:30:00-04:00', debtIds: ['D1'], result: 'voicemail' }),
    },
    expected: '2026-03-09T04:00:00.000Z',
  },
  {
    name: 'DST spring: conversation on 1 Mar (EST) allows from 8 Mar 00:00 EST',
    input: {
      proposedAt: '2026-03-07T23:59:59.999-05:00',
      history: [{ at: '2026-03-01T23:30:00-05:00', debtIds: ['D1'], result: 'conversation' }],
    },
    expected: '2026-03-08T05:00:00.000Z',
  },
  {
    name: 'DST spring: conversation on 2 Mar allows from 9 Mar 00:00 EDT',
    input: {
      proposedAt: '2026-03-08T12:00:00-04:00',
      history: [{ at: '2026-03-02T00:00:00-05:00', debtIds: ['D1'], result: 'conversation' }],
    },
    expected: '2026-03-09T04:00:00.000Z',
  },
  {
    name: 'DST fall: conversation on 26 Oct allows from 2 Nov 00:00 EST',
    input: {
      proposedAt: '2026-11-01T23:00:00-05:00',
      history: [{ at: '2026-10-26T08:00:00-04:00', debtIds: ['D1'], result: 'conversation' }],
    },
    expected: '2026-11-02T05:00:00.000Z',
  },
  // State and city caps count every attempt, busy included.
  {
    name: 'MA: 2nd call allowed',
    input: { caps: [P.maPersonalNumbers], history: [june(10, 'busy')] },
    expected: 'allow',
  },
  {
    name: 'MA: 3rd call (busy counted) blocked',
    input: { caps: [P.maPersonalNumbers], history: [june(10, 'busy'), june(12, 'no_answer')] },
    expected: '2026-06-17T04:00:00.000Z',
  },
  {
    name: 'MA other numbers: 2 in 30 days',
    input: { caps: [P.maOtherNumbers], history: [june(1), june(2)] },
    expected: '2026-07-01T04:00:00.000Z',
  },
  {
    name: 'WA: 4th communication to the person blocked, whatever the debt',
    input: {
      caps: [P.waCommunications],
      history: [june(10, 'voicemail', ['D2']), june(11, 'voicemail', ['D3']), june(12)],
    },
    expected: '2026-06-17T04:00:00.000Z',
  },
  {
    name: 'NYC: 3 contacts in 7 days',
    input: {
      caps: [P.nycContactCap],
      history: [june(13, 'voicemail', ['D2']), june(14, 'busy', ['D3']), june(15)],
    },
    expected: '2026-06-20T04:00:00.000Z',
  },
  {
    name: 'no allowed day within 30 days',
    input: { caps: [{ ...P.usRegF7In7, maxCalls: 0 }] },
    expected: null,
  },
]

describe('callFrequencyDecision: boundaries', () => {
  it.each(cases)('$name', ({ input, expected }) => {
    const decision = decide(input)
    if (expected === 'allow') {
      expect(decision).toEqual({ outcome: 'allow', reasons: [], earliestAllowedAt: null })
    } else {
      expect(decision.outcome).toBe('block')
      expect(decision.reasons.length).toBeGreaterThan(0)
      expect(decision.earliestAllowedAt).toBe(expected)
    }
  })

  it('names the rule, the debt and the counts', () => {
    const decision = decide({
      debtIds: ['D2', 'D1'],
      history: [...days(9, 15), june(12, 'conversation', ['D2'])],
    })
    expect(decision.reasons).toEqual([
      {
        ruleId: 'us.reg-f.call-frequency',
        citation: '12 CFR 1006.14(b)(2)',
        message:
          'debt "D1": 7 counted call(s) from 2026-06-09 to 2026-06-15 (America/New_York); this call would make 8, over the limit of 7 in 7 days',
      },
      {
        ruleId: 'us.reg-f.call-after-conversation',
        citation: '12 CFR 1006.14(b)(2)',
        message:
          'debt "D2": telephone conversation on 2026-06-12 (America/New_York); no call about it through 2026-06-18 (7-day quiet period)',
      },
    ])
  })

  it.each([
    [{ proposedAt: '2026-06-15 10:00' }, 'invalid_instant'],
    [{ history: [{ at: 'yesterday', debtIds: ['D1'], result: 'voicemail' as const }] }, 'invalid_instant'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'invalid_time_zone'],
    [{ debtIds: [] }, 'invalid_call'],
    [{ caps: [{ ...P.usRegF7In7, windowDays: 0 }] }, 'invalid_call_frequency_rule'],
    [{ caps: [{ ...P.usRegFConversation, quietDays: 1.5 }] }, 'invalid_call_frequency_rule'],
    [{ consentDays: -1 }, 'invalid_call_frequency_rule'],
  ] as [Partial<CallFrequencyInput>, string][])('rejects bad input %j with %s', (input, code) => {
    expect(() => decide(input)).toThrow(expect.objectContaining({ code }))
  })
})

// Oracle: the local calendar day straight from Intl, independent of the implementation's offsets.
const dayFormats = new Map<string, Intl.DateTimeFormat>()
function oracleDay(zone: string, instant: number): number {
  let format = dayFormats.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    dayFormats.set(zone, format)
  }
  return Date.parse(`${format.format(instant)}T00:00:00Z`) / DAY
}

const ZONES = [NY, 'America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe']
const DEBTS = ['A', 'B', 'C']
const ALL_RULES: CallFrequencyRule[] = Object.values(CALL_FREQUENCY_PRESETS)
const arbStart = fc.constantFrom(
  Date.parse('2026-03-01T00:00:00Z'), // NY and London spring forward
  Date.parse('2026-10-20T00:00:00Z'), // fall back
  Date.parse('2026-06-01T00:00:00Z'),
)
const arbRules = fc.subarray(ALL_RULES, { minLength: 1 })
const arbDebts = fc.subarray(DEBTS, { minLength: 1 })
const arbResult = fc.constantFrom<CallResult>(
  'voicemail',
  'no_answer',
  'conversation',
  'busy',
  'not_in_service',
)

describe('callFrequencyDecision: properties', () => {
  it('calls each allowed at its own time never exceed any cap in any window', () => {
    const arbSteps = fc.array(
      fc.record({ gap: fc.integer({ min: 0, max: 20 * 3_600_000 }), debtIds: arbDebts, result: arbResult }),
      { maxLength: 60 },
    )
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), arbRules, arbStart, arbSteps, (zone, caps, start, steps) => {
        const placed: CallRecord[] = []
        let at = start
        for (const step of steps) {
          at += step.gap
          const call = { at: new Date(at).toISOString(), debtIds: step.debtIds, result: step.result }
          const decision = callFrequencyDecision({
            proposedAt: call.at,
            debtIds: call.debtIds,
            history: placed,
            timeZone: zone,
            caps,
          })
          if (decision.outcome === 'allow') placed.push(call)
        }
        const day = (c: CallRecord) => oracleDay(zone, Date.parse(c.at))
        for (const rule of caps) {
          if ('quietDays' in rule) {
            placed.forEach((talk, i) => {
              if (talk.result !== 'conversation') return
              for (const later of placed.slice(i + 1)) {
                if (later.debtIds.some((d) => talk.debtIds.includes(d))) {
                  expect(day(later)).toBeGreaterThan(day(talk) + rule.quietDays - 1)
                }
              }
            })
            continue
          }
          checkCap(rule, placed, day)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('earliestAllowedAt is allowed, and one millisecond before it is blocked', () => {
    const arbHistory = fc.array(
      fc.record({
        offset: fc.integer({ min: -10 * DAY, max: 3 * DAY }),
        debtIds: arbDebts,
        result: fc.constantFrom<CallResult>('voicemail', 'no_answer', 'conversation', 'busy', 'consented'),
      }),
      { maxLength: 25 },
    )
    const arbConsent = fc.option(fc.integer({ min: -8 * DAY, max: 2 * DAY }), { nil: undefined })
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        arbRules,
        arbStart,
        fc.integer({ min: 0, max: 20 * DAY }),
        arbDebts,
        arbHistory,
        arbConsent,
        (zone, caps, start, shift, debtIds, history, consent) => {
          const at = start + shift
          const input: CallFrequencyInput = {
            proposedAt: new Date(at).toISOString(),
            debtIds,
            history: history.map((h) => ({
              at: new Date(at + h.offset).toISOString(),
              debtIds: h.debtIds,
              result: h.result,
            })),
            consentGivenAt: consent === undefined ? {} : { A: new Date(at + consent).toISOString(), B: null },
            timeZone: zone,
            caps,
          }
          const decision = callFrequencyDecision(input)
          if (decision.outcome === 'allow' || decision.earliestAllowedAt === null) return
          const earliest = Date.parse(decision.earliestAllowedAt)
          expect(earliest).toBeGreaterThan(at)
          expect(callFrequencyDecision({ ...input, proposedAt: decision.earliestAllowedAt }).outcome).toBe(
            'allow',
          )
          const before = new Date(earliest - 1).toISOString()
          expect(callFrequencyDecision({ ...input, proposedAt: before }).outcome).toBe('block')
        },
      ),
      { numRuns: 300 },
    )
  })
})

/** Every window of `windowDays` consecutive days holds at most `maxCalls` counted calls per unit. */
function checkCap(rule: CallCapRule, placed: CallRecord[], day: (c: CallRecord) => number): void {
  const counted = placed.filter(
    (c) => rule.exclusions === 'none' || (c.result !== 'busy' && c.result !== 'not_in_service'),
  )
  const keys = rule.unit === 'per_debt' ? DEBTS : ['*']
  for (const key of keys) {
    const ds = counted.filter((c) => key === '*' || c.debtIds.includes(key)).map(day)
    for (const first of ds) {
      const n = ds.filter((d) => d >= first && d < first + rule.windowDays).length
      expect(n, `${rule.ruleId} ${key} window from day ${first}`).toBeLessThanOrEqual(rule.maxCalls)
    }
  }
}
