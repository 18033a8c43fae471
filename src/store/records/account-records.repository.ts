import type { Kysely } from 'kysely'
import type { Page, PageRequest } from '../../core/paging/page-cursor.ts'
import { keysetAfter, keysetOrder } from '../paging.ts'
import type { Database } from '../schema.ts'
import { cutPage, type SortColumns, sortValue } from './record-page.ts'

/**
 * The lists under one account (its ledger, plans, promises, settlements, disputes and hardship
 * pauses): one query per page, keyset-paged on the account's index of each table. The caller has
 * already found the account in the tenant and the actor's scope.
 */

export const RECORD_SORTS = {
  transactions: ['effectiveOn', 'id'],
  plans: ['createdOn', 'id'],
  promises: ['dueOn', 'id'],
  settlements: ['createdOn', 'expiresOn', 'id'],
  disputes: ['id'],
  hardship: ['from', 'id'],
} as const satisfies Record<string, readonly string[]>

export type RecordKind = keyof typeof RECORD_SORTS
export type RecordSort<K extends RecordKind> = (typeof RECORD_SORTS)[K][number]

const COLUMNS: { [K in RecordKind]: SortColumns<RecordSort<K>> } = {
  transactions: { effectiveOn: 'l.effective_on', id: 'l.id' },
  plans: { createdOn: 'p.created_on', id: 'p.id' },
  promises: { dueOn: 'p.due_on', id: 'p.id' },
  settlements: { createdOn: 's.created_on', expiresOn: 's.expires_on', id: 's.id' },
  disputes: { id: 'd.id' },
  hardship: { from: 'h.from_on', id: 'h.id' },
}

interface Scope {
  readonly tenantId: number
  readonly accountId: number
}

/** One page of an account's ledger entries, each naming the payment it came from. */
export async function ledgerEntryPage(
  db: Kysely<Database>,
  at: Scope,
  page: PageRequest<RecordSort<'transactions'>>,
) {
  const column = COLUMNS.transactions[page.sort.field]
  const rows = await db
    .selectFrom('ledger_entries as l')
    .leftJoin('payments as pay', 'pay.id', 'l.payment_id')
    .select([
      'l.id as id',
      'l.kind as kind',
      'l.component as component',
      'l.amount_minor as amountMinor',
      'l.effective_on as effectiveOn',
      'l.posted_at as postedAt',
      'l.external_id as reference',
      'l.reverses_id as reversesId',
      'l.memo as memo',
      'pay.external_id as payment',
    ])
    .select(sortValue(column).as('sort_value'))
    .where('l.tenant_id', '=', at.tenantId)
    .where('l.account_id', '=', at.accountId)
    .where(keysetAfter(column, 'l.id', page))
    .orderBy(keysetOrder(column, 'l.id', page))
    .limit(page.limit + 1)
    .execute()
  return cutPage(rows, page)
}

/** One page of an account's payment plans with their instalments (two queries, whatever the page size). */
export async function planPage(db: Kysely<Database>, at: Scope, page: PageRequest<RecordSort<'plans'>>) {
  const column = COLUMNS.plans[page.sort.field]
  const rows = await db
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
    .select(sortValue(column).as('sort_value'))
    .where('p.tenant_id', '=', at.tenantId)
    .where('p.account_id', '=', at.accountId)
    .where(keysetAfter(column, 'p.id', page))
    .orderBy(keysetOrder(column, 'p.id', page))
    .limit(page.limit + 1)
    .execute()
  const cut = cutPage(rows, page)
  const ids = cut.items.map((p) => p.id)
  const instalments =
    ids.length === 0
      ? []
      : await db
          .selectFrom('plan_instalments')
          .select(['plan_id', 'seq', 'due_on', 'amount_minor'])
          .where('plan_id', 'in', ids)
          .orderBy('plan_id')
          .orderBy('seq')
          .execute()
  const byPlan = new Map<number, { seq: number; dueOn: string; amountMinor: number }[]>()
  for (const i of instalments) {
    const list = byPlan.get(i.plan_id) ?? []
    list.push({ seq: i.seq, dueOn: i.due_on, amountMinor: i.amount_minor })
    byPlan.set(i.plan_id, list)
  }
  return {
    items: cut.items.map((p) => ({ ...p, instalments: byPlan.get(p.id) ?? [] })),
    nextCursor: cut.nextCursor,
  }
}

/** One page of an account's promises to pay. */
export async function promisePage(
  db: Kysely<Database>,
  at: Scope,
  page: PageRequest<RecordSort<'promises'>>,
) {
  const column = COLUMNS.promises[page.sort.field]
  const rows = await db
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
    .select(sortValue(column).as('sort_value'))
    .where('p.tenant_id', '=', at.tenantId)
    .where('p.account_id', '=', at.accountId)
    .where(keysetAfter(column, 'p.id', page))
    .orderBy(keysetOrder(column, 'p.id', page))
    .limit(page.limit + 1)
    .execute()
  return cutPage(rows, page)
}

/** One page of an account's settlement offers. */
export async function settlementPage(
  db: Kysely<Database>,
  at: Scope,
  page: PageRequest<RecordSort<'settlements'>>,
) {
  const column = COLUMNS.settlements[page.sort.field]
  const rows = await db
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
    .select(sortValue(column).as('sort_value'))
    .where('s.tenant_id', '=', at.tenantId)
    .where('s.account_id', '=', at.accountId)
    .where(keysetAfter(column, 's.id', page))
    .orderBy(keysetOrder(column, 's.id', page))
    .limit(page.limit + 1)
    .execute()
  return cutPage(rows, page)
}

/** One page of an account's disputes (ids are the disputes' public references). */
export async function disputePage(
  db: Kysely<Database>,
  at: Scope,
  page: PageRequest<RecordSort<'disputes'>>,
) {
  const column = COLUMNS.disputes[page.sort.field]
  const rows = await db
    .selectFrom('disputes as d')
    .select([
      'd.id as id',
      'd.received_at as receivedAt',
      'd.written as written',
      'd.channel as channel',
      'd.amount_minor as amountMinor',
      'd.reason as reason',
      'd.verification_sent_at as verificationSentAt',
      'd.resolved_at as resolvedAt',
      'd.resolution as resolution',
    ])
    .select(sortValue(column).as('sort_value'))
    .where('d.tenant_id', '=', at.tenantId)
    .where('d.account_id', '=', at.accountId)
    .where(keysetAfter(column, 'd.id', page))
    .orderBy(keysetOrder(column, 'd.id', page))
    .limit(page.limit + 1)
    .execute()
  const cut = cutPage(rows, page)
  return { items: cut.items.map((d) => ({ ...d, written: Boolean(d.written) })), nextCursor: cut.nextCursor }
}

/** One page of an account's hardship pauses. */
export async function hardshipPage(
  db: Kysely<Database>,
  at: Scope,
  page: PageRequest<RecordSort<'hardship'>>,
) {
  const column = COLUMNS.hardship[page.sort.field]
  const rows = await db
    .selectFrom('hardship_pauses as h')
    .select(['h.id as id', 'h.reason as reason', 'h.from_on as from', 'h.to_on as to'])
    .select(sortValue(column).as('sort_value'))
    .where('h.tenant_id', '=', at.tenantId)
    .where('h.account_id', '=', at.accountId)
    .where(keysetAfter(column, 'h.id', page))
    .orderBy(keysetOrder(column, 'h.id', page))
    .limit(page.limit + 1)
    .execute()
  return cutPage(rows, page)
}

export type RecordPage = Page<object>
