import { type Kysely, sql, type Transaction } from 'kysely'
import type { AccountDecision, DecisionError } from '../../core/engine/account-decision.ts'
import { stageChangedEvents } from '../../core/webhooks/webhook-events.ts'
import { insertRows } from '../insert-rows.ts'
import type { Database } from '../schema.ts'
import { enqueueWebhookEvents } from '../webhooks/webhook-outbox.repository.ts'

/** Rows per multi-row INSERT: far below both databases' bound-parameter limits. */
const CHUNK = 500

// The batch writes are compiled multi-row INSERTs (insertRows): the query builder's per-value work cost
// more than SQLite's execution of them. Column lists in the order of the value arrays below.
const DECISION_COLUMNS = [
  'tenant_id',
  'account_id',
  'as_of',
  '"trigger"',
  'trigger_ref',
  'run_id',
  'playbook_id',
  'playbook_version',
  'variant',
  'from_stage',
  'to_stage',
  'trace',
]
const STATE_COLUMNS = [
  'account_id',
  'tenant_id',
  'playbook_id',
  'playbook_version',
  'variant',
  'stage',
  'stage_entered_on',
  'next_step',
  'updated_on',
]
const STATE_UPSERT = ` on conflict (account_id) do update set ${STATE_COLUMNS.slice(2)
  .map((c) => `${c} = excluded.${c}`)
  .join(', ')}`
const OUTBOX_COLUMNS = [
  'tenant_id',
  'account_id',
  'decision_id',
  'idempotency_key',
  'action_type',
  'channel',
  'contact_point_id',
  'payload',
  'status',
  'scheduled_at',
  'compliance',
]

/** Why decisions were taken: the daily run, or an event (payment, dispute...) with its key. */
export interface DecisionTrigger {
  kind: 'daily' | 'event'
  /** '' for the daily run; the event's key otherwise, so one event is decided once. */
  ref: string
  runId: number | null
}

/** What a batch wrote, for the run summary. */
export interface DecisionWriteCounts {
  decisions: number
  stageMoves: number
  statesWritten: number
  actionsScheduled: number
  actionsAwaitingApproval: number
  actionsBlocked: number
  blockedByRule: Record<string, number>
  /** Accounts that could not be decided (recorded with the reason, see `writeDecisionErrors`). */
  errors: number
  /** Which ones and why, by external id (at most `MAX_LISTED_ERRORS` per summary). */
  errorAccounts: { account: string; reason: string }[]
}

/** How many undecidable accounts a summary lists by name; the count covers all of them. */
export const MAX_LISTED_ERRORS = 100

/** Counts with nothing in them. */
export function emptyWriteCounts(): DecisionWriteCounts {
  return {
    decisions: 0,
    stageMoves: 0,
    statesWritten: 0,
    actionsScheduled: 0,
    actionsAwaitingApproval: 0,
    actionsBlocked: 0,
    blockedByRule: {},
    errors: 0,
    errorAccounts: [],
  }
}

/**
 * Persists a batch's decisions inside the caller's transaction: the decision with its trace, the new
 * strategy state and the scheduled actions in the outbox. Accounts whose state did not move and that
 * have nothing to do write nothing. A decision already recorded for the same day and trigger (a
 * replay after a crash) is kept and its actions are not written again. The stage moves newly recorded
 * are announced as `account.stage_changed`, with one enqueue for the whole batch.
 */
