import { localDateAt } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { type ActiveTemplate, activateTemplate } from '../../core/templates/activate-template.ts'
import { BUILTIN_TEMPLATES } from '../../core/templates/builtin-templates.ts'
import { chooseTemplate } from '../../core/templates/choose-template.ts'
import {
  TEMPLATE_TONES,
  type TemplateChannel,
  type TemplateTone,
} from '../../core/templates/message-template.ts'
import {
  type MessageFacts,
  type RenderedMessage,
  renderMessage,
} from '../../core/templates/render-message.ts'
import { documentRowsOf } from '../../store/documents/document-facts.repository.ts'
import { listStoredTemplates, templateOfRow } from '../../store/templates/message-template.repository.ts'
import type { AppContext } from '../app-context.ts'

/** The active templates: every built-in one, each activated (checked) once per process. */
let active: ActiveTemplate[] | undefined
export function activeTemplates(): readonly ActiveTemplate[] {
  active ??= BUILTIN_TEMPLATES.map(activateTemplate)
  return active
}

/** What to preview. */
export interface PreviewTemplateInput {
  readonly key: string
  readonly channel?: string
  readonly tone?: string
  /** A language to preview in (default: the account's debtor's, else English). */
  readonly locale?: string
  /** An account (external id) whose facts fill the template; without it, sample facts. */
  readonly account?: string
  readonly jurisdiction?: string
  readonly californiaLicenseNumber?: string
  readonly now?: Date
}

const SAMPLE: MessageFacts = {
  debtorName: 'Alex Sample',
  creditor: 'Sample Creditor',
  collector: 'Sample Collector',
  account: 'SAMPLE-1',
  balanceMinor: 123_456,
  currency: 'USD',
  dueOn: '2026-01-15',
}

/** Renders the active template the debtor would get, with the content check, without sending anything. */
export async function previewTemplate(
  ctx: AppContext,
  input: PreviewTemplateInput,
): Promise<RenderedMessage & { fallbackFrom: string | null }> {
  const channel = (input.channel ?? 'email') as TemplateChannel
  if (channel !== 'email' && channel !== 'sms')
    throw new AppError('invalid_option', `--channel must be email or sms, not "${input.channel}"`)
  const tone = (input.tone ?? 'friendly') as TemplateTone
  if (!TEMPLATE_TONES.includes(tone))
    throw new AppError('invalid_option', `--tone must be ${TEMPLATE_TONES.join(' or ')}, not "${input.tone}"`)
  const { tenant } = ctx.actor
  const sentOn = localDateAt(input.now ?? new Date(), tenant.time_zone)
  let facts = SAMPLE
  let jurisdiction = input.jurisdiction ?? 'US'
  let preferred: string | null = input.locale ?? null
  if (input.account !== undefined) {
    const rows = await documentRowsOf(ctx.store.db, tenant.id, input.account)
    if (!rows)
      throw new AppError('account_not_found', `no account with external id "${input.account}" in this tenant`)
    const balanceMinor = rows.ledger
      .filter((l) => l.effectiveOn <= sentOn)
      .reduce((s, l) => s + l.amountMinor, 0)
    facts = {
      debtorName: rows.debtor.name,
      creditor: rows.account.currentCreditor,
      collector: tenant.name,
      account: rows.account.externalId,
      balanceMinor,
      currency: rows.account.currency,
      dueOn: rows.account.dueOn,
    }
    jurisdiction = input.jurisdiction ?? rows.account.jurisdiction
    preferred = input.locale ?? rows.debtor.preferredLanguage
  }
  const own = (await listStoredTemplates(ctx.store.db, tenant.id, { activeOnly: true })).map(
    (row) => templateOfRow(row) as ActiveTemplate,
  )
  const { template, choice } = chooseTemplate([...activeTemplates(), ...own], {
    key: input.key,
    channel,
    tone,
    preferredLanguage: preferred,
    jurisdiction,
  })
  const rendered = renderMessage(template, facts, {
    jurisdiction,
    collectorType: tenant.kind === 'agency' ? 'third_party' : 'original_creditor',
    firstCommunication: false,
    sentOn,
    validationPeriodEndsOn: null,
    timeBarred: false,
    californiaLicenseNumber: input.californiaLicenseNumber ?? null,
  })
  return { ...rendered, fallbackFrom: choice.fallbackFrom }
}
