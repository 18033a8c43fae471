import { type Kysely, sql, type Transaction } from 'kysely'
import { type LocalDate, parseLocalDate } from '../core/calendar/local-date.ts'
import { AppError } from '../core/errors/index.ts'
import { checkEntrySign, componentOfKind, type LedgerEntryKind } from '../core/ledger/ledger-entry.ts'
import { insertRows } from './insert-rows.ts'
import { appendJournalEvent } from './journal.repository.ts'
import type { Database, LedgerComponent } from './schema.ts'

/** Rows per multi-row INSERT, far below both databases' bound-parameter limits. */
const CHUNK = 500

/** One ledger line as every writer (payments, reversals, fees, write-offs, single postings) gives it. */
export interface LedgerLine {
  readonly tenantId: number
  readonly accountId: number
  readonly kind: LedgerEntryKind
  /** Signed minor units: the sign must be the one the kind requires (ENTRY_SIGN). */
  readonly amountMinor: number
  readonly effectiveOn: LocalDate
  /** What the line moves (default: the kind's own component). */
  readonly component?: LedgerComponent
  /** Idempotency key, unique per account. */
  readonly externalId?: string | null
  readonly paymentId?: number | null
  readonly reversesId?: number | null
  readonly memo?: string | null
  /** Instant of posting (default: now). */
  readonly postedAt?: string
}

/** A line this call inserted: its id (for the journal's coverage of the rows it records) and its key. */
export interface WrittenLine {
  readonly id: number
  readonly accountId: number
  readonly externalId: string | null
  readonly amountMinor: number
}

/**
 * THE ledger writer: every line of payments, reversals, fees and write-offs goes through here, which
 * refuses a sign its kind does not allow before anything is written (the database refuses it too,
 * migration 0004, for writers that bypass this). `onConflict: 'skip'` makes a line whose external id
 * the account already has a no-op (idempotent re-posting); the result lists only the lines inserted.
 */
export async function writeLedgerLines(
  trx: Transaction<Database>,
  lines: readonly LedgerLine[],
  options: { onConflict: 'skip' | 'fail' } = { onConflict: 'fail' },
): Promise<WrittenLine[]> {
  for (const line of lines) {
    const problem = checkEntrySign(line.kind, line.amountMinor)
    if (problem) {
      throw new AppError('invalid_amount', `ledger line ${line.externalId ?? '(no key)'}: ${problem}`, {
        field: 'amountMinor',
        kind: line.kind,
      })
    }
  }
  const postedAt = new Date().toISOString()
  const columns = ['tenant_id', 'account_id', 'kind', 'component', 'amount_minor', 'effective_on']
  const more = ['posted_at', 'external_id', 'payment_id', 'reverses_id', 'memo']
  const suffix =
    options.onConflict === 'skip'
      ? ' on conflict (account_id, external_id) do nothing returning id, account_id, external_id, amount_minor'
      : ' returning id, account_id, external_id, amount_minor'
  const written: WrittenLine[] = []
  for (let i = 0; i < lines.length; i += CHUNK) {
    const rows = await insertRows<{
      id: number | string
      account_id: number | string
      external_id: string | null
      amount_minor: number | string
    }>(
      trx as unknown as Kysely<unknown>,
      'ledger_entries',
      [...columns, ...more],
      lines
        .slice(i, i + CHUNK)
        .map((l) => [
          l.tenantId,
          l.accountId,
          l.kind,
          l.component ?? componentOfKind(l.kind),
          l.amountMinor,
          l.effectiveOn,
          l.postedAt ?? postedAt,
          l.externalId ?? null,
          l.paymentId ?? null,
          l.reversesId ?? null,
          l.memo ?? null,
        ]),
      suffix,
    )
    for (const r of rows) {
      written.push({
        id: Number(r.id),
        accountId: Number(r.account_id),
        externalId: r.external_id,
        amountMinor: Number(r.amount_minor),
      })
    }
  }
  return written
}

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

