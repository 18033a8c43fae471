import { type Kysely, sql } from 'kysely'
import { decodeCursor, type ListSort, type Page, type PageRequest } from '../../core/paging/page-cursor.ts'
import {
  disputePage,
  ledgerEntryPage,
  planPage,
  promisePage,
  settlementPage,
} from '../records/account-records.repository.ts'
import { listPaymentRows } from '../records/payments-read.repository.ts'
import type { Database } from '../schema.ts'

/**
 * What an evidence pack reads of the books (docs/evidence-pack.md): the accounts and their debtor, and
 * everything that hangs under them. The lists under one account reuse the record lists' keyset pages
 * (store/records), walked to their end; only what no other repository reads is queried here: the
 * messages with the outbox rows they carried and their events, the letters' mailing records in the
 * journal, and the call tasks. The caller has found the accounts in the tenant and the actor's scope.
 */

type Db = Kysely<Database>

const PAGE = 500

/** Every item of a keyset-paged list, page after page, oldest first by `field`. */
async function everyPage<F extends string, T>(
  field: F,
  read: (page: PageRequest<F>) => Promise<Page<T>>,
): Promise<T[]> {
  const sort: ListSort<F> = { field, direction: 'asc' }
  const items: T[] = []
  let page: PageRequest<F> = { limit: PAGE, sort }
  for (;;) {
    const got = await read(page)
    items.push(...got.items)
    if (got.nextCursor === null) return items
    page = { limit: PAGE, sort, after: decodeCursor(got.nextCursor, sort) }
  }
}

