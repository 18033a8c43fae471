/**
 * Content checks on the text of a message, letter or call script: the mini-Miranda (12 CFR 1006.18(e);
 * 15 USC 1692e(11)), an opt-out instruction in every email and text (1006.6(e)), no payment demand that
 * overshadows the validation period (1006.38(b)(1)), and the California license number (Civ. Code
 * 1788.11). Phrasings are settings: arrays of regex sources, compiled once per settings object and
 * matched case-insensitively. Bad content is fixed by editing the text, so blocks never name a time.
 */

import { requireLocalDate } from '../calendar/instant.ts'
import { addDays, dayNumber, type LocalDate, parseLocalDate } from '../calendar/local-date.ts'
import type { Channel } from '../channels/channels.ts'
import { AppError } from '../errors/index.ts'
import type { ComplianceDecision, ComplianceReason } from './compliance-decision.ts'
import type { CollectorType } from './compliance-request.ts'

type Rule = { ruleId: string; citation: string }

/** Rules cited and phrasings accepted or rejected: a rule pack's settings. */
export interface MessageContentSettings {
  /** Collector types the US federal checks (mini-Miranda, opt-out, overshadowing) apply to. */
  federalAppliesTo: readonly CollectorType[]
  miniMiranda: Rule & {
    /** First communication: every group must match (any pattern of a group). */
    firstGroups: readonly (readonly string[])[]
    /** Later communications: any pattern must match. */
    later: readonly string[]
  }
  optOut: Rule & { patterns: readonly string[] }
  overshadowing: Rule & {
    /** Demands that overshadow whatever their date. */
    demands: readonly string[]
    /** Deadlines whose capture group 1 is a number of days or a date (`YYYY-MM-DD` or `March 1, 2026`). */
    deadlines: readonly string[]
  }
  californiaLicense: Rule
}

const PAY = String.raw`\bpay(?:s|ing|ment|ments)?\b`
const DATE = String.raw`(\d{4}-\d{2}-\d{2}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})`

/** Defaults for US federal rules and California; English phrasings. */
export const US_MESSAGE_CONTENT: MessageContentSettings = {
  federalAppliesTo: ['third_party', 'debt_buyer'],
  miniMiranda: {
    ruleId: 'us.reg-f.mini-miranda',
    citation: '12 CFR 1006.18(e); 15 USC 1692e(11)',
    firstGroups: [
      [String.raw`\bdebt\s+collector\b`],
      [String.raw`\b(?:attempt(?:ing)?|trying|seek(?:ing)?)\s+to\s+collect\s+(?:a|this|the|your)\s+debt\b`],
      [
        String.raw`\binformation\b[^.;]{0,60}?\b(?:will|may|shall)\s+be\s+used\s+for\s+(?:that|this|the\s+same)\s+purpose\b`,
      ],
    ],
    later: [String.raw`\bdebt\s+collector\b`],
  },
  optOut: {
    ruleId: 'us.reg-f.electronic-opt-out-notice',
    citation: '12 CFR 1006.6(e)',
    patterns: [
      String.raw`\b(?:reply|text|send|respond)(?:\s+with)?\s+["'“]?stop\b`,
      String.raw`\bunsubscribe\b`,
      String.raw`\bopt[\s-]?out\b`,
    ],
  },
  overshadowing: {
    ruleId: 'us.reg-f.overshadowing',
    citation: '12 CFR 1006.38(b)(1); 15 USC 1692g(b)',
    demands: [
      String.raw`${PAY}\s+(?:immediately|at\s+once)\b`,
      String.raw`\bimmediate\s+payment\b`,
      String.raw`${PAY}\s+(?:it\s+)?(?:today|now)\s+or\b`,
    ],
    deadlines: [
      String.raw`${PAY}[^.;]{0,60}?\bwithin\s+(\d{1,3})\s+(?:calendar\s+)?days\b`,
      String.raw`\bwithin\s+(\d{1,3})\s+(?:calendar\s+)?days\b[^.;]{0,40}?${PAY}`,
      String.raw`${PAY}[^.;]{0,60}?\b(?:by|before|no\s+later\s+than|on\s+or\s+before)\s+${DATE}`,
    ],
  },
  californiaLicense: { ruleId: 'us-ca.license-number', citation: 'Cal. Civ. Code 1788.11' },
}

/** One message, letter or script to check before it is sent. */
export interface MessageContentInput {
  text: string
  channel: Channel
  collectorType: CollectorType
  /** The first communication with the consumer about the debt (the full mini-Miranda is needed). */
  firstCommunication: boolean
  /** The date the message is sent, on the consumer's calendar. */
  sentOn: LocalDate
  /** Last day of the validation period (inclusive); null when none is running or known. */
  validationPeriodEndsOn?: LocalDate | null
  /** The collector's California license number, when the consumer is in California. */
  californiaLicenseNumber?: string | null
  settings?: MessageContentSettings
}

