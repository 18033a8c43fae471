import type { MessageAttachment } from '../../core/channels/message-sender.ts'
import type { ComplianceReason } from '../../core/compliance/compliance-decision.ts'
import type { DocumentFacts } from '../../core/documents/document-facts.ts'
import type { DocumentKind } from '../../core/documents/document-kinds.ts'
import { directionOf, intlLocale } from '../../core/documents/document-locale.ts'
import { cleanText, escapeHtml, formatMoney } from '../../core/documents/format-values.ts'
import type {
  MessageRenderer,
  RenderAccount,
  RenderedMessage,
  RenderInput,
} from '../../core/outreach/message-renderer.ts'
import { type ActiveTemplate, activateTemplate } from '../../core/templates/activate-template.ts'
import { BUILTIN_TEMPLATES } from '../../core/templates/builtin-templates.ts'
import { type ContentContext, checkMessageContent } from '../../core/templates/check-message-content.ts'
import { chooseTemplate } from '../../core/templates/choose-template.ts'
import { TEMPLATE_TONES, type TemplateTone } from '../../core/templates/message-template.ts'
import { renderMessage } from '../../core/templates/render-message.ts'
import { renderDocument } from '../../documents/render-document.ts'

/** The template key a playbook action names when it names none. */
export const DEFAULT_TEMPLATE_KEY = 'reminder'

/** Playbook tones spoken by the firm templates. */
const FIRM_TONES = ['firm', 'final', 'formal', 'urgent', 'demand']

/** Options of the template-backed renderer. */
export interface TemplateRendererOptions {
  /** The active templates to choose from (default: the built-ins, each passed through activateTemplate). */
  readonly templates?: readonly ActiveTemplate[]
  /** Attach PDFs to emails (default true). */
  readonly attachments?: boolean
}

/**
 * The dispatcher's default renderer: the playbook action's `template` and `tone` pick the template (a
 * key without an active template falls back to "reminder"; tones firm/final/formal/urgent/demand speak
 * firm, others friendly; a tone the channel has no template for falls back to friendly),
 * the debtor's preferred language picks its locale by the documented fallback (exact tag, base
 * language, the jurisdiction's language, English), and core/templates renders it with ICU formatting
 * and runs the content checks. A consolidated message renders the first account's template and lists
 * every account with its balance after the opening paragraph. Emails carry the account statement of
 * each account as a PDF, and a Reg F validation notice on a first communication by a third-party
 * collector about a US consumer debt (docs/outreach.md).
 */
