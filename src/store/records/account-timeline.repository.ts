import { type Kysely, sql } from 'kysely'
import type { TimelineKey, TimelineKind, TimelineRequest } from '../../core/timeline/timeline-page.ts'
import type { Database } from '../schema.ts'
import { type KeySpec, keyAfter, keyExpression, keyOrder, rowKey } from './timeline-keyset.ts'

/**
 * The sources of an account's timeline: one keyset query per source (a table, the column its items
 * are dated by, a rank), each reading at most `limit + 1` rows after the cursor on the account's index
 * of that table. The use case merges them (mergeTimeline); a page therefore costs the same however
 * many items the account has. The caller has found the account in the tenant and the actor's scope.
 */

/** The account a timeline is read for, with what the sources need of it. */
export interface TimelineScope {
  readonly tenantId: number
  readonly accountId: number
  readonly debtorId: number
  /** The tenant's zone: calendar dates sort as its midnight. */
  readonly timeZone: string
}

/** One row of one source, with its timeline key and the value it is dated by. */
export interface TimelineRow<K extends TimelineKind = TimelineKind, R = Record<string, unknown>> {
  readonly kind: K
  /** Which event of the row: a dispute is opened, then verified, then resolved. */
  readonly event: string
  readonly key: TimelineKey
  readonly at: string
  readonly row: R
}

type Db = Kysely<Database>

const spec = (type: KeySpec['type'], column: string, id: string, rank: number): KeySpec => ({
  type,
  column: sql.ref(column),
  id,
  rank,
})

/** Ranks break ties between items at the same instant (a day's dated items all sit at its midnight). */
const SPECS = {
  decision: spec('date', 'd.as_of', 'd.id', 1),
  stage_change: spec('date', 'd.as_of', 'd.id', 2),
  transaction: spec('date', 'l.effective_on', 'l.id', 3),
  plan: spec('date', 'p.created_on', 'p.id', 4),
  settlement: spec('date', 's.created_on', 's.id', 5),
  promise: spec('stamp', 'p.created_at', 'p.id', 6),
  hardship: spec('stamp', 'h.created_at', 'h.id', 7),
  dispute_opened: spec('stamp', 'd.received_at', 'd.id', 8),
  dispute_verification: spec('stamp', 'd.verification_sent_at', 'd.id', 9),
  dispute_resolved: spec('stamp', 'd.resolved_at', 'd.id', 10),
  message: spec('stamp', 'm.created_at', 'm.id', 11),
  document: spec('stamp', 'm.created_at', 'm.id', 12),
  call: { type: 'stamp', column: sql`coalesce(t.outcome_at, t.due_at)`, id: 't.id', rank: 13 },
  journal: spec('text', 'j.occurred_at', 'j.id', 14),
} as const satisfies Record<string, KeySpec>

/** The parts of one source's page query: dated `at`, after the cursor, newest first, `limit + 1` rows. */
function paged(db: Db, s: KeySpec, request: TimelineRequest, zone: string) {
  return {
    at: keyExpression(db, s).as('at'),
    after: keyAfter(db, s, request.after, zone),
    order: keyOrder(db, s),
    limit: request.limit + 1,
  } as const
}

function rows<K extends TimelineKind, R extends { id: number; at: string }>(
  kind: K,
  event: string,
  s: KeySpec,
  found: readonly R[],
  zone: string,
): TimelineRow<K, R>[] {
  return found.map((row) => ({ kind, event, key: rowKey(s, row.at, row.id, zone), at: row.at, row }))
}

async function transactions(db: Db, at: TimelineScope, request: TimelineRequest) {
  const s = SPECS.transaction
  const q = paged(db, s, request, at.timeZone)
  const found = await db
    .selectFrom('ledger_entries as l')
    .leftJoin('payments as pay', 'pay.id', 'l.payment_id')
    .select([
      'l.id as id',
      'l.kind as entryKind',
      'l.component as component',
      'l.amount_minor as amountMinor',
      'l.posted_at as postedAt',
      'l.external_id as reference',
      'l.reverses_id as reversesId',
      'l.memo as memo',
      'pay.external_id as payment',
    ])
    .select(q.at)
    .where('l.tenant_id', '=', at.tenantId)
    .where('l.account_id', '=', at.accountId)
    .where(q.after)
    .orderBy(q.order)
    .limit(q.limit)
    .execute()
  return rows('transaction', 'posted', s, found, at.timeZone)
}

