import { formatAmount } from '../../core/money/money.ts'
import { letterKindOf } from '../../core/outreach/letter-kind.ts'
import { instalmentStatuses } from '../../core/timeline/instalment-status.ts'
import type { TimelineKind } from '../../core/timeline/timeline-page.ts'
import type { TimelineSourceRow } from '../../store/records/account-timeline.repository.ts'

/** One item of an account's timeline as the API shows it (the schema: timeline.schema.ts). */
export interface TimelineItem {
  /** Unique in the timeline: `<kind>:<row id>`, a dispute's events `dispute.<event>:<row id>`. */
  readonly id: string
  readonly kind: TimelineKind
  readonly at: string
  readonly title: string
  readonly status: string | null
  readonly amountMinor: number | null
  readonly currency: string | null
  readonly details: Record<string, unknown>
}

/** What the items need of the account besides its rows. */
export interface TimelineAccount {
  readonly tenantSlug: string
  readonly externalId: string
  readonly currency: string
  readonly jurisdiction: string
  /** Today in the tenant's zone: instalments past their day are overdue. */
  readonly today: string
}

const ENTRY_TITLES: Record<string, string> = {
  charge: 'Charge',
  payment: 'Payment',
  fee: 'Fee',
  interest: 'Interest',
  adjustment: 'Adjustment',
  write_off: 'Write-off',
  reversal: 'Reversal',
}

const CHANNEL_TITLES: Record<string, string> = { email: 'E-mail', sms: 'SMS', letter: 'Letter' }

const JOURNAL_TITLES: Record<string, string> = {
  'account.closed': 'Account closed',
  'account.written_off': 'Account written off',
  'account.charged_off': 'Account charged off',
  'contact_point.opted_out': 'Debtor opted out of a contact point',
  'contact_point.undeliverable': 'Contact point marked undeliverable',
  'contact_point.updated': 'Contact point updated',
  'debtor.updated': 'Debtor preferences updated',
}

function parse(text: string | null | undefined): Record<string, unknown> {
  if (!text) return {}
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

interface Reason {
  ruleId: string
  citation: string | null
  message: string
}

function reasonsOf(value: unknown): Reason[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((r) =>
    typeof r === 'object' && r !== null && typeof (r as Reason).ruleId === 'string'
      ? [
          {
            ruleId: (r as Reason).ruleId,
            citation: typeof (r as Reason).citation === 'string' ? (r as Reason).citation : null,
            message: typeof (r as Reason).message === 'string' ? (r as Reason).message : '',
          },
        ]
      : [],
  )
}

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

const money = (minor: number, currency: string) => `${formatAmount(Math.abs(minor), currency)} ${currency}`
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

type Row<K extends TimelineKind> = TimelineSourceRow<K>

function transactionItem(r: Row<'transaction'>, a: TimelineAccount): TimelineItem {
  const e = r.row
  return {
    id: `transaction:${e.id}`,
    kind: 'transaction',
    at: r.at,
    title: `${ENTRY_TITLES[e.entryKind] ?? e.entryKind} of ${money(e.amountMinor, a.currency)} (${e.component})`,
    status: null,
    amountMinor: e.amountMinor,
    currency: a.currency,
    details: {
      entryKind: e.entryKind,
      component: e.component,
      postedAt: e.postedAt,
      reference: e.reference,
      payment: e.payment,
      reversesEntryId: e.reversesId,
      memo: e.memo,
    },
  }
}

function messageItem(r: Row<'message'> | Row<'document'>, a: TimelineAccount): TimelineItem {
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
        pdfPath: blocked
          ? null
          : `/api/v1/tenants/${encodeURIComponent(a.tenantSlug)}/accounts/${encodeURIComponent(a.externalId)}/documents/${documentKind}.pdf`,
      },
    }
  }
  const template = str(action.template)
  return {
    id: `message:${m.id}`,
    kind: 'message',
    at: r.at,
    title: blocked
      ? `${channel} ${template ?? ''} blocked: ${compliance.ruleIds.join(', ') || 'compliance'}`.replace(
          '  ',
          ' ',
        )
      : `${channel} ${template ?? ''}: ${m.status}`.replace(' :', ':'),
    status: m.status,
    amountMinor: null,
    currency: null,
    details: { ...common, subject: m.subject, template, tone: str(action.tone) },
  }
}

function callItem(r: Row<'call'>): TimelineItem {
  const t = r.row
  return {
    id: `call:${t.id}`,
    kind: 'call',
    at: r.at,
    title: t.outcome ? `Call: ${t.outcome.replaceAll('_', ' ')}` : `Call task ${t.status}`,
    status: t.status,
    amountMinor: null,
    currency: null,
    details: {
      dueAt: t.dueAt,
      script: t.script,
      followsTaskId: t.followsTaskId,
      assignedUserId: t.assignedUserId,
      outcome: t.outcome,
      outcomeNote: t.outcomeNote,
      outcomeDetails: t.outcomeDetails === null ? null : parse(t.outcomeDetails),
      outcomeAt: t.outcomeAt,
      outcomeBy: t.outcomeBy,
    },
  }
}

