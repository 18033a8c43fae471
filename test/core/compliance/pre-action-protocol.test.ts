import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, fromDayNumber } from '../../../src/core/calendar/local-date.ts'
import {
  firstClaimDay,
  type PreActionProtocolInput,
  preActionProtocolDecision,
  UK_PRE_ACTION_PROTOCOL_DEBT,
} from '../../../src/core/compliance/pre-action-protocol.ts'

const base: PreActionProtocolInput = {
  at: '2026-07-10T12:00:00Z',
  actionKind: 'suit',
  debtorKind: 'individual',
  letterOfClaimOn: '2026-06-01',
}

describe('preActionProtocolDecision', () => {
  it.each<[string, Partial<PreActionProtocolInput>, string | null]>([
    // Letter dated 1 June 2026 (day 0): day 30 is 1 July; a claim may be issued from 2 July, 00:00 BST.
    ['day 30, 23:59:59 BST', { at: '2026-07-01T22:59:59Z' }, '2026-07-01T23:00:00.000Z'],
    ['day 31, 00:00 BST', { at: '2026-07-01T23:00:00Z' }, 'allow'],
    ['letter day itself', { at: '2026-06-01T09:00:00Z' }, '2026-07-01T23:00:00.000Z'],
    ['no letter', { letterOfClaimOn: null }, null],
    ['sole trader', { debtorKind: 'sole_trader', at: '2026-06-20T12:00:00Z' }, '2026-07-01T23:00:00.000Z'],
    ['company: not covered', { debtorKind: 'company', letterOfClaimOn: null }, 'allow'],
    ['consumer creditor: not covered', { creditorIsBusiness: false, letterOfClaimOn: null }, 'allow'],
    ['not a suit', { actionKind: 'legal_notice', letterOfClaimOn: null }, 'allow'],
    // First allowed day on the spring-forward day (Sun 29 Mar 2026) and the day after.
    [
      'first day is spring-forward day',
      { letterOfClaimOn: '2026-02-26', at: '2026-03-01T12:00:00Z' },
      '2026-03-29T00:00:00.000Z',
    ],
    [
      'first day after spring forward',
      { letterOfClaimOn: '2026-02-27', at: '2026-03-29T12:00:00Z' },
      '2026-03-29T23:00:00.000Z',
    ],
    // Fall back (Sun 25 Oct 2026): that day starts in BST, the next in GMT.
    [
      'first day is fall-back day',
      { letterOfClaimOn: '2026-09-24', at: '2026-10-01T12:00:00Z' },
      '2026-10-24T23:00:00.000Z',
    ],
    [
      'first day after fall back',
      { letterOfClaimOn: '2026-09-25', at: '2026-10-25T23:59:59Z' },
      '2026-10-26T00:00:00.000Z',
    ],
    // February: 30 Jan 2028 + 31 days is 1 March (leap year); 29 Jan 2027 + 31 is also 1 March.
    [
      'leap February',
      { letterOfClaimOn: '2028-01-30', at: '2028-02-29T23:59:59Z' },
      '2028-03-01T00:00:00.000Z',
    ],
    ['common February', { letterOfClaimOn: '2027-01-29', at: '2027-03-01T00:00:00Z' }, 'allow'],
    [
      '14-day setting',
      { settings: { ...UK_PRE_ACTION_PROTOCOL_DEBT, waitDays: 14 }, at: '2026-06-15T12:00:00Z' },
      '2026-06-15T23:00:00.000Z',
    ],
  ])('%s', (_name, change, expected) => {
    const decision = preActionProtocolDecision({ ...base, ...change })
    if (expected === 'allow') {
      expect(decision).toEqual({ outcome: 'allow', reasons: [], earliestAllowedAt: null })
    } else {
      expect(decision.outcome).toBe('block')
      expect(decision.earliestAllowedAt).toBe(expected)
      expect(decision.reasons[0]).toMatchObject({ ruleId: 'uk.pap-debt.letter-of-claim' })
    }
  })

  it('says when a claim may be issued', () => {
    const [reason] = preActionProtocolDecision({ ...base, at: '2026-06-20T12:00:00Z' }).reasons
    expect(reason?.message).toBe(
      'the debtor has 30 days from the Letter of Claim dated 2026-06-01 to reply; a claim may be issued from ' +
        '2026-07-02, not 2026-06-20',
    )
  })

  it.each<[string, Partial<PreActionProtocolInput>, string]>([
    ['bad letter date', { letterOfClaimOn: '2026-06-31' }, 'invalid_date'],
    ['negative wait', { settings: { ...UK_PRE_ACTION_PROTOCOL_DEBT, waitDays: -1 } }, 'invalid_day_count'],
    ['bad instant', { at: '2026-07-10' }, 'invalid_instant'],
    [
      'bad zone',
      { settings: { ...UK_PRE_ACTION_PROTOCOL_DEBT, timeZone: 'Europe/Atlantis' } },
      'invalid_time_zone',
    ],
  ])('rejects %s', (_name, change, code) => {
    expect(() => preActionProtocolDecision({ ...base, ...change })).toThrow(expect.objectContaining({ code }))
  })
})

describe('preActionProtocolDecision: properties', () => {
  const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })

  it('allows a suit exactly from the first claim day on the London calendar; earliestAllowedAt is allowed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 18_000, max: 22_000 }),
        fc.integer({ min: -5 * 86_400, max: 40 * 86_400 }),
        fc.integer({ min: 0, max: 60 }),
        (letterDay, seconds, waitDays) => {
          const letterOfClaimOn = fromDayNumber(letterDay)
          const settings = { ...UK_PRE_ACTION_PROTOCOL_DEBT, waitDays }
          const instant = letterDay * 86_400_000 + seconds * 1000
          const input = { ...base, letterOfClaimOn, settings, at: new Date(instant).toISOString() }
          const decision = preActionProtocolDecision(input)
          const first = firstClaimDay(letterOfClaimOn, settings)
          expect(first).toBe(addDays(letterOfClaimOn, waitDays + 1))
          expect(decision.outcome).toBe(londonDate.format(instant) >= first ? 'allow' : 'block')
          if (decision.earliestAllowedAt !== null) {
            const earliest = Date.parse(decision.earliestAllowedAt)
            expect(londonDate.format(earliest)).toBe(first)
            expect(londonDate.format(earliest - 1)).toBe(addDays(first, -1))
            expect(preActionProtocolDecision({ ...input, at: decision.earliestAllowedAt }).outcome).toBe(
              'allow',
            )
          }
        },
      ),
    )
  })
})
