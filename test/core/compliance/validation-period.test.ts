import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isBusinessDay, usFederalBusinessCalendar } from '../../../src/core/calendar/business-days.ts'
import { addDays, daysBetween, fromDayNumber } from '../../../src/core/calendar/local-date.ts'
import { usFederalHolidays } from '../../../src/core/calendar/us-federal-holidays.ts'
import {
  US_REG_F_VALIDATION_NOTICE_TIMING,
  validationNoticeTimingDecision,
  validationPeriod,
} from '../../../src/core/compliance/validation-period.ts'

describe('validationPeriod: examples', () => {
  it.each([
    // Plain week: Monday → next Monday; + 30 days.
    ['plain week', '2026-01-05', '2026-01-12', '2026-02-11'],
    // Thanksgiving (Thu 26 Nov 2026) is skipped; the Friday after is a business day.
    ['Monday of Thanksgiving week', '2026-11-23', '2026-12-01', '2026-12-31'],
    ['day before Thanksgiving', '2026-11-25', '2026-12-03', '2027-01-02'], // ends on a Saturday: no roll
    ['Thanksgiving Day itself', '2026-11-26', '2026-12-03', '2027-01-02'],
    // Christmas (Fri 25 Dec 2026) and New Year's Day (Fri 1 Jan 2027).
    ['Monday of Christmas week', '2026-12-21', '2026-12-29', '2027-01-28'],
    ['Christmas Eve', '2026-12-24', '2027-01-04', '2027-02-03'],
    // 2021: Christmas observed Fri 24 Dec; New Year's Day 2022 observed Fri 31 Dec 2021.
    ['before observed Christmas 2021', '2021-12-22', '2021-12-30', '2022-01-29'],
    ['across observed New Year 2022', '2021-12-27', '2022-01-04', '2022-02-03'],
    // 2022: Christmas observed Mon 26 Dec; New Year's Day 2023 observed Mon 2 Jan.
    ['Christmas 2022 and New Year 2023', '2022-12-23', '2023-01-03', '2023-02-02'],
    // July 4 2026 is a Saturday, observed Friday 3 July.
    ['observed Independence Day', '2026-07-02', '2026-07-10', '2026-08-09'],
    ['sent on a Saturday', '2026-07-04', '2026-07-10', '2026-08-09'],
  ])('%s: sent %s → receipt %s, ends %s', (_, noticeSentOn, assumedReceiptOn, periodEndsOn) => {
    expect(validationPeriod({ noticeSentOn })).toEqual({ assumedReceiptOn, periodEndsOn })
  })

  it('counts legal dates only on request (the observed Friday then counts)', () => {
    expect(validationPeriod({ noticeSentOn: '2021-12-27' }).assumedReceiptOn).toBe('2022-01-04')
    expect(
      validationPeriod({ noticeSentOn: '2021-12-27', calendar: usFederalBusinessCalendar('legal') })
        .assumedReceiptOn,
    ).toBe('2022-01-03')
  })

  it('takes other receipt and period lengths', () => {
    expect(
      validationPeriod({ noticeSentOn: '2026-01-05', assumedReceiptBusinessDays: 7, periodDays: 35 }),
    ).toEqual({
      assumedReceiptOn: '2026-01-14',
      periodEndsOn: '2026-02-18',
    })
  })

  it('rolls a weekend or holiday end date forward only when asked', () => {
    const input = { noticeSentOn: '2026-11-25' }
    expect(validationPeriod(input).periodEndsOn).toBe('2027-01-02')
    expect(validationPeriod({ ...input, rollPeriodEndToBusinessDay: true }).periodEndsOn).toBe('2027-01-04')
    // Already a business day: unchanged.
    expect(
      validationPeriod({ noticeSentOn: '2026-01-05', rollPeriodEndToBusinessDay: true }).periodEndsOn,
    ).toBe('2026-02-11')
  })

  it.each([
    [{ noticeSentOn: '2026-02-30' }, 'invalid_date'],
    [{ noticeSentOn: ' 2026-02-03' }, 'invalid_date'],
    [{ noticeSentOn: '2026-02-03', periodDays: -1 }, 'invalid_day_count'],
    [{ noticeSentOn: '2026-02-03', assumedReceiptBusinessDays: 2.5 }, 'invalid_day_count'],
  ])('rejects %j', (input, code) => {
    expect(() => validationPeriod(input)).toThrow(expect.objectContaining({ code }))
  })
})