interface Compiled {
  first: RegExp[][]
  later: RegExp[]
  optOut: RegExp[]
  demands: RegExp[]
  deadlines: RegExp[]
}

const compiledBySettings = new WeakMap<MessageContentSettings, Compiled>()
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** Checks a message text against every content rule that applies to it. */
export function messageContentDecision(input: MessageContentInput): ComplianceDecision {
  const settings = input.settings ?? US_MESSAGE_CONTENT
  const re = compile(settings)
  const { text, channel } = input
  const sentOn = requireLocalDate(input.sentOn, 'sentOn')
  const reasons: ComplianceReason[] = []
  const add = (rule: Rule, message: string) =>
    reasons.push({ ruleId: rule.ruleId, citation: rule.citation, message })

  if (settings.federalAppliesTo.includes(input.collectorType)) {
    if (input.firstCommunication) {
      if (!re.first.every((group) => group.some((p) => p.test(text)))) {
        add(
          settings.miniMiranda,
          'a first communication must say it is from a debt collector attempting to collect a debt and ' +
            'that any information obtained will be used for that purpose',
        )
      }
    } else if (!re.later.some((p) => p.test(text))) {
      add(settings.miniMiranda, 'the communication must say it is from a debt collector')
    }
    if ((channel === 'email' || channel === 'sms') && !re.optOut.some((p) => p.test(text))) {
      add(settings.optOut, `an ${channel} must tell the consumer how to opt out (e.g. "reply STOP")`)
    }
    const periodEndsOn = input.validationPeriodEndsOn
    if (periodEndsOn != null) {
      const end = dayNumber(requireLocalDate(periodEndsOn, 'validationPeriodEndsOn'))
      if (dayNumber(sentOn) <= end) {
        const why = overshadowing(text, re, sentOn, end)
        if (why)
          add(settings.overshadowing, `${why} overshadows the validation period ending ${periodEndsOn}`)
      }
    }
  }
  const license = input.californiaLicenseNumber
  if (license != null && channel !== 'call') {
    if (license.trim() === '')
      throw new AppError('invalid_license_number', 'californiaLicenseNumber is empty')
    if (!text.includes(license.trim())) {
      add(
        settings.californiaLicense,
        `written and digital communications must show license number ${license}`,
      )
    }
  }
  return { outcome: reasons.length === 0 ? 'allow' : 'block', reasons, earliestAllowedAt: null }
}

/** The first overshadowing phrase in `text` (quoted), or null. */
function overshadowing(text: string, re: Compiled, sentOn: LocalDate, periodEnd: number): string | null {
  for (const p of re.demands) {
    const m = p.exec(text)
    if (m) return `"${m[0]}"`
  }
  for (const p of re.deadlines) {
    p.lastIndex = 0
    for (let m = p.exec(text); m !== null; m = p.exec(text)) {
      const due = deadlineDay(m[1] ?? '', sentOn)
      if (due !== null && due < periodEnd)
        return `"${m[0]}" (due ${addDays(sentOn, due - dayNumber(sentOn))})`
      if (m[0] === '') p.lastIndex++
    }
  }
  return null
}

/** Day number of a captured deadline: a count of days after `sentOn`, or a date; null when unreadable. */
function deadlineDay(captured: string, sentOn: LocalDate): number | null {
  if (/^\d+$/.test(captured)) return dayNumber(sentOn) + Number(captured)
  const iso = parseLocalDate(captured)
  if (iso.ok) return dayNumber(iso.date)
  const m = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(captured)
  const month = m ? MONTHS.indexOf(m[1]!.toLowerCase()) + 1 : 0
  if (!m || month === 0) return null
  const date = parseLocalDate(`${m[3]}-${String(month).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`)
  return date.ok ? dayNumber(date.date) : null
}

function compile(settings: MessageContentSettings): Compiled {
  let compiled = compiledBySettings.get(settings)
  if (!compiled) {
    const all = (sources: readonly string[], flags = 'i') => sources.map((s) => regex(s, flags))
    compiled = {
      first: settings.miniMiranda.firstGroups.map((g) => all(g)),
      later: all(settings.miniMiranda.later),
      optOut: all(settings.optOut.patterns),
      demands: all(settings.overshadowing.demands),
      deadlines: all(settings.overshadowing.deadlines, 'gi'),
    }
    compiledBySettings.set(settings, compiled)
  }
  return compiled
}

function regex(source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags)
  } catch (error) {
    throw new AppError('invalid_content_pattern', `pattern /${source}/ does not compile: ${String(error)}`)
  }
}
