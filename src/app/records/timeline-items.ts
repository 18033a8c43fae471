import { instalmentStatuses } from '../../core/timeline/instalment-status.ts'
import type { TimelineKind } from '../../core/timeline/timeline-page.ts'
import type { TimelineSourceRow } from '../../store/records/account-timeline.repository.ts'
import { decisionItem, messageItem } from './timeline-compliance-items.ts'
import { money, parse, type Row, type TimelineAccount, type TimelineItem } from './timeline-item.ts'

export type { TimelineAccount, TimelineItem } from './timeline-item.ts'

const ENTRY_TITLES: Record<string, string> = {
  charge: 'Charge',
  payment: 'Payment',
  fee: 'Fee',
  interest: 'Interest',
  adjustment: 'Adjustment',
  write_off: 'Write-off',
  reversal: 'Reversal',
}

const JOURNAL_TITLES: Record<string, string> = {
  'account.closed': 'Account closed',
  'account.written_off': 'Account written off',
  'account.charged_off': 'Account charged off',
  'contact_point.opted_out': 'Debtor opted out of a contact point',
  'contact_point.undeliverable': 'Contact point marked undeliverable',
  'contact_point.updated': 'Contact point updated',
  'debtor.updated': 'Debtor preferences updated',
  'escalation.approved': 'Held action approved',
  'escalation.rejected': 'Held action rejected',
}

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
