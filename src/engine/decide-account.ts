import { addDays, daysBetween } from '../core/calendar/local-date.ts'
import { instantAtLocalTime } from '../core/calendar/local-time.ts'
import { CHANNELS, type Channel } from '../core/channels/channels.ts'
import type {
  CollectorType,
  ComplianceRequest,
  ComplianceResult,
  ProposedAction,
} from '../core/compliance/compliance-request.ts'
import type {
  AccountDecision,
  ActionCompliance,
  DecisionError,
  ScheduledAction,
} from '../core/engine/account-decision.ts'
import type { AccountSnapshot, SnapshotContactPoint } from '../core/engine/account-snapshot.ts'
import type { PlaybookAction, ProposedPlaybookAction, StrategyState } from '../core/playbook/account-facts.ts'
import type { CompiledPlaybook } from '../core/playbook/compile-playbook.ts'
import { buildAccountFacts } from './build-account-facts.ts'
import { type AccountRequestBase, complianceRequestBase, forAction } from './build-compliance-request.ts'
import { holdForHardship } from './hold-for-hardship.ts'
import { noContactPointReason } from './no-contact-point-reason.ts'

/** What the engine needs besides the account: the day, the playbooks, and the compliance evaluator. */
export interface EngineContext {
  asOf: string
  /** The tenant's zone: days past due and "today" are counted there. */
  tenantZone: string
  collectorType: CollectorType
  playbooks: readonly CompiledPlaybook[]
  evaluateCompliance: (request: ComplianceRequest) => ComplianceResult
  /** Local time ("HH:MM") in the debtor's zone at which the day's contacts are proposed. */
  sendTime: string
  /**
   * The tenant's longest plan in months (settings, docs/settings.md): an `offer_plan` action offering
   * more is cut to it, so a playbook never offers what the plan use case would refuse. Absent: as written.
   */
  planMaxMonths?: number
}

export type {
  AccountDecision,
  ActionCompliance,
  DecisionError,
  ScheduledAction,
  ScheduledStatus,
} from '../core/engine/account-decision.ts'

/**
 * Decides one account's day: its playbook's next stage and actions, each action checked against the
 * compliance packs at the proposed time and scheduled at the earliest allowed time when later. Returns
 * null when no playbook applies. Pure: all I/O happened when the snapshot was loaded.
 */
export function decideAccount(snapshot: AccountSnapshot, context: EngineContext): AccountDecision | null {
  return decideAndSchedule(snapshot, context).decision
}

/**
 * The decision and the day the run must decide the account again (docs/daily-run.md, "Only the day's
 * work"): the first day on which time alone may change the decision, by the playbook's thresholds and
 * step delays (`daysUntilChange`), the next dated ledger line and the hardship pauses' ends; tomorrow
 * when a pause held wanted actions or a cycle of stages was cut short; never more than
 * MAX_DAYS_BETWEEN_DECISIONS ahead. Any event in between marks the account due at once (migration 0034).
 */
export function decideAndSchedule(
  snapshot: AccountSnapshot,
  context: EngineContext,
): { decision: AccountDecision | null; decideAgainOn: string } {
  // The account's part of every compliance request (debtor, contact points, debts, history) is built
  // once here; each action and the limitation look-up only add their own `action`.
  const base = complianceRequestBase(snapshot, context.collectorType)
  const facts = buildAccountFacts(snapshot, context.asOf, context.tenantZone, base)
  const previous = snapshot.state
  const playbook =
    context.playbooks.find((p) => previous !== null && p.id === previous.playbookId) ??
    context.playbooks.find((p) => p.appliesTo(facts))
  if (!playbook) {
    let days = Number.POSITIVE_INFINITY
    for (const p of context.playbooks) days = Math.min(days, p.daysUntilChange(facts, null))
    return { decision: null, decideAgainOn: decideAgainOn(snapshot, context.asOf, days) }
  }
  const planned = playbook.evaluate(facts, previous?.playbookId === playbook.id ? previous : null)
  const { outcome, held } = holdForHardship(snapshot, context.asOf, previous, planned)
  const actions = outcome.actions.map((proposed) =>
    scheduleAction(snapshot, base, withinPlanBounds(proposed, context), outcome.state, context),
  )
  const days = held || planned.unsettled ? 1 : playbook.daysUntilChange(facts, outcome.state)
  return {
    decision: {
      accountId: snapshot.accountId,
      playbook,
      previous,
      outcome,
      stateChanged: previous === null || !sameState(previous, outcome.state),
      recordDecision: outcome.stageChanged || actions.length > 0 || held,
      actions,
    },
    decideAgainOn: decideAgainOn(snapshot, context.asOf, days),
  }
}

/** The most days the run lets pass without deciding an open account again, whatever its playbook says. */
export const MAX_DAYS_BETWEEN_DECISIONS = 366

/** `asOf` plus `days`, brought forward to the next dated ledger line or pause boundary; at least tomorrow. */
function decideAgainOn(snapshot: AccountSnapshot, asOf: string, days: number): string {
  let ahead = Math.min(days, MAX_DAYS_BETWEEN_DECISIONS)
  if (snapshot.nextLedgerOn) ahead = Math.min(ahead, daysBetween(asOf, snapshot.nextLedgerOn))
  for (const pause of snapshot.hardshipPauses) {
    ahead = Math.min(
      ahead,
      pause.from > asOf ? daysBetween(asOf, pause.from) : daysBetween(asOf, pause.to) + 1,
    )
  }
  return addDays(asOf, Math.max(1, ahead))
}

/**
 * The same, but an account that cannot be decided (a date the calendar cannot handle, a defect) is an
 * error decision with the reason instead of an exception: one bad account never stops a run.
 */
