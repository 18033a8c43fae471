import type { ComplianceReason } from '../compliance/compliance-decision.ts'
import { AppError } from '../errors/index.ts'
import type { ContentContext } from './check-message-content.ts'
import { type MessageTemplate, templateId } from './message-template.ts'
import { type MessageFacts, renderMessage } from './render-message.ts'

/** A template that passed the activation checks; only these can be chosen for sending. */
export type ActiveTemplate = MessageTemplate & { readonly __active: true }

/** One failed check: the situation it was rendered for and the reasons. */
export interface ActivationFailure {
  readonly situation: string
  readonly reasons: readonly ComplianceReason[]
}

const SAMPLE: MessageFacts = {
  debtorName: 'Sample Debtor',
  creditor: 'Sample Creditor',
  collector: 'Sample Collector',
  account: 'SAMPLE-1',
  balanceMinor: 123_456,
  currency: 'USD',
  dueOn: '2026-01-15',
}

/**
 * The situations a template must pass before it may be used: a first communication by a third-party
 * collector in the US and in California (licence configured); for a template that does not speak of
 * legal action, also during a validation period and on a time-barred debt (a template that does is
 * checked there at render time and refused, never activated for them).
 */
function situations(template: MessageTemplate): { name: string; context: ContentContext }[] {
  const base: ContentContext = {
    jurisdiction: 'US',
    collectorType: 'third_party',
    firstCommunication: true,
    sentOn: '2026-03-02',
    validationPeriodEndsOn: null,
    timeBarred: false,
    californiaLicenseNumber: null,
  }
  const list = [
    { name: 'US third-party first communication', context: base },
    {
      name: 'California with a licence number',
      context: { ...base, jurisdiction: 'US-CA', californiaLicenseNumber: '10000-99' },
    },
  ]
  if (!template.mentionsLegalAction)
    list.push(
      {
        name: 'during the validation period',
        context: { ...base, firstCommunication: false, validationPeriodEndsOn: '2026-04-15' },
      },
      { name: 'on a time-barred debt', context: { ...base, firstCommunication: false, timeBarred: true } },
    )
  return list
}

/** Every check the template fails, or an empty list. */
export function activationFailures(template: MessageTemplate): ActivationFailure[] {
  const failures: ActivationFailure[] = []
  for (const { name, context } of situations(template)) {
    const { check } = renderMessage(template, SAMPLE, context)
    if (check.outcome === 'block') failures.push({ situation: name, reasons: check.reasons })
  }
  return failures
}

/** Activates a template, or throws `template_check_failed` with every failed check in the details. */
export function activateTemplate(template: MessageTemplate): ActiveTemplate {
  const failures = activationFailures(template)
  if (failures.length > 0) {
    const first = failures[0]
    throw new AppError(
      'template_check_failed',
      `template ${templateId(template)} cannot be activated: ${first?.situation}: ${first?.reasons[0]?.message}` +
        (failures.length > 1 ? ` (and ${failures.length - 1} more failed situations)` : ''),
      { failures },
    )
  }
  return template as ActiveTemplate
}
