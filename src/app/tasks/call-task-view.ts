import type { Transaction } from 'kysely'
import { localDateAt } from '../../core/calendar/local-date.ts'
import { formatAmount } from '../../core/money/money.ts'
import { expectedValueMinor } from '../../core/tasks/call-outcome.ts'
import { checkAtSendTime } from '../../outreach/dispatch/send-time-check.ts'
import { debtorOutboundMessages } from '../../store/outreach/dispatch-claim.repository.ts'
import type { Database } from '../../store/schema.ts'
import type { CallTaskRow } from '../../store/tasks/call-task.repository.ts'
import type { Tenant } from '../../store/tenant.repository.ts'

/** Whether the task may be worked now, by the send-time compliance check. */
export interface CallTaskOffer {
  readonly offered: boolean
  /** When a deferred task may be worked (a calling window, a frequency cap); null if now or never. */
  readonly nextAllowedAt: string | null
  readonly reasons: readonly string[]
}

/** A task as the surfaces show it. */
export interface CallTaskView {
  readonly id: number
  readonly account: string
  readonly debtor: string
  readonly phone: string | null
  readonly dueAt: string
  readonly status: string
  readonly assignedUserId: number | null
  /** The balance when the task was made, decimal in `currency` (the queue's priority). */
  readonly balance: string
  /**
   * The balance times the chance of payment within 30 days from the account's `pay_30` score (even
   * odds without one), decimal: the queue's order.
   */
  readonly expectedValue: string
  /** The account's current risk score and the model target it came from; null when it was not scored. */
  readonly risk: { readonly score: number; readonly band: string; readonly target: string } | null
  readonly currency: string
  readonly script: string
  readonly followsTaskId: number | null
  readonly offer: CallTaskOffer | null
  readonly outcome: {
    readonly outcome: string
    readonly note: string | null
    readonly details: Record<string, unknown>
    readonly at: string | null
    readonly by: string | null
  } | null
}

/** Runs the send-time compliance check for an open task's call now (the same check as the dispatcher's). */
export async function offerOf(
  trx: Transaction<Database>,
  tenant: Tenant,
  task: CallTaskRow,
  now: Date,
): Promise<CallTaskOffer> {
  // A legal case's deadline is work for the legal team, not a call to the debtor (docs/legal-cases.md).
  if (task.legalCaseId !== null) return { offered: true, nextAllowedAt: null, reasons: [] }
  const check = await checkAtSendTime(trx, {
    tenantId: tenant.id,
    accountId: task.accountId,
    asOf: localDateAt(now, tenant.time_zone),
    at: now.toISOString(),
    channel: 'call',
    contactPointId: task.contactPointId,
    collectorType: tenant.kind === 'agency' ? 'third_party' : 'original_creditor',
    text: task.script,
    history: await debtorOutboundMessages(trx, tenant.id, task.debtorId),
  })
  if (check.outcome === 'allow') return { offered: true, nextAllowedAt: null, reasons: [] }
  const reasons = check.reasons.map((r) => `${r.ruleId}: ${r.message}`)
  return { offered: false, nextAllowedAt: check.outcome === 'defer' ? check.until : null, reasons }
}

/** The task row as surfaces show it (external ids, decimal money). */
export function callTaskView(task: CallTaskRow, offer: CallTaskOffer | null): CallTaskView {
  return {
    id: task.id,
    account: task.account,
    debtor: task.debtor,
    phone: task.phone,
    dueAt: task.dueAt,
    status: task.status,
    assignedUserId: task.assignedUserId,
    balance: formatAmount(task.priority, task.currency),
    expectedValue: formatAmount(expectedValueMinor(task.priority, task.noPaymentPpm), task.currency),
    risk:
      task.score === null || task.band === null || task.scoreTarget === null
        ? null
        : { score: task.score, band: task.band, target: task.scoreTarget },
    currency: task.currency,
    script: task.script,
    followsTaskId: task.followsTaskId,
    offer,
    outcome:
      task.outcome === null
        ? null
        : {
            outcome: task.outcome,
            note: task.outcomeNote,
            details: JSON.parse(task.outcomeDetails ?? '{}') as Record<string, unknown>,
            at: task.outcomeAt,
            by: task.outcomeBy,
          },
  }
}
