import { type Kysely, sql } from 'kysely'
import type { FurnishingFacts } from '../../core/bureau/furnish-account.ts'
import type { SentMessage } from '../../core/compliance/credit-reporting-gate.ts'
import type { Dispute } from '../../core/compliance/dispute-pause.ts'
import { ADDRESS_COLUMNS, addressOfValues } from '../address-of.ts'
import { dialectOf } from '../dialect.ts'
import { preparedRowsQuery } from '../prepared-query.ts'
import type { Database } from '../schema.ts'

/** One batch of a tenant's accounts: a contiguous id range, both ends inclusive. */
export interface FurnishingRange {
  tenantId: number
  firstAccountId: number
  lastAccountId: number
}

/** The month the facts are read for: balances to its last day, contact history to the gate's instant. */
export interface FurnishingAsOf {
  firstDay: string
  lastDay: string
  /** ISO instant: contacts and messages after it do not count. */
  at: string
  /** The tenant's zone: the consumer's when no address or statement gives one. */
  tenantTimeZone: string
}

/**
 * One batch: how many accounts, their facts in id order, and the last account id read (the next batch
 * starts after it). Each account's facts are built as the iteration reaches it, so the export's
 * objects for one account are garbage before the next is built, instead of 5,000 of them at once.
 */
export interface FurnishingBatch {
  accounts: number
  facts: Iterable<FurnishingFacts & { accountId: number }>
  lastAccountId: number
}

// The batch's queries, built and compiled once (store/prepared-query.ts), each row an array of its
// columns in the order selected: on SQLite they run on the native handle in raw mode, where Kysely's
// executor, and a property per value, would cost several times what the statements do.
type Db = Kysely<Database>
// `tenant_id + 0` keeps SQLite on the primary-key range (see account-snapshot.repository.ts): compared
// bare, it walks the (tenant_id, external_id) index and sorts every account of the tenant per batch.
const inAccounts = (db: Db, tenantId: number, first: number, last: number) =>
  db
    .selectFrom('accounts as a')
    .select('a.debtor_id')
    .where(sql<boolean>`a.tenant_id + 0 = ${tenantId}`)
    .where('a.id', '>=', first)
    .where('a.id', '<=', last)
const byRange = (
  table: 'ledger_entries' | 'disputes' | 'contact_events',
  tenantId: number,
  first: number,
  last: number,
) =>
  sql<boolean>`${sql.ref(`${table}.tenant_id`)} = ${tenantId} and ${sql.ref(`${table}.account_id`)} between ${first} and ${last}`

/** The accounts with ids in (after, upTo], at most `size` of them, in id order: the batch itself. */
const accountRows = preparedRowsQuery((db, tenantId: number, after: number, upTo: number, size: number) =>
  db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    // A buyer owns the account: it is deleted from the furnisher's reporting (DA), migration 0031.
    .leftJoin('sale_accounts as sa', (join) =>
      join.onRef('sa.account_id', '=', 'a.id').on('sa.status', '=', 'sold'),
    )
    // The positions are read by ACCOUNT below: keep the two lists in the same order.
    .select([
      'a.id',
      'a.external_id',
      'a.debtor_id',
      'a.debt_kind',
      'd.kind as debtor_kind',
      'a.jurisdiction',
      'a.currency',
      'a.status',
      'a.opened_on',
      'a.due_on',
      'a.closed_on',
      'a.original_creditor',
      'd.name',
      'd.given_name',
      'd.family_name',
      'd.date_of_birth',
      'd.stated_time_zone',
      'sa.sold_on',
    ])
    // On SQLite `+ 0` keeps the primary-key range (above). PostgreSQL compares it bare: with `+ 0` it
    // guesses that few rows match, expects to scan the whole key range for the limit and plans parallel
    // workers (33 ms a batch at 100,000 accounts, against 8 ms with the bare comparison).
    .where(
      dialectOf(db as Kysely<unknown>) === 'sqlite'
        ? sql<boolean>`a.tenant_id + 0 = ${tenantId}`
        : sql<boolean>`a.tenant_id = ${tenantId}`,
    )
    .where('a.id', '>', after)
    .where('a.id', '<=', upTo)
    .orderBy('a.id')
    .limit(size),
)
const ACCOUNT = {
  id: 0,
  externalId: 1,
  debtorId: 2,
  debtKind: 3,
  debtorKind: 4,
  jurisdiction: 5,
  currency: 6,
  status: 7,
  openedOn: 8,
  dueOn: 9,
  closedOn: 10,
  originalCreditor: 11,
  name: 12,
  givenName: 13,
  familyName: 14,
  dateOfBirth: 15,
  statedTimeZone: 16,
  soldOn: 17,
} as const