/** The tenant's account (id and currency), or a not-found error: the guard against cross-tenant writes. */
async function findTenantAccount(trx: Transaction<Database>, tenantId: number, accountId: number) {
  const account = await trx
    .selectFrom('accounts')
    .select(['id', 'currency'])
    .where('id', '=', accountId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst()
  if (!account) throw new AppError('account_not_found', `no account ${accountId} for this tenant`)
  return account
}

/** Checks what a caller may get wrong before anything is written. */
function checkNewEntry(entry: NewLedgerEntry): void {
  const problem = checkEntrySign(entry.kind, entry.amountMinor)
  if (problem)
    throw new AppError('invalid_amount', problem, { field: 'amountMinor', value: entry.amountMinor })
  const date = parseLocalDate(entry.effectiveOn)
  if (!date.ok) throw new AppError('invalid_date', `effectiveOn: ${date.reason}`, { field: 'effectiveOn' })
}

/**
 * The entry already posted under this external id, when the same posting arrives again. A replay with
 * a different kind or amount is a conflict, not a silent no-op: the source changed its mind.
 */
async function replayedEntry(trx: Transaction<Database>, entry: NewLedgerEntry): Promise<PostedEntry> {
  const existing = await trx
    .selectFrom('ledger_entries')
    .select(['id', 'kind', 'amount_minor'])
    .where('account_id', '=', entry.accountId)
    .where('external_id', '=', entry.externalId ?? '')
    .executeTakeFirstOrThrow()
  if (existing.kind !== entry.kind || Number(existing.amount_minor) !== entry.amountMinor) {
    const message = `entry ${entry.externalId} was already posted as ${existing.kind} ${existing.amount_minor}`
    throw new AppError('entry_conflict', message, { existingId: Number(existing.id) })
  }
  return { id: Number(existing.id), created: false }
}

/**
 * Posts one entry and journals it in the caller's transaction. The sign must match the kind (payments
 * negative, charges positive). The insert itself decides idempotency (insert-or-skip on the account's
 * external id), so concurrent replays of one posting yield one entry and no error.
 */
export async function postLedgerEntry(
  trx: Transaction<Database>,
  entry: NewLedgerEntry,
): Promise<PostedEntry> {
  checkNewEntry(entry)
  const account = await findTenantAccount(trx, entry.tenantId, entry.accountId)
  const [inserted] = await writeLedgerLines(
    trx,
    [
      {
        tenantId: entry.tenantId,
        accountId: entry.accountId,
        kind: entry.kind,
        amountMinor: entry.amountMinor,
        effectiveOn: entry.effectiveOn,
        externalId: entry.externalId ?? null,
        memo: entry.memo ?? null,
      },
    ],
    { onConflict: 'skip' },
  )
  if (!inserted) return replayedEntry(trx, entry)
  const id = Number(inserted.id)
  await appendJournalEvent(trx, {
    tenantId: entry.tenantId,
    type: 'ledger.entry_posted',
    actor: entry.actor,
    covers: [{ table: 'ledger_entries', ids: [id] }],
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
  await findTenantAccount(trx, options.tenantId, Number(original.account_id))
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
  // The external id is derived from the reversed entry, so of two concurrent reversals one inserts.
  const [inserted] = await writeLedgerLines(
    trx,
    [
      {
        tenantId: options.tenantId,
        accountId: Number(original.account_id),
        kind: 'reversal',
        amountMinor: -Number(original.amount_minor),
        effectiveOn: options.effectiveOn,
        externalId: `reversal:${options.entryId}`,
        reversesId: options.entryId,
        memo: options.reason,
        component: original.component,
        paymentId: original.payment_id,
      },
    ],
    { onConflict: 'skip' },
  )
  if (!inserted) throw new AppError('already_reversed', `entry ${options.entryId} was already reversed`)
  const id = Number(inserted.id)
  await appendJournalEvent(trx, {
    tenantId: options.tenantId,
    type: 'ledger.entry_reversed',
    actor: options.actor,
    covers: [{ table: 'ledger_entries', ids: [id] }],
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

/** A tenant's account balance as of a date (inclusive), always summed from its ledger. */
export async function accountBalance(
  db: Kysely<Database>,
  tenantId: number,
  accountId: number,
  asOf?: LocalDate,
): Promise<number> {
  let query = db
    .selectFrom('ledger_entries')
    .select(sql<number>`coalesce(sum(amount_minor), 0)`.as('balance'))
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
  if (asOf) query = query.where('effective_on', '<=', asOf)
  const row = await query.executeTakeFirstOrThrow()
  return Number(row.balance)
}
