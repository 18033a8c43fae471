/**
 * Postdated cheques (15 USC 1692f(2)): a collector may not accept a cheque or other payment instrument
 * postdated by more than 5 days unless the person is notified in writing of the intent to deposit it not
 * more than 10 nor less than 3 business days before the deposit. The deposit is the action judged: it is
 * blocked without such a notice, before the third business day after the notice (until then), and after
 * the tenth (a new notice is needed). Depositing before the date on the instrument is blocked too
 * (1692f(4)); so is depositing an instrument whose date is not known. Business days: Saturdays, Sundays and the 5 USC 6103(a) holidays are not business days
 * (src/core/calendar/business-days.ts). See docs/compliance-postdated-instrument.md.
 */
import {
  addBusinessDays,
  type BusinessCalendar,
  usFederalBusinessCalendar,
} from '../calendar/business-days.ts'
import { requireLocalDate } from '../calendar/instant.ts'
import { dayNumber, daysBetween, fromDayNumber, type LocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import type { ComplianceDeadline, ComplianceDecision, ComplianceReason } from './compliance-decision.ts'
import type { PostdatedInstrumentFacts } from './compliance-request.ts'
import { instantMs } from './instant-ms.ts'
import { startOfLocalDay } from './stated-inconvenience.ts'
import { zoneOffsetAt } from './zone-offsets.ts'

type Rule = { ruleId: string; citation: string }

export interface PostdatedInstrumentSettings {
  /** The notice-of-intent rule. */
  notice: Rule
  /** The rule against depositing before the instrument's date. */
  early: Rule
  /** An instrument dated more than this many days after acceptance needs the notice (5). */
  postdatedMoreThanDays: number
  /** The notice must be sent at least this many business days before the deposit (3). */
  minBusinessDays: number
  /** ...and at most this many (10). */
  maxBusinessDays: number
  /** Which days are business days: the US federal calendar with observed holiday dates. */
  calendar: 'us_federal_observed' | 'us_federal_legal'
}

export const US_FDCPA_POSTDATED_INSTRUMENT: PostdatedInstrumentSettings = {
  notice: { ruleId: 'us.fdcpa.postdated-check-notice', citation: '15 USC 1692f(2)' },
  early: { ruleId: 'us.fdcpa.postdated-check-early-deposit', citation: '15 USC 1692f(4)' },
  postdatedMoreThanDays: 5,
  minBusinessDays: 3,
  maxBusinessDays: 10,
  calendar: 'us_federal_observed',
}

export interface PostdatedInstrumentInput {
  /** The proposed deposit instant. */
  at: string
  /** Zone in which the deposit instant becomes a date (the collector deposits; the consumer's by default). */
  timeZone: string
  instrument: PostdatedInstrumentFacts
  settings?: PostdatedInstrumentSettings
}

/** The permitted deposit days for a notice sent on `sentOn`: from the 3rd to the 10th business day after. */
export function depositWindow(
  sentOn: LocalDate,
  settings: PostdatedInstrumentSettings = US_FDCPA_POSTDATED_INSTRUMENT,
): { firstDay: LocalDate; lastDay: LocalDate } {
  const calendar = calendarOf(settings)
  return {
    firstDay: addBusinessDays(sentOn, settings.minBusinessDays, calendar),
    lastDay: addBusinessDays(sentOn, settings.maxBusinessDays, calendar),
  }
}

/** True when the notice is needed: postdated by more than 5 days, or either date unknown (fail safe). */
export function noticeRequired(
  instrument: PostdatedInstrumentFacts,
  settings: PostdatedInstrumentSettings = US_FDCPA_POSTDATED_INSTRUMENT,
): boolean {
  const { instrumentDate, acceptedOn } = instrument
  if (instrumentDate == null || acceptedOn == null) return true
  const days = daysBetween(
    requireLocalDate(acceptedOn, 'instrument.acceptedOn'),
    requireLocalDate(instrumentDate, 'instrument.instrumentDate'),
  )
  return days > settings.postdatedMoreThanDays
}

/** Allows or blocks depositing the instrument at `at`. */
export function postdatedDepositDecision(input: PostdatedInstrumentInput): ComplianceDecision {
  const settings = input.settings ?? US_FDCPA_POSTDATED_INSTRUMENT
  for (const field of ['postdatedMoreThanDays', 'minBusinessDays', 'maxBusinessDays'] as const) {
    const n = settings[field]
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new AppError('invalid_day_count', `${field} must be a whole number >= 0, not ${n}`)
    }
  }
  const zone = input.timeZone
  const at = instantMs(input.at, 'action.at')
  const depositOn = localDate(at, zone)
  const { instrument } = input
  const reasons: ComplianceReason[] = []
  let earliest: number | null = null
  let final = false

  if (instrument.instrumentDate == null) {
    // Unknown means blocked: without the instrument's date the deposit may fall before it (1692f(4)).
    reasons.push({
      ...settings.early,
      message: `the date on the instrument is not known: the deposit on ${depositOn} may be before it; record the instrument date`,
    })
    final = true
  } else {
    const dated = requireLocalDate(instrument.instrumentDate, 'instrument.instrumentDate')
    if (dayNumber(depositOn) < dayNumber(dated)) {
      reasons.push({
        ...settings.early,
        message: `the instrument is dated ${dated}: it may not be deposited on ${depositOn}, before its date`,
      })
      earliest = startOfLocalDay(zone, dayNumber(dated))
    }
  }
  if (noticeRequired(instrument, settings)) {
    const sent = instrument.noticeOfIntentSentOn
    const needs = `${settings.minBusinessDays} to ${settings.maxBusinessDays} business days before the deposit`
    if (sent == null) {
      reasons.push({
        ...settings.notice,
        message: `no written notice of intent to deposit was sent; one is needed ${needs}`,
      })
      final = true
    } else {
      const sentOn = requireLocalDate(sent, 'instrument.noticeOfIntentSentOn')
      const { firstDay, lastDay } = depositWindow(sentOn, settings)
      if (dayNumber(depositOn) < dayNumber(firstDay)) {
        reasons.push({
          ...settings.notice,
          message: `the notice of intent was sent on ${sentOn}: the deposit may be made from ${firstDay} to ${lastDay} (${needs})`,
        })
        const from = startOfLocalDay(zone, dayNumber(firstDay))
        earliest = Math.max(earliest ?? from, from)
      } else if (dayNumber(depositOn) > dayNumber(lastDay)) {
        reasons.push({
          ...settings.notice,
          message: `the notice of intent sent on ${sentOn} allowed a deposit until ${lastDay}; a new notice is needed ${needs}`,
        })
        final = true
      }
    }
  }
  if (reasons.length === 0) return { outcome: 'allow', reasons, earliestAllowedAt: null }
  return {
    outcome: 'block',
    reasons,
    earliestAllowedAt: final || earliest === null ? null : new Date(earliest).toISOString(),
  }
}

