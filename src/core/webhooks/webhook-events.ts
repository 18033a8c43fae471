/**
 * The webhook events Recoup sends and how journal events become them. Pure: the outbox writer
 * (src/store/webhooks/webhook-outbox.repository.ts) calls `webhookEventsOfJournal` next to every
 * journal append, so each journaled change that has a webhook is announced in its own transaction.
 * The unjournaled changes (stage moves, sent messages, completed runs, receipts) build their events
 * here too and enqueue them in the transaction that writes them.
 */

/** Every webhook event type, in the order docs/webhooks.md lists them. */
export const WEBHOOK_EVENT_TYPES = [
  'payment.received',
  'payment.reversed',
  'promise.made',
  'promise.kept',
  'promise.broken',
  'plan.created',
  'plan.completed',
  'plan.broken',
  'dispute.opened',
  'dispute.resolved',
  'account.closed',
  'account.written_off',
  'account.charged_off',
  'account.stage_changed',
  'message.sent',
  'message.delivered',
  'message.failed',
  'run.completed',
  'placement.created',
  'placement.recalled',
  'placement.remittance_reconciled',
  'webhook_endpoint.disabled',
] as const

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/** Whether a string names a webhook event type. */
export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value)
}

/** One event to announce: its type and its `data` (ids and facts, never personal data). */
export interface WebhookEvent {
  readonly type: WebhookEventType
  readonly data: Readonly<Record<string, unknown>>
}

/** Journal event types announced as the webhook event of the same name, payload as `data`. */
const SAME_NAME: ReadonlySet<string> = new Set([
  'payment.reversed',
  'promise.kept',
  'promise.broken',
  'plan.created',
  'plan.completed',
  'plan.broken',
  'dispute.opened',
  'dispute.resolved',
  'account.closed',
  'account.written_off',
  'account.charged_off',
  'placement.created',
  'placement.recalled',
  'placement.remittance_reconciled',
  'webhook_endpoint.disabled',
])

/** The webhook events one journal event announces (none for most: imports, users, keys...). */
export function webhookEventsOfJournal(journal: {
  readonly type: string
  readonly subject?: string | null
  readonly payload: Readonly<Record<string, unknown>>
}): WebhookEvent[] {
  const subject = journal.subject ?? null
  if (journal.type === 'payments.posted') {
    // One journal event records a whole batch; receivers get one event per payment.
    const payments = Array.isArray(journal.payload.payments) ? journal.payload.payments : []
    const paidInFull = Array.isArray(journal.payload.paidInFull) ? journal.payload.paidInFull : []
    return payments.map((p: { id?: unknown; externalId?: unknown; account?: unknown }) => ({
      type: 'payment.received',
      data: {
        paymentId: p.id,
        externalId: p.externalId,
        accountId: p.account,
        paidInFull: paidInFull.includes(p.account),
      },
    }))
  }
  if (journal.type === 'promise.recorded')
    return [{ type: 'promise.made', data: { subject, ...journal.payload } }]
  if (SAME_NAME.has(journal.type))
    return [{ type: journal.type as WebhookEventType, data: { subject, ...journal.payload } }]
  return []
}

/** One account's move to another stage, as a decision records it (`from` null: it entered its first). */
export interface StageChange {
  readonly accountId: number
  readonly from: string | null
  readonly to: string
}

/** `account.stage_changed` for each move a decision writer recorded on `asOf` (`runId` null: a re-evaluation). */
export function stageChangedEvents(
  changes: readonly StageChange[],
  asOf: string,
  runId: number | null,
): WebhookEvent[] {
  return changes.map((c) => ({
    type: 'account.stage_changed',
    data: { accountId: c.accountId, from: c.from, to: c.to, runId, asOf },
  }))
}

/** The counts of a completed daily run that `run.completed` carries. */
export interface RunCompletedFacts {
  readonly runId: number
  readonly asOf: string
  readonly batches: number
  readonly accounts: number
  readonly decisions: number
  readonly stageMoves: number
  readonly actionsScheduled: number
  readonly actionsAwaitingApproval: number
  readonly actionsBlocked: number
  readonly blockedByRule: Readonly<Record<string, number>>
  readonly errors: number
}

/**
 * `run.completed` with the run's counts, picked one by one: the summary also lists undecidable
 * accounts by external id, which stays behind the API.
 */
export function runCompletedEvent(run: RunCompletedFacts): WebhookEvent {
  return {
    type: 'run.completed',
    data: {
      runId: run.runId,
      asOf: run.asOf,
      batches: run.batches,
      accounts: run.accounts,
      decisions: run.decisions,
      stageMoves: run.stageMoves,
      actionsScheduled: run.actionsScheduled,
      actionsAwaitingApproval: run.actionsAwaitingApproval,
      actionsBlocked: run.actionsBlocked,
      blockedByRule: { ...run.blockedByRule },
      errors: run.errors,
    },
  }
}

/** Whether an endpoint filtering on `eventTypes` (empty: every event) wants `type`. */
export function endpointWants(eventTypes: readonly string[], type: string): boolean {
  return eventTypes.length === 0 || eventTypes.includes(type)
}

/**
 * Seconds to wait after failed attempt number `attempt` (1-based): 30 s, 2 min, 8 min, 32 min, ~2 h,
 * ~8.5 h, then once a day. Exponential (x4) so a receiver down for a day is still reached.
 */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(30 * 4 ** Math.max(0, attempt - 1), 86_400)
}
