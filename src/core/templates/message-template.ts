import type { DocumentLocale } from '../documents/document-locale.ts'

/** Channels a message template is written for (letters are documents: core/documents). */
export type TemplateChannel = 'email' | 'sms'

/** How firmly a template speaks. */
export const TEMPLATE_TONES = ['friendly', 'firm'] as const
export type TemplateTone = (typeof TEMPLATE_TONES)[number]

/**
 * One version of one message in one language and tone. `subject` and `body` are ICU MessageFormat
 * (intl-messageformat) in plain text: no markup, so every variable and every character of the template
 * is escaped when HTML is made from it. Paragraphs are separated by a blank line.
 *
 * Variables every template may use: name, creditor, collector, account, balance (formatted money),
 * dueDate (formatted), daysPastDue (number, for plural), accountCount (number), payUrl, portalUrl (the
 * debtor portal link, empty without one), portalLine (a sentence offering it, in the template's
 * language, empty without a link), and the
 * compliance lines the renderer fills from the packs: disclosure, optOut, licenceLine (empty where no
 * rule asks for them). The content checks run on the rendered text, so a template that leaves a
 * required line out fails them.
 */
export interface MessageTemplate {
  readonly key: string
  readonly version: number
  readonly channel: TemplateChannel
  readonly tone: TemplateTone
  readonly locale: DocumentLocale
  readonly subject?: string
  readonly body: string
  /** The template speaks of legal action: never on a time-barred debt or during the validation period. */
  readonly mentionsLegalAction?: boolean
}

/** A template's identity as users name it: key/channel/tone/locale@version. */
export function templateId(t: MessageTemplate): string {
  return `${t.key}/${t.channel}/${t.tone}/${t.locale}@${t.version}`
}
