/**
 * Reg F validation notice dates. The validation period ends 30 days after the consumer receives the
 * notice, and the collector may assume receipt on any date at least 5 days after sending, not counting
 * Saturdays, Sundays or 5 USC 6103(a) holidays (12 CFR 1006.34(b)(5)). The notice itself must go out in
 * the initial communication or within 5 days after it (1006.34(a)(1); 15 USC 1692g(a)).
 */

import {
  addBusinessDays,
  type BusinessCalendar,
  usFederalBusinessCalendar,
} from '../calendar/business-days.ts'
import { requireLocalDate } from '../calendar/instant.ts'
import { addDays, daysBetween, type LocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import type { ComplianceDecision } from './compliance-decision.ts'

export interface ValidationPeriodInput {
  /** The date the notice was sent (mailed, emailed, or handed over in the initial communication). */
  noticeSentOn: LocalDate
  /** Business days from sending to assumed receipt; default 5. A larger value is always permitted. */
  assumedReceiptBusinessDays?: number
  /** Calendar days from assumed receipt to the end of the period; default 30. */
  periodDays?: number
  /** Non-business days for the receipt count; default Saturdays, Sundays and observed federal holidays. */
  calendar?: BusinessCalendar
  /**
   * Move an end date that falls on a non-business day of `calendar` to the next business day. Reg F
   * does not say so, so the default is `false`; turning it on only lengthens the period.
   */
  rollPeriodEndToBusinessDay?: boolean
}

export interface ValidationPeriod {
  /** The earliest date the collector may assume the consumer received the notice. */
  assumedReceiptOn: LocalDate
  /** The last day of the validation period (a dispute on this day is within the period). */
  periodEndsOn: LocalDate
}

/** Assumed receipt and validation-period end for a notice sent on `noticeSentOn`. */
export function validationPeriod(input: ValidationPeriodInput): ValidationPeriod {
  const sentOn = requireLocalDate(input.noticeSentOn, 'noticeSentOn')
  const receiptDays = requireDays(input.assumedReceiptBusinessDays ?? 5, 'assumedReceiptBusinessDays')
  const periodDays = requireDays(input.periodDays ?? 30, 'periodDays')
  const calendar = input.calendar ?? usFederalBusinessCalendar()
  const assumedReceiptOn = addBusinessDays(sentOn, receiptDays, calendar)
  const end = addDays(assumedReceiptOn, periodDays)
  // Rolling by 1 business day from the day before lands on `end` itself when `end` is a business day.
  const periodEndsOn = input.rollPeriodEndToBusinessDay ? addBusinessDays(addDays(end, -1), 1, calendar) : end
  return { assumedReceiptOn, periodEndsOn }
}

export interface ValidationNoticeTimingInput {
  /** Date of the first communication with the consumer about the debt. */
  initialCommunicationOn: LocalDate
  /** Date the validation notice was sent. */
  noticeSentOn: LocalDate
  ruleId: string
  citation: string
  /** Days after the initial communication the notice may be sent; default 5. */
  deadlineDays?: number
  /** How the deadline days are counted; default `calendar`, as the rule text reads. */
  dayCount?: 'calendar' | 'business'
  /** Non-business days when `dayCount` is `business`; default the US federal calendar. */
  calendar?: BusinessCalendar
}

/** The rule id and citation of the Reg F validation notice timing rule. */
export const US_REG_F_VALIDATION_NOTICE_TIMING = {
  ruleId: 'us.reg-f.validation-notice-timing',
  citation: '12 CFR 1006.34(a)(1); 15 USC 1692g(a)',
} as const

/**
 * Allows a notice sent on the day of the initial communication or up to `deadlineDays` days after it.
 * A notice sent before the recorded initial communication was itself the initial communication, so it
 * is allowed too. A late notice cannot become timely, so a block has no `earliestAllowedAt`.
 */
export function validationNoticeTimingDecision(input: ValidationNoticeTimingInput): ComplianceDecision {
  const initialOn = requireLocalDate(input.initialCommunicationOn, 'initialCommunicationOn')
  const sentOn = requireLocalDate(input.noticeSentOn, 'noticeSentOn')
  const deadlineDays = requireDays(input.deadlineDays ?? 5, 'deadlineDays')
  const dayCount = input.dayCount ?? 'calendar'
  const deadline =
    dayCount === 'calendar'
      ? addDays(initialOn, deadlineDays)
      : addBusinessDays(initialOn, deadlineDays, input.calendar ?? usFederalBusinessCalendar())
  if (daysBetween(sentOn, deadline) >= 0) return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
  const late = daysBetween(initialOn, sentOn)
  return {
    outcome: 'block',
    reasons: [
      {
        ruleId: input.ruleId,
        citation: input.citation,
        message:
          `validation notice sent on ${sentOn}, ${late} days after the initial communication on ` +
          `${initialOn}; it was due by ${deadline} (${deadlineDays} ${dayCount} days)`,
      },
    ],
    earliestAllowedAt: null,
  }
}

function requireDays(days: number, field: string): number {
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new AppError('invalid_day_count', `${field} must be a whole number >= 0, not ${days}`)
  }
  return days
}