export function decideAccountSafely(
  snapshot: AccountSnapshot,
  context: EngineContext,
):
  | { decision: AccountDecision | null; decideAgainOn: string }
  | { error: DecisionError; decideAgainOn: string } {
  try {
    return decideAndSchedule(snapshot, context)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      // Tried again every day: the data may be corrected, and the error is recorded for each day.
      decideAgainOn: addDays(context.asOf, 1),
      error: {
        accountId: snapshot.accountId,
        externalId: snapshot.externalId,
        previous: snapshot.state,
        reason,
      },
    }
  }
}

/** An `offer_plan` action no longer than the tenant's plan bound; any other action as it is. */
function withinPlanBounds(proposed: ProposedPlaybookAction, context: EngineContext): ProposedPlaybookAction {
  const { action } = proposed
  const max = context.planMaxMonths
  if (action.type !== 'offer_plan' || max === undefined || action.maxMonths <= max) return proposed
  return { ...proposed, action: { ...action, maxMonths: max } }
}

function sameState(a: StrategyState, b: StrategyState): boolean {
  return (
    a.playbookId === b.playbookId &&
    a.playbookVersion === b.playbookVersion &&
    a.variant === b.variant &&
    a.stage === b.stage &&
    a.stageEnteredOn === b.stageEnteredOn &&
    a.nextStep === b.nextStep
  )
}

function scheduleAction(
  snapshot: AccountSnapshot,
  request: AccountRequestBase,
  proposed: ProposedPlaybookAction,
  state: StrategyState,
  context: EngineContext,
): ScheduledAction {
  const zone = snapshot.addressZones[0] ?? snapshot.statedTimeZone ?? context.tenantZone
  const proposedAt = new Date(instantAtLocalTime(context.asOf, context.sendTime, zone)).toISOString()
  const base = {
    idempotencyKey: `${snapshot.accountId}:${state.stage}:${state.stageEnteredOn}:${proposed.step}`,
    proposed,
  }
  const held = proposed.requiresApproval ? 'awaiting_approval' : 'pending'
  const target = complianceTarget(proposed.action)
  if (target === null) {
    const compliance: ActionCompliance = { proposedAt, outcome: 'not_applicable', reasons: [], packs: [] }
    return { ...base, channel: null, contactPointId: null, status: held, scheduledAt: proposedAt, compliance }
  }
  const point = target.channel ? pickContactPoint(snapshot, target.channel) : null
  if (target.channel && !point) {
    const compliance: ActionCompliance = {
      proposedAt,
      outcome: 'block',
      reasons: [noContactPointReason(snapshot, target.channel, proposed.action)],
      packs: [],
    }
    return {
      ...base,
      channel: target.channel,
      contactPointId: null,
      status: 'blocked',
      scheduledAt: null,
      compliance,
    }
  }
  const action: ProposedAction = {
    kind: target.kind,
    at: proposedAt,
    ...(target.channel ? { channel: target.channel } : {}),
    ...(point ? { contactPointId: String(point.id) } : {}),
    ...(target.channel === 'call' ? { dialing: target.dialing } : {}),
  }
  const result = context.evaluateCompliance(forAction(request, action))
  const scheduledAt = result.outcome === 'allow' ? proposedAt : result.earliestAllowedAt
  const compliance: ActionCompliance = {
    proposedAt,
    outcome: result.outcome === 'allow' ? 'allow' : scheduledAt ? 'deferred' : 'block',
    reasons: result.reasons,
    packs: result.packs,
  }
  return {
    ...base,
    channel: target.channel ?? null,
    contactPointId: point?.id ?? null,
    status: scheduledAt ? held : 'blocked',
    scheduledAt,
    compliance,
  }
}

/** How an action meets the rules: as a contact on a channel, as a legal or reporting step, or not at all. */
export function complianceTarget(
  action: PlaybookAction,
): { kind: ProposedAction['kind']; channel?: Channel; dialing?: 'manual' | 'autodialed' } | null {
  switch (action.type) {
    case 'send_message':
      return { kind: 'contact', channel: action.channel, dialing: 'autodialed' }
    case 'produce_document':
      return action.document === 'legal_notice' || action.document === 'letter_of_claim'
        ? { kind: 'legal_notice', channel: 'letter' }
        : { kind: 'contact', channel: 'letter' }
    case 'create_task':
      // A collector's call task is scheduled inside the debtor's window; the call is re-checked when made.
      return action.task === 'call' ? { kind: 'contact', channel: 'call', dialing: 'manual' } : null
    case 'report_to_bureau':
      return { kind: 'credit_report' }
    case 'place_with_agency':
      return { kind: 'agency_placement' }
    case 'apply_charge':
      return { kind: action.charge }
    default:
      return null
  }
}

const PHONE_PREFERENCE = { mobile: 0, landline: 1, work: 2 } as const

/**
 * The contact point a channel would use: not opted out, not revoked, not undeliverable (a hard bounce
 * moves the playbook on to another point or channel); for phones a mobile first, work last.
 */
export function pickContactPoint(snapshot: AccountSnapshot, channel: Channel): SnapshotContactPoint | null {
  const kind = CHANNELS[channel].contactPoint
  let best: SnapshotContactPoint | null = null
  for (const point of snapshot.contactPoints) {
    if (point.kind !== kind || point.optedOutAt !== null || point.consent === 'revoked') continue
    if (point.undeliverableAt) continue
    if (best === null || rank(point) < rank(best)) best = point
  }
  return best
}

const rank = (point: SnapshotContactPoint) => (point.phoneType ? PHONE_PREFERENCE[point.phoneType] : 3)