/** Messages (or letters) that carry this account, with the action each was for and its events. */
async function messages(db: Db, at: TimelineScope, request: TimelineRequest, letters: boolean) {
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

async function calls(db: Db, at: TimelineScope, request: TimelineRequest) {
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

async function promises(db: Db, at: TimelineScope, request: TimelineRequest) {
  const s = SPECS.promise
  const q = paged(db, s, request, at.timeZone)
  const found = await db
    .selectFrom('promises as p')
    .select([
      'p.id as id',
      'p.amount_minor as amountMinor',
      'p.due_on as dueOn',
      'p.state as state',
      'p.channel as channel',
      'p.taken_by as takenBy',
      'p.taken_on as takenOn',
    ])
    .select(q.at)
    .where('p.tenant_id', '=', at.tenantId)
    .where('p.account_id', '=', at.accountId)
    .where(q.after)
    .orderBy(q.order)
    .limit(q.limit)
    .execute()
  return rows('promise', 'recorded', s, found, at.timeZone)
}

/** Plans with their instalments, and the account's posted payments (instalments are filled from them). */
async function plans(db: Db, at: TimelineScope, request: TimelineRequest) {
  const s = SPECS.plan
  const q = paged(db, s, request, at.timeZone)
  const found = await db
    .selectFrom('payment_plans as p')
    .select([
      'p.id as id',
      'p.status as status',
      'p.frequency as frequency',
      'p.total_minor as totalMinor',
      'p.down_payment_minor as downPaymentMinor',
      'p.grace_days as graceDays',
      'p.approved_by as approvedBy',
      'p.broken_on as brokenOn',
      'p.replaces_plan_id as replacesPlanId',
      'p.created_on as createdOn',
    ])
    .select(q.at)
    .where('p.tenant_id', '=', at.tenantId)
    .where('p.account_id', '=', at.accountId)
    .where(q.after)
    .orderBy(q.order)
    .limit(q.limit)
    .execute()
  const ids = found.map((p) => p.id)
  const [instalments, payments] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom('plan_instalments')
            .select(['plan_id as planId', 'seq', 'due_on as dueOn', 'amount_minor as amountMinor'])
            .where('plan_id', 'in', ids)
            .orderBy('plan_id')
            .orderBy('seq')
            .execute(),
          db
            .selectFrom('payments')
            .select(['received_on as receivedOn', 'amount_minor as amountMinor'])
            .where('tenant_id', '=', at.tenantId)
            .where('account_id', '=', at.accountId)
            .where('status', '=', 'posted')
            .orderBy('received_on')
            .execute(),
        ])
  const withParts = found.map((p) => ({
    ...p,
    instalments: instalments.filter((i) => i.planId === p.id),
    payments,
  }))
  return rows('plan', 'created', s, withParts, at.timeZone)
}

async function settlements(db: Db, at: TimelineScope, request: TimelineRequest) {
  const s = SPECS.settlement
  const q = paged(db, s, request, at.timeZone)
  const found = await db
    .selectFrom('settlements as s')
    .select([
      's.id as id',
      's.offer_minor as offerMinor',
      's.created_on as createdOn',
      's.expires_on as expiresOn',
      's.status as status',
      's.approved_by as approvedBy',
      's.settled_on as settledOn',
      's.write_off_minor as writeOffMinor',
    ])
    .select(q.at)
    .where('s.tenant_id', '=', at.tenantId)
    .where('s.account_id', '=', at.accountId)
    .where(q.after)
    .orderBy(q.order)
    .limit(q.limit)
    .execute()
  return rows('settlement', 'offered', s, found, at.timeZone)
}

