/** The money kinds of an account's timeline: ledger entries, promises, plans, settlements, pauses, disputes. */
import type { TimelineRequest } from '../../core/timeline/timeline-page.ts'
import { type Db, paged, rows, SPECS, type TimelineScope } from './timeline-source.ts'

/** The account's ledger entries, each with the payment it allocates. */
export async function transactions(db: Db, at: TimelineScope, request: TimelineRequest) {
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

/** The account's promises to pay, dated when recorded. */
export async function promises(db: Db, at: TimelineScope, request: TimelineRequest) {
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
export async function plans(db: Db, at: TimelineScope, request: TimelineRequest) {
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

/** The account's settlement offers, dated by the day offered. */
export async function settlements(db: Db, at: TimelineScope, request: TimelineRequest) {
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

/** The account's hardship pauses, dated when recorded. */
export async function hardship(db: Db, at: TimelineScope, request: TimelineRequest) {
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
export async function disputes(db: Db, at: TimelineScope, request: TimelineRequest) {
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
