import type { LocalDate } from '../calendar/local-date.ts'
import type { Channel } from '../channels/channels.ts'
import type { ComplianceDecision, ComplianceReason } from '../compliance/compliance-decision.ts'
import type { CollectorType } from '../compliance/compliance-request.ts'
import { messageContentDecision, US_MESSAGE_CONTENT } from '../compliance/message-content.ts'
import type { DocumentLocale } from '../documents/document-locale.ts'
import { COMPLIANCE_LINES } from './compliance-lines.ts'

/** What the content rules need to know about the moment and the debt a text is for. */
export interface ContentContext {
  readonly jurisdiction: string
  readonly collectorType: CollectorType
  readonly firstCommunication: boolean
  /** The day the text goes out (for a letter: the mailing date). */
  readonly sentOn: LocalDate
  /** Last day of a running validation period, or null. */
  readonly validationPeriodEndsOn: LocalDate | null
  /** The debt is past its limitation period (no threat of suit: 12 CFR 1006.26(b)). */
  readonly timeBarred: boolean
  /** The collector's California licence number, where configured (Civ. Code 1788.11). */
  readonly californiaLicenseNumber: string | null
}

const TIME_BARRED = { ruleId: 'us.reg-f.time-barred-threat', citation: '12 CFR 1006.26(b)' }
const OVERSHADOWING = US_MESSAGE_CONTENT.overshadowing

/** Whether the US federal collector rules (disclosure, opt-out, overshadowing) govern this text. */
export function federalRulesApply(context: ContentContext): boolean {
  return (
    context.jurisdiction.toUpperCase().startsWith('US') &&
    US_MESSAGE_CONTENT.federalAppliesTo.includes(context.collectorType)
  )
}

/** The California licence line applies to this text. */
export function licenceLineApplies(context: ContentContext): boolean {
  return context.jurisdiction.toUpperCase() === 'US-CA' && (context.californiaLicenseNumber ?? '') !== ''
}

/**
 * Checks a rendered text against the content rules of the compliance packs: in English with the packs'
 * own phrasings (core/compliance/message-content.ts), in other languages by the standard lines of
 * compliance-lines.ts; and in every language, no word of legal action on a time-barred debt or while
 * the validation period runs. Unknown means blocked: a locale without lines for a rule fails it.
 */
export function checkMessageContent(
  text: string,
  channel: Channel,
  locale: DocumentLocale,
  context: ContentContext,
): ComplianceDecision {
  const reasons: ComplianceReason[] = []
  const lines = COMPLIANCE_LINES[locale]
  const federal = federalRulesApply(context)
  if (locale === 'en' && context.jurisdiction.toUpperCase().startsWith('US')) {
    reasons.push(
      ...messageContentDecision({
        text,
        channel,
        collectorType: context.collectorType,
        firstCommunication: context.firstCommunication,
        sentOn: context.sentOn,
        validationPeriodEndsOn: context.validationPeriodEndsOn,
        californiaLicenseNumber: licenceLineApplies(context) ? context.californiaLicenseNumber : null,
      }).reasons,
    )
  } else {
    const need = (present: boolean, rule: { ruleId: string; citation: string }, message: string) => {
      if (!present) reasons.push({ ...rule, message })
    }
    if (federal) {
      need(
        text.includes(lines.disclosure),
        US_MESSAGE_CONTENT.miniMiranda,
        `the ${locale} text must carry the debt-collector disclosure: "${lines.disclosure}"`,
      )
      const optOut = channel === 'sms' ? lines.optOutSms : lines.optOutEmail
      if (channel === 'email' || channel === 'sms')
        need(
          text.includes(optOut),
          US_MESSAGE_CONTENT.optOut,
          `the ${locale} ${channel} must carry the opt-out line: "${optOut}"`,
        )
    }
    if (licenceLineApplies(context)) {
      const licence = lines.licence.replace('{licence}', context.californiaLicenseNumber ?? '')
      need(
        text.includes(licence),
        US_MESSAGE_CONTENT.californiaLicense,
        `the text must show the licence line "${licence}"`,
      )
    }
  }
  const threat = legalThreatIn(text, locale)
  if (threat !== null) {
    if (context.timeBarred)
      reasons.push({
        ...TIME_BARRED,
        message: `"${threat}" threatens legal action on a time-barred debt`,
      })
    const periodEnd = context.validationPeriodEndsOn
    if (federal && periodEnd !== null && context.sentOn <= periodEnd)
      reasons.push({
        ruleId: OVERSHADOWING.ruleId,
        citation: OVERSHADOWING.citation,
        message: `"${threat}" speaks of legal action during the validation period ending ${periodEnd}`,
      })
  }
  return { outcome: reasons.length === 0 ? 'allow' : 'block', reasons, earliestAllowedAt: null }
}

/** The first phrase of `text` that announces legal action in the locale, or null. */
export function legalThreatIn(text: string, locale: DocumentLocale): string | null {
  for (const source of COMPLIANCE_LINES[locale].legalThreats) {
    const match = new RegExp(source, 'iu').exec(text)
    if (match) return match[0]
  }
  return null
}
