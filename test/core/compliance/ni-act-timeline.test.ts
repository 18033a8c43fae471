import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, daysBetween, fromDayNumber } from '../../../src/core/calendar/local-date.ts'
import {
  addMonths,
  IN_NI_ACT,
  type NiActInput,
  niActTimeline,
  niComplaintDecision,
  niDemandNoticeDecision,
} from '../../../src/core/compliance/ni-act-timeline.ts'

const cheque: NiActInput = {
  chequeDate: '2026-01-15',
  presentedOn: '2026-04-10',
  bankInformedOn: '2026-04-20',
  demandNoticeSentOn: '2026-05-20',
  demandNoticeReceivedOn: '2026-05-25',
}

describe('niActTimeline', () => {
  it('gives every key date', () => {
    expect(niActTimeline(cheque)).toEqual({
      presentBy: '2026-04-15',
      presentedInValidity: true,
      noticeBy: '2026-05-20',
      noticeInTime: true,
      noticeReceivedOn: '2026-05-25',
      paymentBy: '2026-06-09',
      causeOfActionOn: '2026-06-10',
      complaintBy: '2026-07-10',
    })
  })

  it.each<[string, Partial<NiActInput>, Partial<ReturnType<typeof niActTimeline>>]>([
    [
      'presented on the last valid day',
      { presentedOn: '2026-04-15', bankInformedOn: '2026-04-15' },
      { presentedInValidity: true },
    ],
    [
      'presented a day late',
      { presentedOn: '2026-04-16', bankInformedOn: '2026-04-20' },
      { presentedInValidity: false },
    ],
    [
      'presented before the cheque date',
      { presentedOn: '2026-01-14', bankInformedOn: '2026-01-20' },
      { presentedInValidity: false },
    ],
    // Month ends clamp: 30 Nov + 3 months is 28 Feb (29 Feb in a leap year); 31 Aug + 3 is 30 Nov.
    [
      'validity clamps to February',
      { chequeDate: '2025-11-30', presentedOn: '2026-02-28' },
      { presentBy: '2026-02-28', presentedInValidity: true },
    ],
    [
      'leap February',
      {
        chequeDate: '2027-11-30',
        presentedOn: '2028-01-10',
        bankInformedOn: '2028-01-12',
        demandNoticeSentOn: null,
        demandNoticeReceivedOn: null,
      },
      { presentBy: '2028-02-29' },
    ],
    [
      'validity clamps to 30 days',
      {
        chequeDate: '2026-08-31',
        presentedOn: '2026-09-01',
        bankInformedOn: '2026-09-02',
        demandNoticeSentOn: null,
        demandNoticeReceivedOn: null,
      },
      { presentBy: '2026-11-30' },
    ],
    ['notice on day 30', { demandNoticeSentOn: '2026-05-20' }, { noticeInTime: true }],
    [
      'notice on day 31',
      { demandNoticeSentOn: '2026-05-21', demandNoticeReceivedOn: '2026-05-25' },
      { noticeInTime: false },
    ],
    [
      'no notice yet',
      { demandNoticeSentOn: null, demandNoticeReceivedOn: null },
      { noticeInTime: null, causeOfActionOn: null, complaintBy: null },
    ],
    ['receipt unknown', { demandNoticeReceivedOn: null }, { noticeReceivedOn: null, paymentBy: null }],
    // Cause of action on 31 January: one month later clamps to 28 February (29 in 2028).
    [
      'complaint clamps to February',
      {
        demandNoticeReceivedOn: '2026-01-15',
        bankInformedOn: '2026-01-10',
        presentedOn: '2026-01-09',
        demandNoticeSentOn: '2026-01-12',
      },
      { causeOfActionOn: '2026-01-31', complaintBy: '2026-02-28' },
    ],
    [
      'leap-year complaint',
      {
        chequeDate: '2027-12-01',
        presentedOn: '2028-01-02',
        bankInformedOn: '2028-01-05',
        demandNoticeSentOn: '2028-01-10',
        demandNoticeReceivedOn: '2028-01-15',
      },
      { causeOfActionOn: '2028-01-31', complaintBy: '2028-02-29' },
    ],
    [
      'across the year end',
      {
        chequeDate: '2026-10-01',
        presentedOn: '2026-11-02',
        bankInformedOn: '2026-11-05',
        demandNoticeSentOn: '2026-11-10',
        demandNoticeReceivedOn: '2026-12-15',
      },
      { causeOfActionOn: '2026-12-31', complaintBy: '2027-01-31' },
    ],
  ])('%s', (_name, change, expected) => {
    expect(niActTimeline({ ...cheque, ...change })).toMatchObject(expected)
  })

  it('deems receipt only when the setting says so', () => {
    const input = {
      ...cheque,
      demandNoticeReceivedOn: null,
      settings: { ...IN_NI_ACT, deemedReceiptDays: 5 },
    }
    expect(niActTimeline(input)).toMatchObject({
      noticeReceivedOn: '2026-05-25',
      causeOfActionOn: '2026-06-10',
    })
  })

  it.each<[string, Partial<NiActInput>, string, RegExp]>([
    [
      'informed before presented',
      { bankInformedOn: '2026-04-09' },
      'invalid_ni_dates',
      /bankInformedOn 2026-04-09 is before presentedOn/,
    ],
    [
      'notice before information',
      { demandNoticeSentOn: '2026-04-19' },
      'invalid_ni_dates',
      /demandNoticeSentOn/,
    ],
    [
      'received before sent',
      { demandNoticeReceivedOn: '2026-05-19' },
      'invalid_ni_dates',
      /demandNoticeReceivedOn/,
    ],
    ['received, never sent', { demandNoticeSentOn: null }, 'invalid_ni_dates', /without demandNoticeSentOn/],
    ['impossible date', { chequeDate: '2026-02-29' }, 'invalid_date', /chequeDate/],
    ['negative days', { settings: { ...IN_NI_ACT, paymentDays: -1 } }, 'invalid_day_count', /paymentDays/],
  ])('rejects %s', (_name, change, code, message) => {
    expect(() => niActTimeline({ ...cheque, ...change })).toThrow(
      expect.objectContaining({ code, message: expect.stringMatching(message) }),
    )
  })
})