/** Per account: balance, charges, payments in the month, last payment day (positions 1-4). */
const ledgerRows = preparedRowsQuery(
  (db, tenantId: number, first: number, last: number, firstDay: string, lastDay: string) =>
    db
      .selectFrom('ledger_entries')
      .select([
        'account_id',
        sql<number>`sum(amount_minor)`.as('balance'),
        sql<number>`sum(case when kind = 'charge' then amount_minor else 0 end)`.as('original'),
        sql<number>`sum(case when kind in ('payment', 'reversal') and effective_on >= ${firstDay}
          then amount_minor else 0 end)`.as('paid_in_month'),
        sql<
          string | null
        >`max(case when kind = 'payment' and component <> 'credit' then effective_on end)`.as('last_payment'),
      ])
      .where(byRange('ledger_entries', tenantId, first, last))
      .where('effective_on', '<=', lastDay)
      .groupBy('account_id'),
)

/** Every address of the batch's debtors, primary first, then oldest: the first per debtor is read. */
const addressRows = preparedRowsQuery((db, tenantId: number, first: number, last: number) =>
  db
    .selectFrom('debtor_addresses')
    .select(['debtor_id', ...ADDRESS_COLUMNS, 'time_zone'])
    .where('debtor_id', 'in', inAccounts(db, tenantId, first, last))
    .orderBy('is_primary', 'desc')
    .orderBy('id'),
)

const phoneRows = preparedRowsQuery((db, tenantId: number, first: number, last: number) =>
  db
    .selectFrom('contact_points')
    .select(['debtor_id', 'value'])
    .where('debtor_id', 'in', inAccounts(db, tenantId, first, last))
    .where('kind', '=', 'phone')
    .orderBy('id'),
)

const disputeRows = preparedRowsQuery((db, tenantId: number, first: number, last: number) =>
  db
    .selectFrom('disputes')
    .select(['account_id', 'received_at', 'written', 'amount_minor', 'verification_sent_at', 'resolved_at'])
    .where(byRange('disputes', tenantId, first, last)),
)

const conversationRows = preparedRowsQuery((db, tenantId: number, first: number, last: number, at: string) =>
  db
    .selectFrom('contact_events')
    .select(['account_id', sql<string>`max(occurred_at)`.as('at')])
    .where(byRange('contact_events', tenantId, first, last))
    .where('channel', 'in', ['call', 'visit'])
    .where('result', '=', 'conversation')
    .where('occurred_at', '<=', at)
    .groupBy('account_id'),
)

const messageRows = preparedRowsQuery((db, tenantId: number, first: number, last: number, at: string) =>
  db
    .selectFrom('contact_events')
    .leftJoin('contact_points as p', 'p.id', 'contact_events.contact_point_id')
    .select([
      'contact_events.account_id',
      'contact_events.channel',
      'p.undeliverable_at',
      sql<string>`min(contact_events.occurred_at)`.as('sent_at'),
    ])
    .where(byRange('contact_events', tenantId, first, last))
    .where('contact_events.direction', '=', 'outbound')
    .where('contact_events.channel', 'in', ['letter', 'email', 'sms'])
    .where('contact_events.result', 'not in', ['queued', 'failed'])
    .where('contact_events.occurred_at', '<=', at)
    .groupBy(['contact_events.account_id', 'contact_events.channel', 'p.undeliverable_at']),
)

/**
 * The next batch of a tenant's accounts: the first `size` after `afterId` (0 to start) with their
 * furnishing facts, or null when none is left. The batch is read by id from the primary key, so it
 * costs the same at the millionth account as at the first.
 */
export async function loadFurnishingBatch(
  db: Kysely<Database>,
  tenantId: number,
  afterId: number,
  size: number,
  asOf: FurnishingAsOf,
): Promise<FurnishingBatch | null> {
  const accounts = await accountRows(db, tenantId, afterId, Number.MAX_SAFE_INTEGER, size)
  if (accounts.length === 0) return null
  const first = accounts[0]?.[ACCOUNT.id] as number
  const last = accounts[accounts.length - 1]?.[ACCOUNT.id] as number
  const range = { tenantId, firstAccountId: first, lastAccountId: last }
  return { accounts: accounts.length, facts: await factsOf(db, accounts, range, asOf), lastAccountId: last }
}

/** The furnishing facts of every account in `range`, in id order. */
export async function loadFurnishingFacts(
  db: Kysely<Database>,
  range: FurnishingRange,
  asOf: FurnishingAsOf,
): Promise<(FurnishingFacts & { accountId: number })[]> {
  const { tenantId, firstAccountId: first, lastAccountId: last } = range
  if (last < first) return []
  return [
    ...(await factsOf(db, await accountRows(db, tenantId, first - 1, last, last - first + 1), range, asOf)),
  ]
}