/** The dates the rule gives: the instrument's date, and the first and last deposit days of a sent notice. */
export function postdatedDeadlines(
  instrument: PostdatedInstrumentFacts,
  settings: PostdatedInstrumentSettings = US_FDCPA_POSTDATED_INSTRUMENT,
): ComplianceDeadline[] {
  const out: ComplianceDeadline[] = []
  if (instrument.instrumentDate != null) {
    const date = requireLocalDate(instrument.instrumentDate, 'instrument.instrumentDate')
    out.push({ name: 'postdated_instrument.earliest_deposit_on', date, ...settings.early, debtId: null })
  }
  if (noticeRequired(instrument, settings) && instrument.noticeOfIntentSentOn != null) {
    const sentOn = requireLocalDate(instrument.noticeOfIntentSentOn, 'instrument.noticeOfIntentSentOn')
    const { firstDay, lastDay } = depositWindow(sentOn, settings)
    out.push({
      name: 'postdated_instrument.notice_first_deposit_on',
      date: firstDay,
      ...settings.notice,
      debtId: null,
    })
    out.push({
      name: 'postdated_instrument.notice_last_deposit_on',
      date: lastDay,
      ...settings.notice,
      debtId: null,
    })
  }
  return out
}

function calendarOf(settings: PostdatedInstrumentSettings): BusinessCalendar {
  return usFederalBusinessCalendar(settings.calendar === 'us_federal_legal' ? 'legal' : 'observed')
}

const DAY_MS = 86_400_000

function localDate(instant: number, zone: string): LocalDate {
  return fromDayNumber(Math.floor((instant + zoneOffsetAt(zone, instant)) / DAY_MS))
}
