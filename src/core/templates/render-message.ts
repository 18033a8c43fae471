import { IntlMessageFormat } from 'intl-messageformat'
import { daysBetween, type LocalDate } from '../calendar/local-date.ts'
import type { ComplianceDecision } from '../compliance/compliance-decision.ts'
import { directionOf, intlLocale, type TextDirection } from '../documents/document-locale.ts'
import { cleanText, escapeHtml, formatDate, formatMoney } from '../documents/format-values.ts'
import { AppError } from '../errors/index.ts'
import {
  type ContentContext,
  checkMessageContent,
  federalRulesApply,
  licenceLineApplies,
} from './check-message-content.ts'
import { COMPLIANCE_LINES } from './compliance-lines.ts'
import { type MessageTemplate, templateId } from './message-template.ts'
import { PORTAL_LINES } from './portal-lines.ts'

/** The account and debtor facts a message speaks of. */
export interface MessageFacts {
  readonly debtorName: string
  readonly creditor: string
  /** Who writes: the agency, or the creditor itself. */
  readonly collector: string
  readonly account: string
  readonly balanceMinor: number
  readonly currency: string
  readonly dueOn: LocalDate
  /** How many of the debtor's accounts the message covers (1 unless consolidated). */
  readonly accountCount?: number
  readonly payUrl?: string
  /** The debtor portal link of the account (`/pay/<token>`, docs/portal.md); absent: no link. */
  readonly portalUrl?: string
}

/** A rendered message: what a sender hands to its provider, plus the content check it passed or failed. */
export interface RenderedMessage {
  readonly template: string
  readonly locale: string
  readonly direction: TextDirection
  readonly subject: string | null
  readonly text: string
  readonly html: string
  readonly check: ComplianceDecision
}

/** Compiled formats by locale and source text (templates are few; their texts are the keys). */
const compiled = new Map<string, IntlMessageFormat>()

/**
 * Renders a template with an account's facts: money, dates and plurals by the locale (ICU MessageFormat),
 * every value cleaned of control and bidi-override characters, the compliance lines filled in where a
 * rule asks for them, HTML made by escaping the whole plain text, and the content checks run on the
 * result. A blocked check is returned, not thrown: callers decide (activation and sending refuse).
 */
export function renderMessage(
  template: MessageTemplate,
  facts: MessageFacts,
  context: ContentContext,
): RenderedMessage {
  const locale = intlLocale(template.locale, context.jurisdiction)
  const lines = COMPLIANCE_LINES[template.locale]
  const federal = federalRulesApply(context)
  const values: Record<string, string | number> = {
    name: cleanText(facts.debtorName),
    creditor: cleanText(facts.creditor),
    collector: cleanText(facts.collector),
    account: cleanText(facts.account),
    balance: formatMoney(facts.balanceMinor, facts.currency, locale),
    dueDate: formatDate(facts.dueOn, locale),
    daysPastDue: Math.max(0, daysBetween(facts.dueOn, context.sentOn)),
    accountCount: facts.accountCount ?? 1,
    payUrl: cleanText(facts.payUrl ?? ''),
    portalUrl: cleanText(facts.portalUrl ?? ''),
    portalLine: facts.portalUrl
      ? PORTAL_LINES[template.locale].replace('{url}', cleanText(facts.portalUrl))
      : '',
    disclosure: federal ? lines.disclosure : '',
    optOut: template.channel === 'sms' ? lines.optOutSms : lines.optOutEmail,
    licenceLine: licenceLineApplies(context)
      ? lines.licence.replace('{licence}', cleanText(context.californiaLicenseNumber ?? ''))
      : '',
  }
  const text = tidy(format(template, 'body', template.body, locale, values))
  const subject = template.subject
    ? tidy(format(template, 'subject', template.subject, locale, values))
    : null
  const direction = directionOf(template.locale)
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
  const html =
    `<!doctype html><html lang="${template.locale}" dir="${direction}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(subject ?? '')}</title></head><body>${paragraphs.join('')}</body></html>`
  const check = checkMessageContent(
    subject ? `${subject}\n\n${text}` : text,
    template.channel,
    template.locale,
    context,
  )
  return { template: templateId(template), locale: template.locale, direction, subject, text, html, check }
}

function format(
  template: MessageTemplate,
  part: string,
  source: string,
  locale: string,
  values: Record<string, string | number>,
): string {
  // Keyed by the text itself: two tenants' templates may share an id with different words.
  const key = `${locale}|${source}`
  let message = compiled.get(key)
  if (!message) {
    try {
      // Tags off: a template is plain text, so "<" is a character, never markup.
      message = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true })
    } catch (error) {
      throw new AppError(
        'invalid_template',
        `template ${templateId(template)}: the ${part} is not valid ICU MessageFormat: ${String(error)}`,
      )
    }
    compiled.set(key, message)
  }
  try {
    return String(message.format(values))
  } catch (error) {
    throw new AppError('invalid_template', `template ${templateId(template)}: ${part}: ${String(error)}`)
  }
}

/** Blank placeholders leave no empty paragraphs or doubled spaces behind. */
function tidy(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.replace(/[ \t]{2,}/g, ' ').trim())
        .join('\n')
        .trim(),
    )
    .filter((p) => p !== '')
    .join('\n\n')
}
