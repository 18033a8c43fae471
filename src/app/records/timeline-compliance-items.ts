import { localDateAt } from '../../core/calendar/local-date.ts'
import { letterKindOf } from '../../core/outreach/letter-kind.ts'
import { parse, type Row, reasonsOf, str, type TimelineAccount, type TimelineItem } from './timeline-item.ts'

/**
 * The items that carry a compliance verdict: messages and letters with their send-time check, and
 * decisions with each action's decision-time check and the playbook rules that fired.
 */

const CHANNEL_TITLES: Record<string, string> = { email: 'E-mail', sms: 'SMS', letter: 'Letter' }

/** The send-time check of a message: allowed or blocked, with the rules and reasons that blocked it. */
function sendTimeCheck(text: string) {
  const check = parse(text)
  const reasons = check.outcome === 'allow' ? [] : reasonsOf(check.reasons)
  return {
    outcome: check.outcome === 'allow' ? ('allowed' as const) : ('blocked' as const),
    checkedAt: typeof check.checkedAt === 'string' ? check.checkedAt : null,
    ruleIds: [...new Set(reasons.map((r) => r.ruleId))],
    reasons,
  }
}

/**
 * The document endpoint's path for this letter, with the day it was mailed (or queued) in the tenant's
 * zone as `mailingDate`, so that the dates the letter printed are printed again.
 */
function pdfPath(a: TimelineAccount, kind: string, mailedAt: string): string {
  const day = localDateAt(new Date(mailedAt), a.timeZone)
  const account = encodeURIComponent(a.externalId)
  return `/api/v1/tenants/${encodeURIComponent(a.tenantSlug)}/accounts/${account}/documents/${kind}.pdf?mailingDate=${day}`
}

/** A message or letter item. */
export function messageItem(r: Row<'message'> | Row<'document'>, a: TimelineAccount): TimelineItem {
  const m = r.row
  const action = parse(m.actions[0])
  const compliance = sendTimeCheck(m.compliance)
  const events = m.events.map((e) => ({ kind: e.kind, detail: e.detail, occurredAt: e.occurredAt }))
  const channel = CHANNEL_TITLES[m.channel] ?? m.channel
  const blocked = compliance.outcome === 'blocked'
  const common = {
    channel: m.channel,
    recipient: m.recipient,
    provider: m.provider,
    attempts: m.attempts,
    sentAt: m.sentAt,
    error: m.error,
    compliance,
    events,
  }
  if (r.kind === 'document') {
    const documentKind = letterKindOf(action, a.jurisdiction)
    return {
      id: `document:${m.id}`,
      kind: 'document',
      at: r.at,
      title: blocked
        ? `Letter (${documentKind}) blocked: ${compliance.ruleIds.join(', ') || 'compliance'}`
        : `Letter (${documentKind}): ${m.status}`,
      status: m.status,
      amountMinor: null,
      currency: null,
      details: {
        ...common,
        documentKind,
        action: str(action.type),
        // A blocked letter was never printed, a failed one could not be: no document to show.
        pdfPath:
          blocked || m.status === 'failed' || m.status === 'bounced'
            ? null
            : pdfPath(a, documentKind, m.sentAt ?? compliance.checkedAt ?? r.at),
      },
    }
  }
  const template = str(action.template)
  const what = template === null ? channel : `${channel} ${template}`
  return {
    id: `message:${m.id}`,
    kind: 'message',
    at: r.at,
    title: blocked
      ? `${what} blocked: ${compliance.ruleIds.join(', ') || 'compliance'}`
      : `${what}: ${m.status}`,
    status: m.status,
    amountMinor: null,
    currency: null,
    details: { ...common, subject: m.subject, template, tone: str(action.tone) },
  }
}

function actionsOf(trace: Record<string, unknown>) {
  const actions = Array.isArray(trace.actions) ? (trace.actions as Record<string, unknown>[]) : []
  return actions.map((x) => {
    const action = (typeof x.action === 'object' && x.action !== null ? x.action : {}) as Record<
      string,
      unknown
    >
    const compliance = (
      typeof x.compliance === 'object' && x.compliance !== null ? x.compliance : {}
    ) as Record<string, unknown>
    const reasons = reasonsOf(compliance.reasons)
    return {
      step: typeof x.step === 'number' ? x.step : null,
      type: str(action.type) ?? 'unknown',
      channel: str(action.channel),
      status: str(x.status),
      scheduledAt: str(x.scheduledAt),
      compliance: {
        outcome: str(compliance.outcome) ?? 'not_applicable',
        ruleIds: [...new Set(reasons.map((r) => r.ruleId))],
        reasons,
      },
    }
  })
}

/** A decision or stage-change item. */
export function decisionItem(r: Row<'decision'> | Row<'stage_change'>): TimelineItem {
  const d = r.row
  const playbook = { id: d.playbookId, version: d.playbookVersion, variant: d.variant }
  if (r.kind === 'stage_change')
    return {
      id: `stage_change:${d.id}`,
      kind: 'stage_change',
      at: r.at,
      title: d.fromStage === null ? `Entered stage ${d.toStage}` : `Stage ${d.fromStage} → ${d.toStage}`,
      status: null,
      amountMinor: null,
      currency: null,
      details: { fromStage: d.fromStage, toStage: d.toStage, playbook, decisionId: d.id },
    }
  const trace = parse(d.trace)
  const fired = Array.isArray(trace.fired) ? trace.fired.filter((f) => typeof f === 'string') : []
  const actions = actionsOf(trace)
  const blocked = actions.filter((x) => x.compliance.outcome === 'block').length
  return {
    id: `decision:${d.id}`,
    kind: 'decision',
    at: r.at,
    title: d.error
      ? `Could not decide: ${d.error}`
      : `Decision at stage ${d.toStage}: ${actions.length} action(s)${blocked ? `, ${blocked} blocked` : ''}`,
    status: d.error ? 'error' : null,
    amountMinor: null,
    currency: null,
    details: {
      trigger: d.trigger,
      triggerRef: d.triggerRef,
      runId: d.runId,
      playbook,
      fromStage: d.fromStage,
      toStage: d.toStage,
      segment: str(trace.segment),
      fired,
      actions,
      error: d.error,
    },
  }
}
