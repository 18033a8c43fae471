import { type Kysely, sql, type Transaction } from 'kysely'
import type { LocalDate } from '../core/calendar/local-date.ts'
import { AppError } from '../core/errors.ts'
import { checkEntrySign, type LedgerEntryKind } from '../core/ledger/ledger-entry.ts'
import { appendJournalEvent } from './journal.repository.ts'
import type { Database } from './schema.ts'

/** A ledger entry to post on one account. */
export interface NewLedgerEntry {
  readonly tenantId: number
  readonly accountId: number
  readonly kind: Exclude<LedgerEntryKind, 'reversal'>
  readonly amountMinor: number
  readonly effectiveOn: LocalDate
  /** Idempotency key from the source (bank line, API request id); posting it twice is a no-op. */
  readonly externalId?: string | null
  readonly memo?: string | null
  readonly actor: string
}

/** The posted entry's id, and whether this call created it (false: the external id was already posted). */
export interface PostedEntry {
  readonly id: number
  readonly created: boolean
}

async function lockAccount(trx: Transaction<Database>, tenantId: number, accountId: number) {
  const account = await trx
    .selectFrom('accounts')
    .select(['id', 'currency'])
    .where('id', '=', accountId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst()
  if (!account) throw new AppError('account_not_found', `no account ${accountId} for this tenant`)
  return account
}

/**
 * Posts one entry and journals it in the caller's transaction. The sign must match the kind (payments
 * negative, charges positive); an entry whose external id the account already has is returned as is.
 */
export async function postLedgerEntry(
  trx: Transaction<Database>,
  entry: NewLedgerEntry,
): Promise<PostedEntry> {
  const problem = checkEntrySign(entry.kind, entry.amountMinor)
  if (problem)
    throw new AppError('invalid_amount', problem, { field: 'amountMinor', value: entry.amountMinor })
  const account = await lockAccount(trx, entry.tenantId, entry.accountId)
  if (entry.externalId) {
    const existing = await trx
      .selectFrom('ledger_entries')
      .select('id')
      .where('account_id', '=', entry.accountId)
      .where('external_id', '=', entry.externalId)
      .executeTakeFirst()
    if (existing) return { id: Number(existing.id), created: false }
  }
  const inserted = await trx
    .insertInto('ledger_entries')
    .values({
      tenant_id: entry.tenantId,
      account_id: entry.accountId,
      kind: entry.kind,
      amount_minor: entry.amountMinor,
      effective_on: entry.effectiveOn,
      posted_at: new Date().toISOString(),
      external_id: entry.externalId ?? null,
      memo: entry.memo ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const id = Number(inserted.id)
  await appendJournalEvent(trx, {
    tenantId: entry.tenantId,
    type: 'ledger.entry_posted',
    actor: entry.actor,
    subject: `account:${entry.accountId}`,
    payload: {
      entryId: id,
      kind: entry.kind,
      amountMinor: entry.amountMinor,
      currency: account.currency,
      effectiveOn: entry.effectiveOn,
    },
  })
  return { id, created: true }
}

/**
 * Reverses a posted entry by appending its exact opposite (entries are never edited or deleted).
 * An entry can be reversed once; reversing a reversal is refused.
 */
export async function reverseLedgerEntry(
  trx: Transaction<Database>,
  options: { tenantId: number; entryId: number; effectiveOn: LocalDate; reason: string; actor: string },
): Promise<PostedEntry> {
  const original = await trx
    .selectFrom('ledger_entries')
    .selectAll()
    .where('id', '=', options.entryId)
    .where('tenant_id', '=', options.tenantId)
    .executeTakeFirst()
  if (!original) throw new AppError('entry_not_found', `no ledger entry ${options.entryId} for this tenant`)
  if (original.kind === 'reversal')
    throw new AppError('cannot_reverse_reversal', 'a reversal cannot itself be reversed')
  await lockAccount(trx, options.tenantId, Number(original.account_id))
  const already = await trx
    .selectFrom('ledger_entries')
    .select('id')
    .where('reverses_id', '=', options.entryId)
    .executeTakeFirst()
  if (already)
    throw new AppError(
      'already_reversed',
      `entry ${options.entryId} was already reversed by entry ${already.id}`,
    )
  const inserted = await trx
    .insertInto('ledger_entries')
    .values({
      tenant_id: options.tenantId,
      account_id: original.account_id,
      kind: 'reversal',
      amount_minor: -Number(original.amount_minor),
      effective_on: options.effectiveOn,
      posted_at: new Date().toISOString(),
      external_id: `reversal:${options.entryId}`,
      reverses_id: options.entryId,
      memo: options.reason,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const id = Number(inserted.id)
  await appendJournalEvent(trx, {
    tenantId: options.tenantId,
    type: 'ledger.entry_reversed',
    actor: options.actor,
    subject: `account:${original.account_id}`,
    payload: {
      entryId: id,
      reverses: options.entryId,
      amountMinor: -Number(original.amount_minor),
      reason: options.reason,
    },
  })
  return { id, created: true }
}

/** An account's balance as of a date (inclusive), always summed from its ledger. */
export async function accountBalance(
  db: Kysely<Database>,
  accountId: number,
  asOf?: LocalDate,
): Promise<number> {
  let query = db
    .selectFrom('ledger_entries')
    .select(sql<number>`coalesce(sum(amount_minor), 0)`.as('balance'))
    .where('account_id', '=', accountId)
  if (asOf) query = query.where('effective_on', '<=', asOf)
  const row = await query.executeTakeFirstOrThrow()
  return Number(row.balance)
}