export function templateRenderer(options: TemplateRendererOptions = {}): MessageRenderer {
  const builtins = options.templates ?? BUILTIN_TEMPLATES.map(activateTemplate)
  const withAttachments = options.attachments ?? true
  return {
    async render(input: RenderInput, call = {}): Promise<RenderedMessage> {
      // A tenant's stored templates passed activateTemplate when they were activated; the content
      // checks still run on every render below.
      const templates = input.templates?.length
        ? [...builtins, ...(input.templates as readonly ActiveTemplate[])]
        : builtins
      const attach = withAttachments && (call as { attachments?: boolean }).attachments !== false
      const first = input.accounts[0]
      if (!first) throw new Error('a message needs at least one account')
      const jurisdiction = first.books?.jurisdiction ?? 'US'
      const sentOn = input.sentOn ?? first.dueOn
      const context: ContentContext = {
        jurisdiction,
        collectorType: input.debtCollector ? 'third_party' : 'original_creditor',
        firstCommunication: input.firstCommunication ?? false,
        sentOn,
        validationPeriodEndsOn: input.validationPeriodEndsOn ?? null,
        timeBarred: input.timeBarred ?? false,
        californiaLicenseNumber: input.californiaLicenseNumber ?? null,
      }
      const key = typeof first.action.template === 'string' ? first.action.template : DEFAULT_TEMPLATE_KEY
      const askedTone = first.action.tone
      const tone: TemplateTone = (TEMPLATE_TONES as readonly unknown[]).includes(askedTone)
        ? (askedTone as TemplateTone)
        : FIRM_TONES.includes(String(askedTone))
          ? 'firm'
          : 'friendly'
      const wanted = { key, channel: input.channel, preferredLanguage: input.locale, jurisdiction }
      // The named template in the asked tone, then friendly; then the default key likewise.
      const fallback = { ...wanted, key: DEFAULT_TEMPLATE_KEY }
      const chosen =
        pick(templates, { ...wanted, tone }) ??
        pick(templates, { ...wanted, tone: 'friendly' }) ??
        pick(templates, { ...fallback, tone }) ??
        pick(templates, { ...fallback, tone: 'friendly' })
      if (!chosen)
        return {
          subject: '',
          text: '',
          html: null,
          attachments: [],
          check: {
            outcome: 'block',
            reasons: [
              {
                ruleId: 'outreach.no-active-template',
                citation: 'recoup',
                message: `no active template "${key}" for ${input.channel}`,
              },
            ],
          },
        }
      const { template } = chosen
      const several = input.accounts.length > 1
      const rendered = renderMessage(
        template,
        {
          debtorName: input.debtor.name,
          creditor: first.creditor,
          collector: input.tenantName,
          account: first.reference,
          balanceMinor: first.balanceMinor,
          currency: first.currency,
          dueOn: first.dueOn,
          accountCount: input.accounts.length,
          ...(first.portalUrl ? { portalUrl: first.portalUrl } : {}),
        },
        context,
      )
      const locale = intlLocale(template.locale, jurisdiction)
      const listLine = (a: RenderAccount) =>
        `- ${cleanText(a.reference)} (${cleanText(a.creditor)}): ${formatMoney(a.balanceMinor, a.currency, locale)}`
      const paragraphs = rendered.text.split('\n\n')
      if (several && input.channel === 'email')
        paragraphs.splice(Math.min(2, paragraphs.length), 0, input.accounts.map(listLine).join('\n'))
      let text = paragraphs.join('\n\n')
      if (several && input.channel === 'sms')
        text = `${text} (${input.accounts.map((a) => `${cleanText(a.reference)} ${formatMoney(a.balanceMinor, a.currency, locale)}`).join(', ')})`
      if (input.channel === 'email') text = `${text}\n\n${cleanText(input.optOutUrl)}`
      const check = checkMessageContent(
        rendered.subject ? `${rendered.subject}\n\n${text}` : text,
        input.channel,
        template.locale,
        context,
      )
      const reasons: ComplianceReason[] = [...check.reasons]
      const direction = directionOf(template.locale)
      const subject = rendered.subject ?? ''
      const html =
        input.channel === 'sms'
          ? null
          : `<!doctype html><html lang="${template.locale}" dir="${direction}"><head><meta charset="utf-8">` +
            `<title>${escapeHtml(subject)}</title></head><body dir="${direction}">` +
            text
              .split('\n\n')
              .map((p) =>
                p === cleanText(input.optOutUrl)
                  ? `<p><a href="${escapeHtml(p)}">${escapeHtml(p)}</a></p>`
                  : `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`,
              )
              .join('') +
            '</body></html>'
      const attachments: MessageAttachment[] = []
      if (attach && input.channel === 'email' && reasons.length === 0)
        for (const account of input.accounts) {
          const kinds: DocumentKind[] = ['statement']
          if (needsValidationNotice(input, account)) kinds.unshift('validation-notice')
          for (const kind of kinds) {
            const facts = documentFacts(input, account, sentOn)
            if (!facts) continue
            const doc = await renderDocument(kind, facts, { locale: template.locale })
            if (doc.built.check.outcome === 'block') reasons.push(...doc.built.check.reasons)
            else attachments.push(doc.attachment)
          }
        }
      return {
        subject,
        text,
        html,
        attachments,
        check: { outcome: reasons.length === 0 ? 'allow' : 'block', reasons },
        template: rendered.template,
      }
    },
  }
}

function pick(
  templates: readonly ActiveTemplate[],
  wanted: Parameters<typeof chooseTemplate>[1],
): ReturnType<typeof chooseTemplate> | null {
  try {
    return chooseTemplate(templates, wanted)
  } catch {
    return null
  }
}

/**
 * A Reg F validation notice (12 CFR 1006.34) goes with the first communication of a third-party
 * collector about a US consumer debt; the US pack requires it within five days of that first
 * communication, so attaching it to the first email satisfies it at once.
 */
function needsValidationNotice(input: RenderInput, account: RenderAccount): boolean {
  const books = account.books
  return (
    input.firstCommunication === true &&
    input.debtCollector &&
    books?.jurisdiction.toUpperCase().startsWith('US') === true &&
    books.debtKind === 'consumer'
  )
}

function documentFacts(input: RenderInput, account: RenderAccount, sentOn: string): DocumentFacts | null {
  const books = account.books
  if (!books) return null
  return {
    collector: {
      name: input.tenantName,
      addressLines: [],
      isAgency: input.debtCollector,
      californiaLicenseNumber: input.californiaLicenseNumber ?? null,
    },
    creditor: { original: books.originalCreditor, current: account.creditor },
    debtor: {
      name: input.debtor.name,
      kind: input.debtor.kind,
      addressLines: input.debtor.addressLines ?? [input.debtor.name],
      preferredLanguage: input.locale,
    },
    account: {
      ref: account.reference,
      currency: account.currency,
      jurisdiction: books.jurisdiction,
      debtKind: books.debtKind,
      openedOn: books.openedOn,
      dueOn: account.dueOn,
      chargeOffOn: books.chargeOffOn,
    },
    ledger: books.ledger,
    mailingDate: sentOn,
    statutory: null,
    cheque: null,
    timeBarred: input.timeBarred ?? false,
    validationPeriodEndsOn: input.validationPeriodEndsOn ?? null,
  }
}
