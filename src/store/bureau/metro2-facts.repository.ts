import { type Kysely, sql } from 'kysely'
import type { FurnishingFacts } from '../../core/bureau/furnish-account.ts'
import type { SentMessage } from '../../core/compliance/credit-reporting-gate.ts'
import type { Dispute } from '../../core/compliance/dispute-pause.ts'
import { addressOf } from '../address-of.ts'
import { preparedQuery } from '../prepared-query.ts'
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
 * The id range of the next `size` accounts after `afterId` (0 to start), or null when none is left.
 * Only two ids come back, so a batch costs the same at the millionth account as at the first.
 */
export async function nextFurnishingRange(
  db: Kysely<Database>,
  tenantId: number,
  afterId: number,
  size: number,
): Promise<FurnishingRange | null> {
  const ids = db
    .selectFrom('accounts')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(size)
    .as('batch')
  const row = await db
    .selectFrom(ids)
    .select([sql<number | null>`min(batch.id)`.as('first'), sql<number | null>`max(batch.id)`.as('last')])
    .executeTakeFirst()
  if (row?.first == null || row.last == null) return null
  return { tenantId, firstAccountId: Number(row.first), lastAccountId: Number(row.last) }
}

/**
 * The furnishing facts of every account in `range`, in id order, with one query per table (six, however
 * many accounts): the account and debtor, the ledger summed to the month's end, the primary address,
 * the first phone, the disputes, and the contact history the passive-collection gate reads (the last
 * conversation and, per channel and undeliverable date, the first message sent: the soonest wait).
 */
// The batch's queries, built and compiled once (store/prepared-query.ts): on SQLite they run on the
// native handle, where Kysely's executor would cost several times what the statements do.
type Db = Kysely<Database>
// `tenant_id + 0` keeps SQLite on the primary-key range (see account-snapshot.repository.ts).
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

const accountRows = preparedQuery((db, tenantId: number, first: number, last: number) =>
  db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    // A buyer owns the account: it is deleted from the furnisher's reporting (DA), migration 0031.
    .leftJoin('sale_accounts as sa', (join) =>
      join.onRef('sa.account_id', '=', 'a.id').on('sa.status', '=', 'sold'),
    )
    .select([
      'sa.sold_on',
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
    ])
    .where(sql<boolean>`a.tenant_id + 0 = ${tenantId}`)
    .where('a.id', '>=', first)
    .where('a.id', '<=', last)
    .orderBy('a.id'),
)

const ledgerRows = preparedQuery(
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

const addressRows = preparedQuery((db, tenantId: number, first: number, last: number) =>
  db
    .selectFrom('debtor_addresses')
    .select(['debtor_id', 'line1', 'line2', 'city', 'region', 'postal_code', 'country', 'time_zone'])
    .where('debtor_id', 'in', inAccounts(db, tenantId, first, last))
    .orderBy('is_primary', 'desc')
    .orderBy('id'),
)

const phoneRows = preparedQuery((db, tenantId: number, first: number, last: number) =>
  db
    .selectFrom('contact_points')
    .select(['debtor_id', 'value'])
    .where('debtor_id', 'in', inAccounts(db, tenantId, first, last))
    .where('kind', '=', 'phone')
    .orderBy('id'),
)

const disputeRows = preparedQuery((db, tenantId: number, first: number, last: number) =>
  db
    .selectFrom('disputes')
    .select(['account_id', 'received_at', 'written', 'amount_minor', 'verification_sent_at', 'resolved_at'])
    .where(byRange('disputes', tenantId, first, last)),
)

const conversationRows = preparedQuery((db, tenantId: number, first: number, last: number, at: string) =>
  db
    .selectFrom('contact_events')
    .select(['account_id', sql<string>`max(occurred_at)`.as('at')])
    .where(byRange('contact_events', tenantId, first, last))
    .where('channel', 'in', ['call', 'visit'])
    .where('result', '=', 'conversation')
    .where('occurred_at', '<=', at)
    .groupBy('account_id'),
)

const messageRows = preparedQuery((db, tenantId: number, first: number, last: number, at: string) =>
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

export async function loadFurnishingFacts(
  db: Kysely<Database>,
  range: FurnishingRange,
  asOf: FurnishingAsOf,
): Promise<(FurnishingFacts & { accountId: number })[]> {
  const { tenantId, firstAccountId: first, lastAccountId: last } = range
  const [accounts, ledger, addresses, phones, disputes, conversations, messages] = await Promise.all([
    accountRows(db, tenantId, first, last),
    ledgerRows(db, tenantId, first, last, asOf.firstDay, asOf.lastDay),
    addressRows(db, tenantId, first, last),
    phoneRows(db, tenantId, first, last),
    disputeRows(db, tenantId, first, last),
    conversationRows(db, tenantId, first, last, asOf.at),
    messageRows(db, tenantId, first, last, asOf.at),
  ])

  const money = new Map(ledger.map((l) => [l.account_id, l]))
  const address = new Map<number, (typeof addresses)[number]>()
  for (const a of addresses) if (!address.has(a.debtor_id)) address.set(a.debtor_id, a)
  const phone = new Map<number, string>()
  for (const p of phones) if (!phone.has(p.debtor_id)) phone.set(p.debtor_id, p.value)
  const disputesOf = new Map<number, Dispute[]>()
  for (const d of disputes) {
    const list = disputesOf.get(d.account_id) ?? []
    list.push({
      receivedAt: d.received_at,
      written: d.written === 1,
      amountMinor: d.amount_minor,
      verificationSentAt: d.verification_sent_at,
      resolvedAt: d.resolved_at,
    })
    disputesOf.set(d.account_id, list)
  }
  const spoke = new Map(conversations.map((c) => [c.account_id, c.at]))
  const sent = new Map<number, SentMessage[]>()
  for (const m of messages) {
    const list = sent.get(m.account_id) ?? []
    list.push({
      sentAt: m.sent_at,
      channel: m.channel as SentMessage['channel'],
      undeliverableAt: m.undeliverable_at,
    })
    sent.set(m.account_id, list)
  }
  return accounts.map((a) => {
    const l = money.get(a.id)
    const home = address.get(a.debtor_id)
    return {
      accountId: a.id,
      externalId: a.external_id,
      debtKind: a.debt_kind,
      debtorKind: a.debtor_kind,
      jurisdiction: a.jurisdiction,
      currency: a.currency,
      status: a.status,
      openedOn: a.opened_on,
      dueOn: a.due_on,
      closedOn: a.closed_on,
      soldOn: a.sold_on === null || a.sold_on === undefined ? null : String(a.sold_on).slice(0, 10),
      originalCreditor: a.original_creditor,
      debtor: {
        name: a.name,
        givenName: a.given_name,
        familyName: a.family_name,
        dateOfBirth: a.date_of_birth,
      },
      address: addressOf(home),
      phone: phone.get(a.debtor_id) ?? null,
      balanceMinor: Number(l?.balance ?? 0),
      originalMinor: Number(l?.original ?? 0),
      paidInMonthMinor: -Number(l?.paid_in_month ?? 0),
      lastPaymentOn: l?.last_payment ?? null,
      disputes: disputesOf.get(a.id) ?? [],
      spokeWithConsumerAt: spoke.get(a.id) ?? null,
      messages: sent.get(a.id) ?? [],
      timeZone: home?.time_zone ?? a.stated_time_zone ?? asOf.tenantTimeZone,
    }
  })
}