function promiseItem(r: Row<'promise'>, a: TimelineAccount): TimelineItem {
  const p = r.row
  return {
    id: `promise:${p.id}`,
    kind: 'promise',
    at: r.at,
    title: `Promise of ${money(p.amountMinor, a.currency)} due ${p.dueOn}: ${p.state.replace('_', ' ')}`,
    status: p.state,
    amountMinor: p.amountMinor,
    currency: a.currency,
    details: { dueOn: p.dueOn, channel: p.channel, takenBy: p.takenBy, takenOn: p.takenOn },
  }
}

function planItem(r: Row<'plan'>, a: TimelineAccount): TimelineItem {
  const p = r.row
  return {
    id: `plan:${p.id}`,
    kind: 'plan',
    at: r.at,
    title: `Payment plan of ${money(p.totalMinor, a.currency)}, ${p.frequency}: ${p.status}`,
    status: p.status,
    amountMinor: p.totalMinor,
    currency: a.currency,
    details: {
      frequency: p.frequency,
      downPaymentMinor: p.downPaymentMinor,
      graceDays: p.graceDays,
      approvedBy: p.approvedBy,
      brokenOn: p.brokenOn,
      replacesPlanId: p.replacesPlanId,
      instalments: instalmentStatuses(p.instalments, p.payments, { createdOn: p.createdOn, today: a.today }),
    },
  }
}

function settlementItem(r: Row<'settlement'>, a: TimelineAccount): TimelineItem {
  const s = r.row
  return {
    id: `settlement:${s.id}`,
    kind: 'settlement',
    at: r.at,
    title: `Settlement offer of ${money(s.offerMinor, a.currency)} until ${s.expiresOn}: ${s.status}`,
    status: s.status,
    amountMinor: s.offerMinor,
    currency: a.currency,
    details: {
      expiresOn: s.expiresOn,
      approvedBy: s.approvedBy,
      settledOn: s.settledOn,
      writeOffMinor: s.writeOffMinor,
    },
  }
}

function disputeItem(r: Row<'dispute'>, a: TimelineAccount): TimelineItem {
  const d = r.row
  const titles: Record<string, string> = {
    opened: `Dispute opened${d.written ? ' in writing' : ''}`,
    verification_sent: 'Dispute verification sent',
    resolved: `Dispute resolved${d.resolution ? ` for the ${d.resolution}` : ''}`,
  }
  return {
    id: `dispute.${r.event}:${d.id}`,
    kind: 'dispute',
    at: r.at,
    title: titles[r.event] ?? 'Dispute',
    status: d.resolvedAt ? 'resolved' : d.verificationSentAt ? 'verification_sent' : 'open',
    amountMinor: d.amountMinor,
    currency: d.amountMinor === null ? null : a.currency,
    details: {
      event: r.event,
      disputeId: d.id,
      receivedAt: d.receivedAt,
      written: d.written === 1,
      reason: d.reason,
      channel: d.channel,
      verificationSentAt: d.verificationSentAt,
      resolvedAt: d.resolvedAt,
      resolution: d.resolution,
    },
  }
}

function hardshipItem(r: Row<'hardship'>, a: TimelineAccount): TimelineItem {
  const h = r.row
  return {
    id: `hardship:${h.id}`,
    kind: 'hardship',
    at: r.at,
    title: `Hardship pause ${h.from} to ${h.to}`,
    status: a.today < h.from ? 'scheduled' : a.today > h.to ? 'ended' : 'active',
    amountMinor: null,
    currency: null,
    details: { reason: h.reason, from: h.from, to: h.to },
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

function decisionItem(r: Row<'decision'> | Row<'stage_change'>): TimelineItem {
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

function journalItem(r: Row<'journal'>): TimelineItem {
  const j = r.row
  return {
    id: `journal:${j.id}`,
    kind: 'journal',
    at: r.at,
    title: JOURNAL_TITLES[j.type] ?? j.type,
    status: null,
    amountMinor: null,
    currency: null,
    details: { type: j.type, actor: j.actor, subject: j.subject, seq: j.seq },
  }
}

/** The API item of one source row. */
export function timelineItem(r: TimelineSourceRow<TimelineKind>, account: TimelineAccount): TimelineItem {
  switch (r.kind) {
    case 'transaction':
      return transactionItem(r as Row<'transaction'>, account)
    case 'message':
    case 'document':
      return messageItem(r as Row<'message'>, account)
    case 'call':
      return callItem(r as Row<'call'>)
    case 'promise':
      return promiseItem(r as Row<'promise'>, account)
    case 'plan':
      return planItem(r as Row<'plan'>, account)
    case 'settlement':
      return settlementItem(r as Row<'settlement'>, account)
    case 'dispute':
      return disputeItem(r as Row<'dispute'>, account)
    case 'hardship':
      return hardshipItem(r as Row<'hardship'>, account)
    case 'decision':
    case 'stage_change':
      return decisionItem(r as Row<'decision'>)
    case 'journal':
      return journalItem(r as Row<'journal'>)
  }
}