/**
 * The accounts' facts with one query per table (six, however many accounts): the ledger summed to the
 * month's end, the primary address, the first phone, the disputes, and the contact history the
 * passive-collection gate reads (the last conversation and, per channel and undeliverable date, the
 * first message sent: the soonest wait). The rows are joined in memory by account and debtor, each
 * account's when the iteration reaches it.
 */
async function factsOf(
  db: Kysely<Database>,
  accounts: unknown[][],
  range: FurnishingRange,
  asOf: FurnishingAsOf,
): Promise<Iterable<FurnishingFacts & { accountId: number }>> {
  const { tenantId, firstAccountId: first, lastAccountId: last } = range
  const [ledger, addresses, phones, disputes, conversations, messages] = await Promise.all([
    ledgerRows(db, tenantId, first, last, asOf.firstDay, asOf.lastDay),
    addressRows(db, tenantId, first, last),
    phoneRows(db, tenantId, first, last),
    disputeRows(db, tenantId, first, last),
    conversationRows(db, tenantId, first, last, asOf.at),
    messageRows(db, tenantId, first, last, asOf.at),
  ])

  const money = new Map<number, unknown[]>()
  for (const l of ledger) money.set(l[0] as number, l)
  const address = new Map<number, unknown[]>()
  for (const a of addresses) if (!address.has(a[0] as number)) address.set(a[0] as number, a)
  const phone = new Map<number, string>()
  for (const p of phones) if (!phone.has(p[0] as number)) phone.set(p[0] as number, p[1] as string)
  const disputesOf = new Map<number, Dispute[]>()
  for (const d of disputes) {
    const dispute: Dispute = {
      receivedAt: d[1] as string,
      written: d[2] === 1,
      amountMinor: d[3] as number | null,
      verificationSentAt: d[4] as string | null,
      resolvedAt: d[5] as string | null,
    }
    const list = disputesOf.get(d[0] as number)
    if (list === undefined) disputesOf.set(d[0] as number, [dispute])
    else list.push(dispute)
  }
  const spoke = new Map<number, string>()
  for (const c of conversations) spoke.set(c[0] as number, c[1] as string)
  const sent = new Map<number, SentMessage[]>()
  for (const m of messages) {
    const message: SentMessage = {
      sentAt: m[3] as string,
      channel: m[1] as SentMessage['channel'],
      undeliverableAt: m[2] as string | null,
    }
    const list = sent.get(m[0] as number)
    if (list === undefined) sent.set(m[0] as number, [message])
    else list.push(message)
  }
  const none: readonly never[] = []
  return (function* () {
    for (const a of accounts) {
      const id = a[ACCOUNT.id] as number
      const debtorId = a[ACCOUNT.debtorId] as number
      const l = money.get(id)
      const home = address.get(debtorId)
      const soldOn = a[ACCOUNT.soldOn]
      yield {
        accountId: id,
        externalId: a[ACCOUNT.externalId] as string,
        debtKind: a[ACCOUNT.debtKind] as FurnishingFacts['debtKind'],
        debtorKind: a[ACCOUNT.debtorKind] as FurnishingFacts['debtorKind'],
        jurisdiction: a[ACCOUNT.jurisdiction] as string,
        currency: a[ACCOUNT.currency] as string,
        status: a[ACCOUNT.status] as FurnishingFacts['status'],
        openedOn: a[ACCOUNT.openedOn] as string,
        dueOn: a[ACCOUNT.dueOn] as string,
        closedOn: a[ACCOUNT.closedOn] as string | null,
        soldOn: soldOn === null || soldOn === undefined ? null : String(soldOn).slice(0, 10),
        originalCreditor: a[ACCOUNT.originalCreditor] as string,
        debtor: {
          name: a[ACCOUNT.name] as string,
          givenName: a[ACCOUNT.givenName] as string | null,
          familyName: a[ACCOUNT.familyName] as string | null,
          dateOfBirth: a[ACCOUNT.dateOfBirth] as string | null,
        },
        // The columns of addressRows: debtor_id, ADDRESS_COLUMNS, time_zone.
        address: addressOfValues(home, 1),
        phone: phone.get(debtorId) ?? null,
        // The columns of ledgerRows: account_id, balance, original, paid_in_month, last_payment.
        balanceMinor: Number(l?.[1] ?? 0),
        originalMinor: Number(l?.[2] ?? 0),
        paidInMonthMinor: -Number(l?.[3] ?? 0),
        lastPaymentOn: (l?.[4] as string | null | undefined) ?? null,
        disputes: disputesOf.get(id) ?? none,
        spokeWithConsumerAt: spoke.get(id) ?? null,
        messages: sent.get(id) ?? none,
        timeZone:
          (home?.[1 + ADDRESS_COLUMNS.length] as string | null | undefined) ??
          (a[ACCOUNT.statedTimeZone] as string | null) ??
          asOf.tenantTimeZone,
      }
    }
  })()
}
