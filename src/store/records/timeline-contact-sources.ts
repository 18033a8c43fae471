/** The contact and engine kinds of an account's timeline: messages, letters, calls, decisions, journal. */
import type { TimelineRequest } from '../../core/timeline/timeline-page.ts'
import { type Db, paged, rows, SPECS, type TimelineScope } from './timeline-source.ts'

/** Messages (or letters) that carry this account, with the action each was for and its events. */
export async function messages(db: Db, at: TimelineScope, request: TimelineRequest, letters: boolean) {
  const s = letters ? SPECS.document : SPECS.message
  const q = paged(db, s, request, at.timeZone)
  const found = await db
    .selectFrom('messages as m')
    .select([
      'm.id as id',
      'm.channel as channel',
      'm.status as status',
      'm.recipient as recipient',
      'm.subject as subject',
      'm.provider as provider',
      'm.error as error',
      'm.attempts as attempts',
      'm.sent_at as sentAt',
      'm.updated_at as updatedAt',
      'm.compliance as compliance',
    ])
    .select(q.at)
    .where('m.tenant_id', '=', at.tenantId)
    .where('m.id', 'in', (eb) =>
      eb
        .selectFrom('message_accounts as ma')
        .select('ma.message_id')
        .where('ma.account_id', '=', at.accountId)
        .where('ma.tenant_id', '=', at.tenantId),
    )
    .where('m.channel', letters ? '=' : '<>', 'letter')
    .where(q.after)
    .orderBy(q.order)
    .limit(q.limit)
    .execute()
  const ids = found.map((m) => m.id)
  const [actions, events] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom('message_accounts as ma')
            .innerJoin('outbox as o', 'o.id', 'ma.outbox_id')
            .select(['ma.message_id as messageId', 'o.id as outboxId', 'o.payload as payload'])
            .where('ma.message_id', 'in', ids)
            .where('ma.account_id', '=', at.accountId)
            .orderBy('o.id')
            .execute(),
          db
            .selectFrom('message_events')
            .select(['id', 'message_id as messageId', 'kind', 'detail', 'occurred_at as occurredAt'])
            .where('message_id', 'in', ids)
            .where('tenant_id', '=', at.tenantId)
            .orderBy('occurred_at')
            .orderBy('id')
            .execute(),
        ])
  const withParts = found.map((m) => ({
    ...m,
    actions: actions.filter((a) => a.messageId === m.id).map((a) => a.payload),
    events: events.filter((e) => e.messageId === m.id),
  }))
  return rows(letters ? 'document' : 'message', 'created', s, withParts, at.timeZone)
}

/** The account's call tasks, dated by their outcome or else by when they are due. */
export async function calls(db: Db, at: TimelineScope, request: TimelineRequest) {
  const s = SPECS.call
  const q = paged(db, s, request, at.timeZone)
  const found = await db
    .selectFrom('call_tasks as t')
    .select([
      't.id as id',
      't.status as status',
      't.due_at as dueAt',
      't.script as script',
      't.follows_task_id as followsTaskId',
      't.assigned_user_id as assignedUserId',
      't.outcome as outcome',
      't.outcome_note as outcomeNote',
      't.outcome_details as outcomeDetails',
      't.outcome_at as outcomeAt',
      't.outcome_by as outcomeBy',
    ])
    .select(q.at)
    .where('t.tenant_id', '=', at.tenantId)
    .where('t.account_id', '=', at.accountId)
    .where(q.after)
    .orderBy(q.order)
    .limit(q.limit)
    .execute()
  return rows('call', 'task', s, found, at.timeZone)
}

/** Decisions of the daily run and of events, or only those that moved the stage. */
export async function decisions(db: Db, at: TimelineScope, request: TimelineRequest, stageChanges: boolean) {
  const s = stageChanges ? SPECS.stage_change : SPECS.decision
  const q = paged(db, s, request, at.timeZone)
  let query = db
    .selectFrom('decisions as d')
    .select([
      'd.id as id',
      'd.trigger as trigger',
      'd.trigger_ref as triggerRef',
      'd.run_id as runId',
      'd.playbook_id as playbookId',
      'd.playbook_version as playbookVersion',
      'd.variant as variant',
      'd.from_stage as fromStage',
      'd.to_stage as toStage',
      'd.error as error',
    ])
    .select(q.at)
    .where('d.tenant_id', '=', at.tenantId)
    .where('d.account_id', '=', at.accountId)
  if (stageChanges)
    query = query
      .where('d.error', 'is', null)
      .where((eb) => eb.or([eb('d.from_stage', 'is', null), eb('d.from_stage', '<>', eb.ref('d.to_stage'))]))
  else query = query.select('d.trace as trace')
  const found = await query.where(q.after).orderBy(q.order).limit(q.limit).execute()
  return rows(
    stageChanges ? 'stage_change' : 'decision',
    stageChanges ? 'moved' : 'decided',
    s,
    found as (Omit<(typeof found)[number], 'trace'> & { trace?: string })[],
    at.timeZone,
  )
}

/**
 * Journal events about the account, its debtor and the debtor's contact points that no other kind
 * shows (closing, write-off and charge-off reasons, opt-outs, undeliverable points, preference changes,
 * approvals and rejections of held actions).
 */
export const JOURNAL_TYPES = [
  'account.closed',
  'account.written_off',
  'account.charged_off',
  'contact_point.opted_out',
  'contact_point.undeliverable',
  'contact_point.updated',
  'debtor.updated',
  'escalation.approved',
  'escalation.rejected',
] as const

/** The journal events of JOURNAL_TYPES about the account, its debtor and the debtor's contact points. */
export async function journal(db: Db, at: TimelineScope, request: TimelineRequest) {
  const s = SPECS.journal
  const q = paged(db, s, request, at.timeZone)
  const points = await db
    .selectFrom('contact_points')
    .select('id')
    .where('tenant_id', '=', at.tenantId)
    .where('debtor_id', '=', at.debtorId)
    .execute()
  const subjects = [
    `account:${at.accountId}`,
    `debtor:${at.debtorId}`,
    ...points.map((p) => `contact_point:${p.id}`),
  ]
  const found = await db
    .selectFrom('journal_events as j')
    .select(['j.id as id', 'j.seq as seq', 'j.type as type', 'j.actor as actor', 'j.subject as subject'])
    .select(q.at)
    .where('j.tenant_id', '=', at.tenantId)
    .where('j.subject', 'in', subjects)
    .where('j.type', 'in', [...JOURNAL_TYPES])
    .where(q.after)
    .orderBy(q.order)
    .limit(q.limit)
    .execute()
  return rows('journal', 'recorded', s, found, at.timeZone)
}