describe('niDemandNoticeDecision', () => {
  it.each<[string, string, Partial<NiActInput>, string | null]>([
    // 20 May 2026 (day 30) ends at 18:29:59Z; IST is UTC+05:30.
    ['day 30, 23:59:59 IST', '2026-05-20T18:29:59Z', {}, 'allow'],
    ['day 31, 00:00 IST', '2026-05-20T18:30:00Z', {}, null],
    ['before the information', '2026-04-19T12:00:00Z', {}, '2026-04-19T18:30:00.000Z'],
    ['on the information day', '2026-04-19T18:30:00Z', {}, 'allow'],
    ['out of validity', '2026-04-25T06:00:00Z', { presentedOn: '2026-04-16' }, null],
  ])('%s', (_name, at, change, expected) => {
    const decision = niDemandNoticeDecision({ ...cheque, ...change, at })
    if (expected === 'allow') expect(decision.outcome).toBe('allow')
    else expect(decision).toMatchObject({ outcome: 'block', earliestAllowedAt: expected })
  })
})

describe('niComplaintDecision', () => {
  it.each<[string, string, Partial<NiActInput>, string | null]>([
    ['last day to pay', '2026-06-09T18:29:59Z', {}, '2026-06-09T18:30:00.000Z'],
    ['cause of action, 00:00 IST', '2026-06-09T18:30:00Z', {}, 'allow'],
    ['deadline, 23:59:59 IST', '2026-07-10T18:29:59Z', {}, 'allow'],
    ['day after the deadline', '2026-07-10T18:30:00Z', {}, null],
    ['no notice', '2026-06-20T06:00:00Z', { demandNoticeSentOn: null, demandNoticeReceivedOn: null }, null],
    ['late notice', '2026-06-20T06:00:00Z', { demandNoticeSentOn: '2026-05-21' }, null],
    ['receipt unknown', '2026-06-20T06:00:00Z', { demandNoticeReceivedOn: null }, null],
    ['out of validity', '2026-06-20T06:00:00Z', { presentedOn: '2026-04-16' }, null],
  ])('%s', (_name, at, change, expected) => {
    const decision = niComplaintDecision({ ...cheque, ...change, at })
    if (expected === 'allow') expect(decision.outcome).toBe('allow')
    else expect(decision).toMatchObject({ outcome: 'block', earliestAllowedAt: expected })
  })

  it('cites s.142 and names the condonation proviso when late', () => {
    expect(niComplaintDecision({ ...cheque, at: '2026-07-11T06:00:00Z' }).reasons).toEqual([
      {
        ruleId: 'in.ni-act.complaint-deadline',
        citation: 'NI Act s.142(1)(b); s.138 proviso (c)',
        message:
          'the complaint was due by 2026-07-10; filing on 2026-07-11 needs the court to excuse the delay ' +
          '(s.142(1)(b) proviso)',
      },
    ])
  })
})

