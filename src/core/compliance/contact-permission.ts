/**
 * Contact-permission rules: may we make this one contact at all, whatever the time of day? Checks the
 * debtor's legal states (attorney, written cease, workplace prohibition, opt-outs) and TCPA consent for
 * the contact point. Every rule that blocks adds a reason; none of these states ends by waiting, so
 * `earliestAllowedAt` is always null. A state whose timestamp is after `at` does not yet apply.
 */

import type { Channel } from '../channels/channels.ts'
import { AppError } from '../errors/index.ts'
import type { ComplianceDecision, ComplianceReason } from './compliance-decision.ts'
import {
  type ContactPermissionRule,
  CONTACT_PERMISSION_RULES as RULES,
  TCPA_CONFIRMATION_WINDOW_MS,
} from './contact-permission-rules.ts'
import { instantMs as parseInstant } from './instant-ms.ts'

/** An outreach channel (the registry in core/channels is the one list). */
export type ContactChannel = Channel
export type ContactPurpose = 'collection' | 'cease_confirmation' | 'remedy_notice' | 'opt_out_confirmation'
export type Consent = 'unknown' | 'granted' | 'revoked'

export interface ContactPoint {
  kind: 'phone' | 'email' | 'postal'
  /** Omitted on a phone: treated as possibly mobile (fail safe for the TCPA). */
  phoneType?: 'mobile' | 'landline' | 'work'
  /** The address is known to be provided by the debtor's employer (email only). */
  employerProvided?: boolean
  /** When the person opted out of this address or number. */
  optedOutAt?: string | null
  /** TCPA prior express consent for autodialed/prerecorded calls and texts to this number. */
  consent: Consent
  consentRevokedAt?: string | null
}

export interface DebtorContactState {
  /** Known representation; the name and address must be readily ascertainable, as here. */
  attorney?: { name: string; address: string; knownAt: string } | null
  /** When the written cease/refusal was received (a mailed notice takes effect on receipt). */
  ceaseReceivedAt?: string | null
  employerProhibitsWorkContact?: boolean
  /** Prior consent given directly to the collector (1006.6(b)(4)); lifts the attorney rule only here. */
  directConsentToContact?: boolean
  /** Media the person asked us not to use (1006.14(h)). */
  mediumOptOuts?: readonly { channel: ContactChannel; at: string }[]
  /** The debtor has emailed us from this (employer-provided) address. */
  emailedFromThisAddress?: boolean
}

/** A confirmation or notice already sent; `purpose` says which one-time allowance it used. */
export interface PriorConfirmation {
  channel: ContactChannel
  purpose: ContactPurpose
  at: string
}

export interface ContactPermissionInput {
  /** The proposed contact instant: ISO 8601 with `Z` or an explicit offset. */
  at: string
  channel: ContactChannel
  purpose: ContactPurpose
  contactPoint: ContactPoint
  /** Calls only; omitted is treated as autodialed (fail safe for the TCPA). */
  dialing?: 'manual' | 'autodialed' | 'prerecorded'
  debtor: DebtorContactState
  priorConfirmations?: readonly PriorConfirmation[]
}

const KIND_OF_CHANNEL = { call: 'phone', sms: 'phone', email: 'email', letter: 'postal' } as const

