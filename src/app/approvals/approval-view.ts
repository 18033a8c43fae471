import type { ApprovalRow } from '../../store/approvals/approval.repository.ts'
import type { OutboxStatus } from '../../store/schema.ts'

/** An action a playbook held for approval, as the approval queue and its acts answer it. */
export interface ApprovalView {
  /** The outbox row's id: what approve and reject name. */
  readonly id: number
  readonly status: OutboxStatus
  readonly account: string
  readonly debtor: string
  readonly debtorName: string
  readonly stage: string
  readonly action: {
    readonly type: string
    readonly channel: string | null
    /** The message template or the document kind, when the action has one. */
    readonly template: string | null
    /** The playbook action as the playbook wrote it (type, template, tone, document, note...). */
    readonly payload: Record<string, unknown>
  }
  readonly scheduledAt: string | null
  readonly createdAt: string
  /** The decision-time compliance verdict; the dispatcher checks again when it sends. */
  readonly compliance: {
    readonly outcome: string
    readonly reasons: readonly { ruleId: string; citation: string; message: string }[]
  }
  readonly playbook: { readonly id: string; readonly version: number }
  readonly decisionId: number
  readonly decidedOn: string
  readonly approvedAt: string | null
  readonly approvedBy: string | null
  readonly cancelledAt: string | null
  readonly cancelReason: string | null
}

/** Maps a stored row to its view (payload and compliance are JSON text in the outbox). */
export function approvalView(row: ApprovalRow): ApprovalView {
  const payload = JSON.parse(row.payload) as Record<string, unknown>
  const template = payload.template ?? payload.document ?? payload.task ?? null
  const compliance = JSON.parse(row.compliance) as {
    outcome?: string
    reasons?: { ruleId: string; citation: string; message: string }[]
  }
  return {
    id: row.id,
    status: row.status,
    account: row.account,
    debtor: row.debtor,
    debtorName: row.debtorName,
    stage: row.stage,
    action: {
      type: row.actionType,
      channel: row.channel,
      template: typeof template === 'string' ? template : null,
      payload,
    },
    scheduledAt: row.scheduledAt,
    createdAt: row.createdAt,
    compliance: {
      outcome: compliance.outcome ?? 'not_applicable',
      reasons: (compliance.reasons ?? []).map((r) => ({
        ruleId: r.ruleId,
        citation: r.citation,
        message: r.message,
      })),
    },
    playbook: { id: row.playbookId, version: Number(row.playbookVersion) },
    decisionId: row.decisionId,
    decidedOn: row.asOf,
    approvedAt: row.approvedAt,
    approvedBy: row.approvedBy,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
  }
}