/** The tenant's accounts with these external ids inside the client scope (absent ones are left out). */
export async function evidenceAccounts(
  db: Db,
  tenantId: number,
  externalIds: readonly string[],
  clientIds: readonly number[] | undefined,
) {
  if (externalIds.length === 0) return []
  let query = db
    .selectFrom('accounts as a')
    .leftJoin('clients as c', 'c.id', 'a.client_id')
    .select([
      'a.id as id',
      'a.external_id as externalId',
      'a.debtor_id as debtorId',
      'a.original_creditor as originalCreditor',
      'a.current_creditor as currentCreditor',
      'a.debt_kind as debtKind',
      'a.currency as currency',
      'a.jurisdiction as jurisdiction',
      'a.opened_on as openedOn',
      'a.due_on as dueOn',
      'a.charge_off_on as chargeOffOn',
      'a.status as status',
      'a.closed_on as closedOn',
      'a.close_reason as closeReason',
      'c.name as client',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.external_id', 'in', [...externalIds])
  if (clientIds !== undefined)
    query =
      clientIds.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('a.client_id', 'in', clientIds)
  return query.orderBy('a.id').execute()
}

export type EvidenceAccountRow = Awaited<ReturnType<typeof evidenceAccounts>>[number]

/** The debtor with the primary postal address (or the first one on file). */
export async function evidenceDebtor(db: Db, tenantId: number, debtorId: number) {
  const debtor = await db
    .selectFrom('debtors')
    .select(['id', 'external_id as externalId', 'name', 'kind'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', debtorId)
    .executeTakeFirstOrThrow()
  const address = await db
    .selectFrom('debtor_addresses')
    .select(['line1', 'line2', 'city', 'region', 'postal_code as postalCode', 'country'])
    .where('tenant_id', '=', tenantId)
    .where('debtor_id', '=', debtorId)
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .executeTakeFirst()
  return { ...debtor, address: address ?? null }
}

/** One account's ledger, plans, promises, settlements, disputes and payments, oldest first. */
export async function evidenceAccountRecords(
  db: Db,
  tenantId: number,
  account: { id: number; externalId: string },
) {
  const at = { tenantId, accountId: account.id }
  const ledger = await everyPage('effectiveOn', (p) => ledgerEntryPage(db, at, p))
  const plans = await everyPage('createdOn', (p) => planPage(db, at, p))
  const promises = await everyPage('dueOn', (p) => promisePage(db, at, p))
  const settlements = await everyPage('createdOn', (p) => settlementPage(db, at, p))
  const disputes = await everyPage('id', (p) => disputePage(db, at, p))
  const payments = await everyPage('receivedOn', (p) =>
    listPaymentRows(db, tenantId, { account: account.externalId }, p),
  )
  return { ledger, plans, promises, settlements, disputes, payments }
}

/**
 * Every message (email, text, letter) that carried one of the accounts, oldest first: the message row
 * (recipient, status, provider and its reference, the send-time check), the outbox rows it carried
 * (the playbook action with its template, and the decision-time check) and its events (receipts,
 * replies, opt-outs).
 */
export async function evidenceMessages(db: Db, tenantId: number, accountIds: readonly number[]) {
  if (accountIds.length === 0) return []
  const carried = await db
    .selectFrom('message_accounts as ma')
    .innerJoin('outbox as o', 'o.id', 'ma.outbox_id')
    .select([
      'ma.message_id as messageId',
      'ma.account_id as accountId',
      'o.id as outboxId',
      'o.payload as payload',
      'o.compliance as compliance',
      'o.scheduled_at as scheduledAt',
      'o.approved_by as approvedBy',
    ])
    .where('ma.tenant_id', '=', tenantId)
    .where('ma.account_id', 'in', [...accountIds])
    .orderBy('ma.message_id')
    .orderBy('o.id')
    .execute()
  const ids = [...new Set(carried.map((c) => c.messageId))]
  if (ids.length === 0) return []
  const [messages, events] = await Promise.all([
    db
      .selectFrom('messages')
      .select([
        'id',
        'channel',
        'recipient',
        'subject',
        'status',
        'provider',
        'provider_message_id as providerMessageId',
        'error',
        'attempts',
        'compliance',
        'created_at as createdAt',
        'sent_at as sentAt',
      ])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('message_events')
      .select(['message_id as messageId', 'kind', 'detail', 'text', 'occurred_at as occurredAt'])
      .where('tenant_id', '=', tenantId)
      .where('message_id', 'in', ids)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute(),
  ])
  return messages.map((m) => ({
    ...m,
    createdAt: new Date(m.createdAt).toISOString(),
    carried: carried.filter((c) => c.messageId === m.id),
    events: events.filter((e) => e.messageId === m.id),
  }))
}

export type EvidenceMessageRow = Awaited<ReturnType<typeof evidenceMessages>>[number]

/** The accounts' call tasks with their outcomes, oldest first. */
export async function evidenceCalls(db: Db, tenantId: number, accountIds: readonly number[]) {
  if (accountIds.length === 0) return []
  return (
    db
      .selectFrom('call_tasks')
      .select([
        'id',
        'account_id as accountId',
        'due_at as dueAt',
        'status',
        'script',
        'outcome',
        'outcome_note as outcomeNote',
        'outcome_at as outcomeAt',
        'outcome_by as outcomeBy',
      ])
      .where('tenant_id', '=', tenantId)
      .where('account_id', 'in', [...accountIds])
      // A legal case's deadline tasks are the creditor's own work, not contacts with the debtor.
      .where('legal_case_id', 'is', null)
      .orderBy('due_at')
      .orderBy('id')
      .execute()
  )
}

/**
 * The journal's records of mailing: the `letters.mailed` events of these messages (the print-and-mail
 * hand-off with each letter's mailing date) and the `letters.batch_exported` events (a batch printed
 * by `recoup document batch`), each with its seq and hash, oldest first. The batch events name
 * accounts inside their payload; the caller keeps those naming the pack's accounts.
 */
export async function evidenceMailingEvents(db: Db, tenantId: number, messageIds: readonly number[]) {
  const subjects = messageIds.map((id) => `message:${id}`)
  return db
    .selectFrom('journal_events')
    .select(['seq', 'type', 'actor', 'occurred_at as occurredAt', 'subject', 'payload', 'hash'])
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb('type', '=', 'letters.batch_exported'),
        ...(subjects.length > 0
          ? [eb.and([eb('type', '=', 'letters.mailed'), eb('subject', 'in', subjects)])]
          : []),
      ]),
    )
    .orderBy('seq')
    .execute()
}

/** The tenant's journal head: the last seq and its hash. */
export async function evidenceJournalHead(db: Db, tenantId: number) {
  const head = await db
    .selectFrom('journal_heads')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst()
  return { seq: Number(head?.seq ?? 0), hash: head?.hash ?? '' }
}