describe('validationPeriod: properties', () => {
  const sent = fc.integer({ min: 7305, max: 47_000 }).map(fromDayNumber)
  const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay()

  it('assumes receipt on a weekday that is not a federal holiday, and ends 30 days later', () => {
    fc.assert(
      fc.property(sent, (noticeSentOn) => {
        const { assumedReceiptOn, periodEndsOn } = validationPeriod({ noticeSentOn })
        expect([0, 6]).not.toContain(weekday(assumedReceiptOn))
        expect(usFederalHolidays(Number(assumedReceiptOn.slice(0, 4)))).not.toContain(assumedReceiptOn)
        expect(daysBetween(assumedReceiptOn, periodEndsOn)).toBe(30)
        expect(daysBetween(noticeSentOn, assumedReceiptOn)).toBeGreaterThanOrEqual(5)
      }),
    )
  })

  it('is never earlier with the roll-forward setting, and ends on a business day with it', () => {
    fc.assert(
      fc.property(sent, (noticeSentOn) => {
        const plain = validationPeriod({ noticeSentOn })
        const rolled = validationPeriod({ noticeSentOn, rollPeriodEndToBusinessDay: true })
        expect(daysBetween(plain.periodEndsOn, rolled.periodEndsOn)).toBeGreaterThanOrEqual(0)
        expect(isBusinessDay(rolled.periodEndsOn, usFederalBusinessCalendar())).toBe(true)
      }),
    )
  })
})

describe('validationNoticeTimingDecision', () => {
  const decide = (initialCommunicationOn: string, noticeSentOn: string, extra = {}) =>
    validationNoticeTimingDecision({
      ...US_REG_F_VALIDATION_NOTICE_TIMING,
      initialCommunicationOn,
      noticeSentOn,
      ...extra,
    })
  const allow = { outcome: 'allow', reasons: [], earliestAllowedAt: null }

  it.each([
    ['in the initial communication', '2026-11-23', '2026-11-23'],
    ['day 5 (calendar days, across Thanksgiving)', '2026-11-23', '2026-11-28'],
    ['before the recorded initial communication', '2026-11-23', '2026-11-20'],
  ])('allows a notice sent %s', (_, initial, sent) => {
    expect(decide(initial, sent)).toEqual(allow)
  })

  it('blocks day 6 with a reason and no earliest time', () => {
    expect(decide('2026-11-23', '2026-11-29')).toEqual({
      outcome: 'block',
      reasons: [
        {
          ruleId: 'us.reg-f.validation-notice-timing',
          citation: '12 CFR 1006.34(a)(1); 15 USC 1692g(a)',
          message:
            'validation notice sent on 2026-11-29, 6 days after the initial communication on 2026-11-23; ' +
            'it was due by 2026-11-28 (5 calendar days)',
        },
      ],
      earliestAllowedAt: null,
    })
  })

  it('counts business days when configured', () => {
    // Five business days after Mon 23 Nov 2026 skip Thanksgiving and the weekend: Tue 1 Dec.
    expect(decide('2026-11-23', '2026-12-01', { dayCount: 'business' })).toEqual(allow)
    expect(decide('2026-11-23', '2026-12-02', { dayCount: 'business' }).outcome).toBe('block')
  })

  it('allows exactly the days up to the deadline', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 7305, max: 47_000 }).map(fromDayNumber),
        fc.integer({ min: -3, max: 12 }),
        (initial, k) => {
          expect(decide(initial, addDays(initial, k)).outcome).toBe(k <= 5 ? 'allow' : 'block')
        },
      ),
    )
  })

  it('rejects malformed dates', () => {
    expect(() => decide('2026-13-01', '2026-11-23')).toThrow(
      expect.objectContaining({ code: 'invalid_date' }),
    )
  })
})