/** Decides whether one proposed contact is permitted; returns every rule that blocks it. */
export function contactPermissionDecision(input: ContactPermissionInput): ComplianceDecision {
  const { channel, purpose, contactPoint: point, debtor } = input
  const at = parseInstant(input.at, 'at')
  if (KIND_OF_CHANNEL[channel] !== point.kind) {
    throw new AppError('invalid_contact', `channel "${channel}" cannot reach a ${point.kind} contact point`)
  }
  const reasons: ComplianceReason[] = []

  const attorney = debtor.attorney
  if (attorney && inForce(attorney.knownAt, 'attorney.knownAt', at) && !debtor.directConsentToContact) {
    addReason(
      reasons,
      RULES.attorney,
      `the debtor is represented by ${attorney.name}; contact the attorney, not the debtor`,
    )
  }

  const cease = debtor.ceaseReceivedAt
  if (inForce(cease, 'debtor.ceaseReceivedAt', at)) {
    const notice = purpose === 'cease_confirmation' || purpose === 'remedy_notice'
    if (!notice || channel !== 'letter') {
      addReason(
        reasons,
        RULES.cease,
        'a written cease was received: only a letter ending collection or naming a remedy',
      )
    } else if (used(input, purpose, cease)) {
      addReason(
        reasons,
        RULES.cease,
        `a written cease was received and the one ${purpose} letter was already sent`,
      )
    }
  }

  if (point.kind === 'phone' && point.phoneType === 'work' && debtor.employerProhibitsWorkContact) {
    addReason(reasons, RULES.workplace, 'the employer prohibits contact at work: do not call the work number')
  }

  if (
    point.kind === 'email' &&
    point.employerProvided &&
    !debtor.directConsentToContact &&
    !debtor.emailedFromThisAddress
  ) {
    addReason(
      reasons,
      RULES.employerEmail,
      'the address is employer-provided and the debtor has not consented to it or used it',
    )
  }

  const optOut = earliestOptOut(debtor.mediumOptOuts ?? [], channel, at)
  if (optOut) {
    if (purpose !== 'opt_out_confirmation') {
      addReason(reasons, RULES.mediumOptOut, `the person asked us not to use ${channel}`)
    } else if (used(input, 'opt_out_confirmation', optOut.at, channel)) {
      addReason(
        reasons,
        RULES.mediumOptOut,
        `the person asked us not to use ${channel} and the one confirmation was sent`,
      )
    }
  }

  if (inForce(point.optedOutAt, 'contactPoint.optedOutAt', at)) {
    addReason(reasons, RULES.contactPointOptOut, 'the person opted out of this address or number')
  }

  const mobile = point.kind === 'phone' && (point.phoneType ?? 'mobile') === 'mobile'
  const robotic = channel === 'sms' || (channel === 'call' && (input.dialing ?? 'autodialed') !== 'manual')
  if (mobile && robotic && point.consent !== 'granted') {
    if (point.consent === 'unknown') {
      addReason(
        reasons,
        RULES.tcpaConsent,
        `no prior express consent for an ${channel === 'sms' ? 'sms' : 'automated call'} to this mobile`,
      )
    } else if (!tcpaConfirmationAllowed(input, at)) {
      addReason(
        reasons,
        RULES.tcpaRevocation,
        'consent to this mobile was revoked: no automated calls or texts',
      )
    }
  }

  return { outcome: reasons.length === 0 ? 'allow' : 'block', reasons, earliestAllowedAt: null }
}

/** The one confirmation text within 5 minutes of a revocation (FCC 24-24). */
function tcpaConfirmationAllowed(input: ContactPermissionInput, at: number): boolean {
  const revokedAt = input.contactPoint.consentRevokedAt
  if (input.channel !== 'sms' || input.purpose !== 'opt_out_confirmation' || revokedAt == null) return false
  const elapsed = at - parseInstant(revokedAt, 'contactPoint.consentRevokedAt')
  return (
    elapsed >= 0 &&
    elapsed <= TCPA_CONFIRMATION_WINDOW_MS &&
    !used(input, 'opt_out_confirmation', revokedAt, 'sms')
  )
}

/** True when a state recorded at `time` is in force at the proposed instant `at`. */
function inForce(time: string | null | undefined, field: string, at: number): time is string {
  return time != null && parseInstant(time, field) <= at
}

/** Whether a one-time allowance for `use` has already been used since `since`. */
function used(input: ContactPermissionInput, use: ContactPurpose, since: string, onChannel?: ContactChannel) {
  return (input.priorConfirmations ?? []).some(
    (c) =>
      c.purpose === use &&
      (onChannel === undefined || c.channel === onChannel) &&
      parseInstant(c.at, 'priorConfirmations.at') >= parseInstant(since, 'since'),
  )
}

/** The earliest opt-out of `channel` in force at `at`, if any. */
function earliestOptOut(
  optOuts: readonly { channel: ContactChannel; at: string }[],
  channel: string,
  at: number,
) {
  let earliest: { channel: ContactChannel; at: string } | undefined
  let earliestAt = Number.POSITIVE_INFINITY
  for (const o of optOuts) {
    if (o.channel !== channel || !inForce(o.at, 'mediumOptOuts.at', at)) continue
    const time = parseInstant(o.at, 'mediumOptOuts.at')
    if (time < earliestAt) {
      earliest = o
      earliestAt = time
    }
  }
  return earliest
}

function addReason(reasons: ComplianceReason[], rule: ContactPermissionRule, message: string): void {
  reasons.push({ ruleId: rule.ruleId, citation: rule.citation, message })
}
