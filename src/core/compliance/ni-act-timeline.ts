/**
 * India, cheque dishonour (Negotiable Instruments Act 1881 s.138, s.142): the cheque must be presented
 * within its validity, the payee's demand notice sent within 30 days of the bank's information of
 * dishonour, and the drawer has 15 days from receiving the notice to pay. The cause of action arises the
 * day after those 15 days; the complaint is due within one month of it, that day not counted.
 *
 * Periods "from" a date exclude that date (General Clauses Act s.9). Month periods end on the
 * corresponding date of the later month, clamped to its last day when that month is shorter (a cause of
 * action on 31 January gives 28 or 29 February): the earlier reading, so a deadline is never overstated.
 */
import { requireLocalDate } from '../calendar/instant.ts'
import { addDays, dayNumber, daysInMonth, fromDayNumber, type LocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import type { ComplianceDecision } from './compliance-decision.ts'
import { instantMs } from './instant-ms.ts'
import { startOfLocalDay } from './stated-inconvenience.ts'
import { zoneOffsetAt } from './zone-offsets.ts'

type Rule = { ruleId: string; citation: string }

/** Rules cited and the statutory numbers: a rule pack's settings. */
export interface NiActSettings {
  validity: Rule
  notice: Rule
  complaint: Rule
  /** Validity of a cheque in months from its date (RBI: 3 since 1 April 2012). */
  chequeValidityMonths: number
  /** Days after the bank's information within which the demand notice must be sent. */
  noticeDays: number
  /** Days after receipt of the notice the drawer has to pay. */
  paymentDays: number
  /** Months after the cause of action within which the complaint must be filed. */
  complaintMonths: number
  /** Days after sending at which a notice with no known receipt is deemed received; null: never (default). */
  deemedReceiptDays: number | null
  /** Zone in which instants become dates and in which allowed days start. */
  timeZone: string
}

/** The NI Act as amended, with RBI's 3-month cheque validity. */
export const IN_NI_ACT: NiActSettings = {
  validity: {
    ruleId: 'in.ni-act.cheque-validity',
    citation: 'NI Act s.138 proviso (a); RBI circular of 4 Nov 2011',
  },
  notice: { ruleId: 'in.ni-act.demand-notice', citation: 'NI Act s.138 proviso (b)' },
  complaint: { ruleId: 'in.ni-act.complaint-deadline', citation: 'NI Act s.142(1)(b); s.138 proviso (c)' },
  chequeValidityMonths: 3,
  noticeDays: 30,
  paymentDays: 15,
  complaintMonths: 1,
  deemedReceiptDays: null,
  timeZone: 'Asia/Kolkata',
}

/** The dates known about one dishonoured cheque. */
export interface DishonouredCheque {
  chequeDate: LocalDate
  presentedOn: LocalDate
  /** The day the payee received the bank's information of dishonour (the return memo). */
  bankInformedOn: LocalDate
  demandNoticeSentOn?: LocalDate | null
  demandNoticeReceivedOn?: LocalDate | null
}

/** The cheque's dates with the settings to apply. */
export interface NiActInput extends DishonouredCheque {
  settings?: NiActSettings
}

/** The key dates of a s.138 case; null where they depend on a date not yet known. */
export interface NiActTimeline {
  /** Last day the cheque may be presented. */
  presentBy: LocalDate
  presentedInValidity: boolean
  /** Last day to send the demand notice. */
  noticeBy: LocalDate
  /** Null while no notice has been sent. */
  noticeInTime: boolean | null
  /** Actual or deemed receipt of the notice; null when unknown. */
  noticeReceivedOn: LocalDate | null
  /** Last day of the drawer's time to pay. */
  paymentBy: LocalDate | null
  causeOfActionOn: LocalDate | null
  /** Last day to file the complaint (a later one needs the court to excuse the delay). */
  complaintBy: LocalDate | null
}

/** The key dates of a s.138 case from the dates known so far. */
export function niActTimeline(input: NiActInput): NiActTimeline {
  const s = input.settings ?? IN_NI_ACT
  for (const field of ['chequeValidityMonths', 'noticeDays', 'paymentDays', 'complaintMonths'] as const) {
    requireCount(s[field], field)
  }
  if (s.deemedReceiptDays !== null) requireCount(s.deemedReceiptDays, 'deemedReceiptDays')
  const chequeDate = requireLocalDate(input.chequeDate, 'chequeDate')
  const presentedOn = requireLocalDate(input.presentedOn, 'presentedOn')
  const informedOn = requireLocalDate(input.bankInformedOn, 'bankInformedOn')
  const sentOn = optionalDate(input.demandNoticeSentOn, 'demandNoticeSentOn')
  const receivedOn = optionalDate(input.demandNoticeReceivedOn, 'demandNoticeReceivedOn')
  inOrder(presentedOn, informedOn, 'bankInformedOn', 'presentedOn')
  if (sentOn) inOrder(informedOn, sentOn, 'demandNoticeSentOn', 'bankInformedOn')
  if (receivedOn) {
    if (!sentOn)
      throw new AppError('invalid_ni_dates', 'demandNoticeReceivedOn is given without demandNoticeSentOn')
    inOrder(sentOn, receivedOn, 'demandNoticeReceivedOn', 'demandNoticeSentOn')
  }

  const presentBy = addMonths(chequeDate, s.chequeValidityMonths)
  const noticeBy = addDays(informedOn, s.noticeDays)
  const deemed = sentOn && s.deemedReceiptDays !== null ? addDays(sentOn, s.deemedReceiptDays) : null
  const noticeReceivedOn = receivedOn ?? deemed
  const paymentBy = noticeReceivedOn && addDays(noticeReceivedOn, s.paymentDays)
  const causeOfActionOn = paymentBy && addDays(paymentBy, 1)
  return {
    presentBy,
    presentedInValidity: presentedOn >= chequeDate && presentedOn <= presentBy,
    noticeBy,
    noticeInTime: sentOn ? sentOn <= noticeBy : null,
    noticeReceivedOn,
    paymentBy,
    causeOfActionOn,
    complaintBy: causeOfActionOn && addMonths(causeOfActionOn, s.complaintMonths),
  }
}

/** The cheque's dates and the instant of the proposed step. */
export interface NiActDecisionInput extends NiActInput {
  /** The proposed instant of sending the notice or filing the complaint. */
  at: string
}

/** Blocks a demand notice sent after the deadline or for a cheque presented outside its validity. */
export function niDemandNoticeDecision(input: NiActDecisionInput): ComplianceDecision {
  const s = input.settings ?? IN_NI_ACT
  const t = niActTimeline(input)
  const day = localDate(input.at, s.timeZone)
  if (!t.presentedInValidity) return block(s.validity, outOfValidity(input, t), null)
  if (day < input.bankInformedOn) {
    const message = `a demand notice needs the bank's information of dishonour, received ${input.bankInformedOn}`
    return block(s.notice, message, startOf(input.bankInformedOn, s.timeZone))
  }
  if (day > t.noticeBy) {
    return block(s.notice, `the demand notice was due by ${t.noticeBy}; ${day} is too late`, null)
  }
  return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
}

/** Blocks a complaint filed before the cause of action (until it arises) or after the deadline. */
export function niComplaintDecision(input: NiActDecisionInput): ComplianceDecision {
  const s = input.settings ?? IN_NI_ACT
  const t = niActTimeline(input)
  const day = localDate(input.at, s.timeZone)
  if (!t.presentedInValidity) return block(s.validity, outOfValidity(input, t), null)
  if (t.noticeInTime === null)
    return block(s.notice, 'no demand notice was sent: no offence under s.138', null)
  if (!t.noticeInTime) {
    return block(s.notice, `the demand notice was sent after ${t.noticeBy}: no offence under s.138`, null)
  }
  if (t.causeOfActionOn === null || t.complaintBy === null) {
    return block(s.complaint, 'receipt of the demand notice is unknown, so the cause of action is too', null)
  }
  if (day < t.causeOfActionOn) {
    const message = `the drawer may pay until ${t.paymentBy}; the cause of action arises on ${t.causeOfActionOn}`
    return block(s.complaint, message, startOf(t.causeOfActionOn, s.timeZone))
  }
  if (day > t.complaintBy) {
    const message =
      `the complaint was due by ${t.complaintBy}; filing on ${day} needs the court to excuse the delay ` +
      '(s.142(1)(b) proviso)'
    return block(s.complaint, message, null)
  }
  return { outcome: 'allow', reasons: [], earliestAllowedAt: null }
}

/** `date` plus `months` calendar months, on the corresponding day clamped to the month's end. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const day = Math.min(d, daysInMonth(year, month))
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function outOfValidity(input: DishonouredCheque, t: NiActTimeline): string {
  return input.presentedOn < input.chequeDate
    ? `the cheque was presented on ${input.presentedOn}, before its date ${input.chequeDate}`
    : `the cheque was presented on ${input.presentedOn}, after its validity ended on ${t.presentBy}`
}

function block(rule: Rule, message: string, earliest: string | null): ComplianceDecision {
  return { outcome: 'block', reasons: [{ ...rule, message }], earliestAllowedAt: earliest }
}

const DAY_MS = 86_400_000

function localDate(at: string, zone: string): LocalDate {
  const instant = instantMs(at, 'at')
  return fromDayNumber(Math.floor((instant + zoneOffsetAt(zone, instant)) / DAY_MS))
}

const startOf = (date: LocalDate, zone: string) =>
  new Date(startOfLocalDay(zone, dayNumber(date))).toISOString()

function optionalDate(date: LocalDate | null | undefined, field: string): LocalDate | null {
  return date == null ? null : requireLocalDate(date, field)
}

function inOrder(earlier: LocalDate, later: LocalDate, laterField: string, earlierField: string): void {
  if (later < earlier) {
    throw new AppError('invalid_ni_dates', `${laterField} ${later} is before ${earlierField} ${earlier}`)
  }
}

function requireCount(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new AppError('invalid_day_count', `${field} must be a whole number >= 0, not ${value}`)
  }
}