export async function writeDecisions(
  trx: Transaction<Database>,
  tenantId: number,
  asOf: string,
  trigger: DecisionTrigger,
  decisions: readonly AccountDecision[],
): Promise<DecisionWriteCounts> {
  const counts = emptyWriteCounts()
  // An event's decision is recorded even when nothing moved: the timeline shows it was considered.
  const recorded = decisions.filter((d) => d.recordDecision || trigger.kind === 'event')
  const decisionIds = new Map<number, number>()
  for (let i = 0; i < recorded.length; i += CHUNK) {
    const rows = recorded
      .slice(i, i + CHUNK)
      .map((d) => [
        tenantId,
        d.accountId,
        asOf,
        trigger.kind,
        trigger.ref,
        trigger.runId,
        d.playbook.id,
        d.playbook.version,
        d.outcome.state.variant,
        d.previous?.stage ?? null,
        d.outcome.state.stage,
        JSON.stringify(decisionTrace(d)),
      ])
    const inserted = await insertRows<{ id: number | string; account_id: number | string }>(
      trx as unknown as Kysely<unknown>,
      'decisions',
      DECISION_COLUMNS,
      rows,
      ' on conflict (account_id, as_of, "trigger", trigger_ref) do nothing returning id, account_id',
    )
    for (const row of inserted) decisionIds.set(Number(row.account_id), Number(row.id))
  }
  const states = decisions.filter(
    (d) => d.stateChanged && (!d.recordDecision || decisionIds.has(d.accountId)),
  )
  for (let i = 0; i < states.length; i += CHUNK) {
    const rows = states
      .slice(i, i + CHUNK)
      .map(({ accountId, outcome: { state } }) => [
        accountId,
        tenantId,
        state.playbookId,
        state.playbookVersion,
        state.variant,
        state.stage,
        state.stageEnteredOn,
        state.nextStep,
        asOf,
      ])
    await insertRows(trx as unknown as Kysely<unknown>, 'strategy_states', STATE_COLUMNS, rows, STATE_UPSERT)
  }
  counts.statesWritten = states.length
  await cancelSupersededActions(trx, tenantId, asOf, trigger, recorded, decisionIds)
  const outbox: unknown[][] = []
  for (const d of recorded) {
    const decisionId = decisionIds.get(d.accountId)
    if (decisionId === undefined) continue
    counts.decisions++
    if (d.outcome.stageChanged) counts.stageMoves++
    for (const a of d.actions) {
      if (a.status === 'blocked') {
        counts.actionsBlocked++
        for (const r of a.compliance.reasons)
          counts.blockedByRule[r.ruleId] = (counts.blockedByRule[r.ruleId] ?? 0) + 1
      } else if (a.status === 'awaiting_approval') counts.actionsAwaitingApproval++
      else counts.actionsScheduled++
      outbox.push([
        tenantId,
        d.accountId,
        decisionId,
        a.idempotencyKey,
        a.proposed.action.type,
        a.channel,
        a.contactPointId,
        JSON.stringify(a.proposed.action),
        a.status,
        a.scheduledAt,
        JSON.stringify(a.compliance),
      ])
    }
  }
  for (let i = 0; i < outbox.length; i += CHUNK) {
    await insertRows(
      trx as unknown as Kysely<unknown>,
      'outbox',
      OUTBOX_COLUMNS,
      outbox.slice(i, i + CHUNK),
      ' on conflict (tenant_id, idempotency_key) do nothing',
    )
  }
  // Only decisions inserted now: a replayed day (or `--force`) announces no move twice.
  const moves = recorded
    .filter((d) => d.outcome.stageChanged && decisionIds.has(d.accountId))
    .map((d) => ({ accountId: d.accountId, from: d.previous?.stage ?? null, to: d.outcome.state.stage }))
  await enqueueWebhookEvents(trx, tenantId, stageChangedEvents(moves, asOf, trigger.runId))
  return counts
}

/**
 * An account that moved stage drops the actions its old stage still had waiting (a payment that moves
 * it to "resolved" cancels the reminders it made pointless), in the transaction that moved it. The
 * new decision's own actions are inserted afterwards, so they are never caught by this.
 */