describe('NI Act: properties', () => {
  const day = (min: number, max: number) => fc.integer({ min, max })
  const facts = fc
    .tuple(day(20_000, 22_000), day(0, 100), day(0, 10), day(0, 40), day(0, 20))
    .map(([cheque, present, inform, send, receive]) => ({
      chequeDate: fromDayNumber(cheque),
      presentedOn: fromDayNumber(cheque + present),
      bankInformedOn: fromDayNumber(cheque + present + inform),
      demandNoticeSentOn: fromDayNumber(cheque + present + inform + send),
      demandNoticeReceivedOn: fromDayNumber(cheque + present + inform + send + receive),
    }))

  it('a complaint is allowed only within [cause of action, deadline], and earliestAllowedAt is allowed', () => {
    fc.assert(
      fc.property(facts, day(0, 200), fc.integer({ min: 0, max: 86_399 }), (input, offset, second) => {
        const t = niActTimeline(input)
        const date = addDays(input.bankInformedOn, offset)
        const at = new Date(Date.parse(`${date}T00:00:00+05:30`) + second * 1000).toISOString()
        const decision = niComplaintDecision({ ...input, at })
        if (decision.outcome === 'allow') {
          expect(date >= t.causeOfActionOn! && date <= t.complaintBy!).toBe(true)
        }
        if (decision.earliestAllowedAt !== null) {
          expect(decision.earliestAllowedAt).toBe(
            new Date(`${t.causeOfActionOn}T00:00:00+05:30`).toISOString(),
          )
          expect(niComplaintDecision({ ...input, at: decision.earliestAllowedAt }).outcome).toBe('allow')
        }
        if (t.complaintBy && t.causeOfActionOn) {
          expect(daysBetween(t.causeOfActionOn, t.complaintBy)).toBeGreaterThanOrEqual(28)
          expect(daysBetween(t.causeOfActionOn, t.complaintBy)).toBeLessThanOrEqual(31)
        }
      }),
    )
  })

  it('addMonths never overshoots the corresponding day and lands in the right month', () => {
    fc.assert(
      fc.property(day(-1000, 40_000), fc.integer({ min: 0, max: 36 }), (n, months) => {
        const date = fromDayNumber(n)
        const result = addMonths(date, months)
        const [y, m] = date.split('-').map(Number) as [number, number]
        const index = y * 12 + m - 1 + months
        expect(result.slice(0, 7)).toBe(
          `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`,
        )
        expect(Number(result.slice(8))).toBeLessThanOrEqual(Number(date.slice(8)))
      }),
    )
  })
})
