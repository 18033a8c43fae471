import type { Transaction } from 'kysely'
import type { Channel } from '../../core/channels/channels.ts'
import type { ComplianceReason } from '../../core/compliance/compliance-decision.ts'
import type { CollectorType, ComplianceRequest } from '../../core/compliance/compliance-request.ts'
import { evaluateCompliance } from '../../core/compliance/evaluate-compliance.ts'
import { complianceRequestBase } from '../../engine/build-compliance-request.ts'
import { loadAccountSnapshots } from '../../store/engine/account-snapshot.repository.ts'
import { heldCaseOf } from '../../store/legal/legal-case.repository.ts'
import { placementHoldOf } from '../../store/placements/placement.repository.ts'
import type { Database } from '../../store/schema.ts'

/** The send-time answer for one account of a message. */
export type SendTimeCheck =
  | { outcome: 'allow'; packs: readonly { id: string; version: string }[] }
  | { outcome: 'defer'; until: string; reasons: readonly ComplianceReason[] }
  | {
      outcome: 'block'
      reasons: readonly ComplianceReason[]
      packs: readonly { id: string; version: string }[]
    }

const reason = (ruleId: string, message: string): ComplianceReason => ({
  ruleId,
  citation: 'recoup',
  message,
})

/** Messages of the debtor on any account, as the evaluator's history (caps per consumer count them all). */
export type DebtorHistory = readonly {
  account_id: number
  channel: string
  contact_point_id: number | null
  occurred_at: string
}[]

/**
 * Re-runs the compliance evaluator for one account's part of a message at the moment it would go out:
 * the account's current snapshot (new disputes, restrictions, opt-outs, payments since the decision),
 * every message already sent or in flight to the debtor, and the rendered text (disclosure, opt-out,
 * overshadowing). An account that closed, is placed with a partner or is held by a legal case (its
 * legal notices excepted), or a contact point that opted out or bounced, is refused.
 */
export async function checkAtSendTime(
  trx: Transaction<Database>,
  input: {
    tenantId: number
    accountId: number
    asOf: string
    at: string
    channel: Channel
    contactPointId: number | null
    collectorType: CollectorType
    /** The rendered text for the content checks; '' for a letter (its document has its own checks). */
    text: string
    history: DebtorHistory
    /** A legal notice (Letter of Claim, NI Act notice) meets the legal-step gates, not only contact rules. */
    kind?: 'contact' | 'legal_notice'
  },
): Promise<SendTimeCheck> {
  const [snapshot] = await loadAccountSnapshots(
    trx,
    { tenantId: input.tenantId, firstAccountId: input.accountId, lastAccountId: input.accountId },
    input.asOf,
  )
  if (!snapshot)
    return {
      outcome: 'block',
      reasons: [reason('outreach.account-not-open', 'the account is no longer open')],
      packs: [],
    }
  // Placed with an agency or law firm: the partner collects, we do not (docs/placements.md).
  const hold = await placementHoldOf(trx, input.accountId)
  if (hold)
    return {
      outcome: 'block',
      reasons: [
        reason(
          'outreach.placed',
          `the account is placed with ${hold.partner} since ${hold.placedOn} (${hold.status}): the partner collects, not us`,
        ),
      ],
      packs: [],
    }
  // In litigation: while a case is open or in enforcement all outreach holds off the account, the
  // playbook's legal notices and letters of claim too; the case's own steps are tasks, not outbox rows
  // (docs/legal-cases.md).
  const litigation = await heldCaseOf(trx, input.accountId)
  if (litigation)
    return {
      outcome: 'block',
      reasons: [
        reason(
          'outreach.in_litigation',
          `the account is in legal case #${litigation.caseId} (${litigation.kind}, ${litigation.status}` +
            `${litigation.filedOn ? ` since ${litigation.filedOn}` : ''}): the case's own steps only`,
        ),
      ],
      packs: [],
    }
  const point = snapshot.contactPoints.find((p) => p.id === input.contactPointId)
  if (!point)
    return {
      outcome: 'block',
      reasons: [reason('outreach.no-contact-point', 'the contact point no longer exists')],
      packs: [],
    }
  if (point.undeliverableAt)
    return {
      outcome: 'block',
      reasons: [
        reason('outreach.undeliverable', `${point.value} is undeliverable since ${point.undeliverableAt}`),
      ],
      packs: [],
    }
  // The evaluator applies opt-outs where a pack binds the debt; Recoup never messages an opted-out point.
  if (point.optedOutAt !== null || point.consent === 'revoked')
    return {
      outcome: 'block',
      reasons: [
        reason(
          'outreach.opted-out',
          `${point.value} opted out of this channel at ${point.optedOutAt ?? point.consentAt ?? 'an unknown time'}`,
        ),
      ],
      packs: [],
    }
  const base = complianceRequestBase(snapshot, input.collectorType)
  const request: ComplianceRequest = {
    ...base,
    history: {
      ...base.history,
      messages: input.history.map((m) => ({
        at: m.occurred_at,
        channel: m.channel as 'email' | 'sms' | 'letter' | 'visit',
        debtIds: [String(m.account_id)],
        ...(m.contact_point_id !== null ? { contactPointId: String(m.contact_point_id) } : {}),
      })),
    },
    action: {
      kind: input.kind ?? 'contact',
      at: input.at,
      channel: input.channel,
      contactPointId: String(point.id),
      debtIds: [String(input.accountId)],
      ...(input.text === '' ? {} : { content: { text: input.text } }),
    },
  }
  const result = evaluateCompliance(request)
  if (result.outcome === 'allow') return { outcome: 'allow', packs: result.packs }
  if (result.earliestAllowedAt && result.earliestAllowedAt > input.at)
    return { outcome: 'defer', until: result.earliestAllowedAt, reasons: result.reasons }
  return { outcome: 'block', reasons: result.reasons, packs: result.packs }
}