async function cancelSupersededActions(
  trx: Transaction<Database>,
  tenantId: number,
  asOf: string,
  trigger: DecisionTrigger,
  recorded: readonly AccountDecision[],
  decisionIds: ReadonlyMap<number, number>,
): Promise<void> {
  const moved = recorded
    .filter((d) => d.previous !== null && d.outcome.stageChanged && decisionIds.has(d.accountId))
    .map((d) => d.accountId)
  const reason = `superseded: the account changed stage on ${asOf} (${trigger.kind === 'daily' ? 'daily run' : trigger.ref})`
  for (let i = 0; i < moved.length; i += CHUNK) {
    await trx
      .updateTable('outbox')
      .set({ status: 'cancelled', cancelled_at: new Date().toISOString(), cancel_reason: reason })
      // `tenant_id + 0`: compared bare, SQLite may walk the (tenant_id, idempotency_key) index through
      // the whole outbox instead of the (account_id, status) one: quadratic over a run.
      .where(sql<boolean>`tenant_id + 0 = ${tenantId}`)
      .where('account_id', 'in', moved.slice(i, i + CHUNK))
      .where('status', 'in', ['pending', 'awaiting_approval'])
      .execute()
  }
}

/** The trace stored with a decision: the playbook's reasons plus each action's compliance verdict. */
function decisionTrace(d: AccountDecision) {
  return {
    playbook: { id: d.playbook.id, version: d.playbook.version },
    ...d.outcome.trace,
    actions: d.actions.map((a) => ({
      step: a.proposed.step,
      action: a.proposed.action,
      requiresApproval: a.proposed.requiresApproval,
      status: a.status,
      scheduledAt: a.scheduledAt,
      compliance: a.compliance,
    })),
  }
}

/** Sums batch counts into run counts. */
export function addWriteCounts(total: DecisionWriteCounts, batch: DecisionWriteCounts): void {
  total.decisions += batch.decisions
  total.stageMoves += batch.stageMoves
  total.statesWritten += batch.statesWritten
  total.actionsScheduled += batch.actionsScheduled
  total.actionsAwaitingApproval += batch.actionsAwaitingApproval
  total.actionsBlocked += batch.actionsBlocked
  for (const [rule, n] of Object.entries(batch.blockedByRule)) {
    total.blockedByRule[rule] = (total.blockedByRule[rule] ?? 0) + n
  }
  total.errors += batch.errors
  for (const e of batch.errorAccounts) {
    if (total.errorAccounts.length < MAX_LISTED_ERRORS) total.errorAccounts.push(e)
  }
}

/**
 * Records the accounts the engine could not decide, inside the caller's transaction: one decision row
 * each with the reason in `error`, the account's stage unchanged and no actions, so `recoup explain`
 * shows why nothing happened. Counted (and listed) in `counts`; a replay of the same day keeps the row.
 */
export async function writeDecisionErrors(
  trx: Transaction<Database>,
  tenantId: number,
  asOf: string,
  trigger: DecisionTrigger,
  errors: readonly DecisionError[],
  counts: DecisionWriteCounts,
): Promise<void> {
  for (let i = 0; i < errors.length; i += CHUNK) {
    const rows = errors.slice(i, i + CHUNK).map((e) => ({
      tenant_id: tenantId,
      account_id: e.accountId,
      as_of: asOf,
      trigger: trigger.kind,
      trigger_ref: trigger.ref,
      run_id: trigger.runId,
      playbook_id: e.previous?.playbookId ?? '',
      playbook_version: e.previous?.playbookVersion ?? 0,
      variant: e.previous?.variant ?? '',
      from_stage: e.previous?.stage ?? null,
      to_stage: e.previous?.stage ?? '',
      trace: JSON.stringify({ error: e.reason }),
      error: e.reason,
    }))
    await trx
      .insertInto('decisions')
      .values(rows)
      .onConflict((oc) => oc.columns(['account_id', 'as_of', 'trigger', 'trigger_ref']).doNothing())
      .execute()
  }
  for (const e of errors) {
    counts.errors++
    if (counts.errorAccounts.length < MAX_LISTED_ERRORS) {
      counts.errorAccounts.push({ account: e.externalId, reason: e.reason })
    }
  }
}
