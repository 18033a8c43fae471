import { daysBetween, localDateAt } from '../core/calendar/local-date.ts'
import type { AccountSnapshot } from '../core/engine/account-snapshot.ts'
import type { AccountFacts, DisputeState, PromiseState } from '../core/playbook/account-facts.ts'
import { accountLimitation } from './account-limitation.ts'
import type { AccountRequestBase } from './build-compliance-request.ts'

/** Results that mean the debtor was reached or answered (right-party contact or a response). */
const RESPONSES = new Set(['conversation', 'responded'])

/**
 * The flat facts a playbook sees, derived from a snapshot on `asOf` (days counted in `timeZone`, the
 * tenant's). The risk score, band and reason codes come from the account's current score (recoup model
 * score); the segment from the account's attributes.
 * `base` is the account's compliance request (built once per decision), for the limitation look-up.
 */
export function buildAccountFacts(
  snapshot: AccountSnapshot,
  asOf: string,
  timeZone: string,
  base: AccountRequestBase,
): AccountFacts {
  let contactAttempts = 0
  let rightPartyContacts = 0
  let lastResponse: string | null = null
  for (const event of snapshot.contactEvents) {
    if (event.direction === 'outbound') contactAttempts++
    if (event.result === 'conversation') rightPartyContacts++
    if (event.direction === 'inbound' || RESPONSES.has(event.result)) lastResponse = event.occurredAt
  }
  const limitation = accountLimitation(base, asOf)
  const attributes = snapshot.attributes
  const usable = (kind: string) =>
    snapshot.contactPoints.some((p) => p.kind === kind && p.optedOutAt === null && p.consent !== 'revoked')
  return {
    // The external id, not the row id: row ids differ between databases and after a re-import.
    accountKey: snapshot.externalId,
    asOf,
    // Signed for playbooks: negative before the due date, so pre-due reminders can be expressed
    // (aging clamps at 0; a playbook needs to know how far ahead the due date is).
    daysPastDue: daysBetween(snapshot.dueOn, asOf),
    balanceMinor: snapshot.balanceMinor,
    originalMinor: snapshot.originalMinor,
    currency: snapshot.currency,
    debtKind: snapshot.debtKind,
    jurisdiction: snapshot.jurisdiction,
    client: snapshot.clientExternalId,
    segment: typeof attributes.segment === 'string' ? attributes.segment : snapshot.debtKind,
    // The stored score when a model scored the account; an imported figure otherwise.
    riskScore:
      snapshot.score?.score ?? (typeof attributes.riskScore === 'number' ? attributes.riskScore : null),
    riskBand: snapshot.score?.band ?? null,
    reasonCodes: snapshot.score?.reasonCodes ?? [],
    promiseState: promiseState(snapshot),
    planState: snapshot.plans.at(-1)?.state ?? 'none',
    disputeState: disputeState(snapshot),
    brokenPromises: snapshot.promises.filter((p) => p.state === 'broken').length,
    contactAttempts,
    rightPartyContacts,
    daysSinceLastResponse:
      lastResponse === null ? null : daysBetween(localDateAt(new Date(lastResponse), timeZone), asOf),
    daysUntilLimitation: limitation?.daysLeft ?? null,
    hasPhone: usable('phone'),
    hasEmail: usable('email'),
    hasPostal: usable('postal'),
  }
}

/** The latest promise decides: open, kept, or broken (a partly kept promise was not kept). */
function promiseState(snapshot: AccountSnapshot): PromiseState {
  const latest = snapshot.promises.at(-1)
  if (!latest) return 'none'
  return latest.state === 'partially_kept' ? 'broken' : latest.state
}

/** An unresolved dispute is open; otherwise the latest resolution, or none. */
function disputeState(snapshot: AccountSnapshot): DisputeState {
  if (snapshot.disputes.some((d) => d.resolvedAt === null)) return 'open'
  const resolved = snapshot.disputes.at(-1)
  if (!resolved) return 'none'
  return resolved.resolution === 'debtor' ? 'resolved_for_debtor' : 'resolved_for_creditor'
}