async function hardship(db: Db, at: TimelineScope, request: TimelineRequest) {
  const s = SPECS.hardship
  const q = paged(db, s, request, at.timeZone)
  const found = await db
    .selectFrom('hardship_pauses as h')
    .select(['h.id as id', 'h.reason as reason', 'h.from_on as from', 'h.to_on as to'])
    .select(q.at)
    .where('h.tenant_id', '=', at.tenantId)
    .where('h.account_id', '=', at.accountId)
    .where(q.after)
    .orderBy(q.order)
    .limit(q.limit)
    .execute()
  return rows('hardship', 'paused', s, found, at.timeZone)
}

/** A dispute's three events, each its own source dated by its own column. */
async function disputes(db: Db, at: TimelineScope, request: TimelineRequest) {
  const events = [
    ['opened', SPECS.dispute_opened],
    ['verification_sent', SPECS.dispute_verification],
    ['resolved', SPECS.dispute_resolved],
  ] as const
  const found = await Promise.all(
    events.map(async ([event, s]) => {
      const q = paged(db, s, request, at.timeZone)
      const list = await db
        .selectFrom('disputes as d')
        .select([
          'd.id as id',
          'd.received_at as receivedAt',
          'd.written as written',
          'd.amount_minor as amountMinor',
          'd.reason as reason',
          'd.channel as channel',
          'd.verification_sent_at as verificationSentAt',
          'd.resolved_at as resolvedAt',
          'd.resolution as resolution',
        ])
        .select(q.at)
        .where('d.tenant_id', '=', at.tenantId)
        .where('d.account_id', '=', at.accountId)
        .where(q.after)
        .orderBy(q.order)
        .limit(q.limit)
        .execute()
      return rows('dispute', event, s, list, at.timeZone)
    }),
  )
  return found.flat()
}

/** Decisions of the daily run and of events, or only those that moved the stage. */
async function decisions(db: Db, at: TimelineScope, request: TimelineRequest, stageChanges: boolean) {
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
 * shows (closing, write-off and charge-off reasons, opt-outs, undeliverable points, preference changes).
 */
export const JOURNAL_TYPES = [
  'account.closed',
  'account.written_off',
  'account.charged_off',
  'contact_point.opted_out',
  'contact_point.undeliverable',
  'contact_point.updated',
  'debtor.updated',
] as const

async function journal(db: Db, at: TimelineScope, request: TimelineRequest) {
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

const SOURCES = {
  transaction: transactions,
  message: (db: Db, at: TimelineScope, r: TimelineRequest) => messages(db, at, r, false),
  document: (db: Db, at: TimelineScope, r: TimelineRequest) => messages(db, at, r, true),
  call: calls,
  promise: promises,
  plan: plans,
  settlement: settlements,
  dispute: disputes,
  hardship,
  decision: (db: Db, at: TimelineScope, r: TimelineRequest) => decisions(db, at, r, false),
  stage_change: (db: Db, at: TimelineScope, r: TimelineRequest) => decisions(db, at, r, true),
  journal,
} as const satisfies Record<TimelineKind, (db: Db, at: TimelineScope, r: TimelineRequest) => Promise<unknown>>

/** Rows of a source kind, as its query returns them. */
export type TimelineSourceRow<K extends TimelineKind> = Awaited<ReturnType<(typeof SOURCES)[K]>>[number]

/** The newest `limit + 1` rows after the cursor of every kind asked for, one list per source. */
export async function timelineSourceRows(db: Db, at: TimelineScope, request: TimelineRequest) {
  const lists: TimelineSourceRow<TimelineKind>[][] = []
  // One after the other: on SQLite the queries share one connection anyway, on PostgreSQL a page
  // must not take a dozen pool connections at once.
  for (const kind of request.kinds) lists.push(await SOURCES[kind](db, at, request))
  return lists
}

/** The account a timeline is for, by external id inside the tenant and the client scope (absent: none). */
export async function timelineAccount(
  db: Db,
  tenantId: number,
  externalId: string,
  clientIds: readonly number[] | undefined,
) {
  let query = db
    .selectFrom('accounts')
    .select(['id', 'debtor_id as debtorId', 'currency', 'jurisdiction', 'external_id as externalId'])
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', externalId)
  if (clientIds !== undefined)
    query =
      clientIds.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('client_id', 'in', clientIds)
  return query.executeTakeFirst()
}
