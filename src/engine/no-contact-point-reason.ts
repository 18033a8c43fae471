import { CHANNELS, type Channel } from '../core/channels/channels.ts'
import type { ComplianceReason } from '../core/compliance/compliance-decision.ts'
import type { AccountSnapshot, SnapshotContactPoint } from '../core/engine/account-snapshot.ts'
import type { PlaybookAction } from '../core/playbook/account-facts.ts'

/** The rule id of every "cannot reach the debtor on this channel" block. */
export const NO_CONTACT_POINT_RULE = 'recoup.no-usable-contact-point'

/**
 * Why an action on `channel` has no contact point, in words a collector can act on: the channel, the
 * contact point it needs, and what is missing ("letter: no postal address on file for debtor D-17,
 * needed for the validation_notice"), or for each point on file why it cannot be used ("sms: +15550100
 * opted out on 2026-01-04"). External ids only.
 */
export function noContactPointReason(
  snapshot: AccountSnapshot,
  channel: Channel,
  action: PlaybookAction,
): ComplianceReason {
  const { contactPoint, contactPointNoun } = CHANNELS[channel]
  const purpose = purposeOf(action)
  const onFile = snapshot.contactPoints.filter((p) => p.kind === contactPoint)
  const debtor = `debtor ${snapshot.debtorExternalId}`
  const message =
    onFile.length === 0
      ? `${channel}: no ${contactPointNoun} on file for ${debtor}${purpose}`
      : `${channel}: no usable ${contactPointNoun} for ${debtor}${purpose}: ${onFile.map((p) => whyUnusable(channel, p)).join('; ')}`
  return { ruleId: NO_CONTACT_POINT_RULE, citation: 'Recoup', message }
}

function whyUnusable(channel: Channel, point: SnapshotContactPoint): string {
  const what = point.kind === 'postal' ? `postal address ${point.value}` : point.value
  if (point.optedOutAt !== null) return `${what} opted out on ${point.optedOutAt.slice(0, 10)}`
  if (point.consent === 'revoked') {
    const since = point.consentAt ? ` on ${point.consentAt.slice(0, 10)}` : ''
    return `${what} has no ${channel === 'sms' ? 'SMS' : 'contact'} consent (revoked${since})`
  }
  return `${what} is not usable`
}

/** ", needed for the validation_notice": which action wanted the channel. */
function purposeOf(action: PlaybookAction): string {
  switch (action.type) {
    case 'produce_document':
      return `, needed for the ${action.document}`
    case 'send_message':
      return `, needed for message ${action.template}`
    case 'create_task':
      return `, needed for the ${action.task} task`
    default:
      return ''
  }
}
