import type { Kysely, Transaction } from 'kysely'
import { type ChainBreak, ChainVerifier, eventHash } from '../core/journal/event-hash.ts'
import type { Database } from './schema.ts'

/** A state change to record: who did what to which subject, with its details. */
export interface NewJournalEvent {
  readonly tenantId: number
  /** Dotted past tense: "account.created", "ledger.entry_posted", "import.completed". */
  readonly type: string
  /** "user:alice", "system:import", "cli". */
  readonly actor: string
  /** What it is about, e.g. "account:42" or "import_run:7". */
  readonly subject?: string | null
  readonly payload: Readonly<Record<string, unknown>>
  readonly occurredAt?: Date
}

/** The stored row of the event that follows `head`, hash included: the one recipe every append path uses. */
export function nextJournalRow(head: { seq: number; hash: string }, event: NewJournalEvent) {
  const fields = {
    tenantId: event.tenantId,
    seq: Number(head.seq),
    type: event.type,
    actor: event.actor,
    occurredAt: (event.occurredAt ?? new Date()).toISOString(),
    subject: event.subject ?? null,
    payload: JSON.stringify(event.payload),
    prevHash: head.hash,
  }
  return {
    tenant_id: fields.tenantId,
    seq: fields.seq,
    type: fields.type,
    actor: fields.actor,
    occurred_at: fields.occurredAt,
    subject: fields.subject,
    payload: fields.payload,
    prev_hash: fields.prevHash,
    hash: eventHash(fields),
  }
}

/** Columns of a journal row in a fixed order, for the bulk writers' native statements. */
export const JOURNAL_COLUMNS = [
  'tenant_id',
  'seq',
  'type',
  'actor',
  'occurred_at',
  'subject',
  'payload',
  'prev_hash',
  'hash',
] as const

/** The INSERT for one journal row with the driver's placeholders ("?" or "$n"). */
export function journalInsertSql(placeholder: (position: number) => string): string {
  const values = JOURNAL_COLUMNS.map((_, i) => placeholder(i + 1)).join(', ')
  return `insert into journal_events (${JOURNAL_COLUMNS.join(', ')}) values (${values})`
}

/** A journal row's values in JOURNAL_COLUMNS order. */
export function journalRowValues(row: ReturnType<typeof nextJournalRow>): unknown[] {
  return JOURNAL_COLUMNS.map((column) => row[column])
}

/**
 * Appends an event to the tenant's hash chain inside the caller's transaction. Bumping the head row
 * first takes its write lock, so concurrent appends for one tenant queue up instead of forking the
 * chain (PostgreSQL row lock; SQLite's single writer). The event is visible only if the caller commits.
 */
export async function appendJournalEvent(
  trx: Transaction<Database>,
  event: NewJournalEvent,
): Promise<{ id: number; seq: number; hash: string }> {
  const head = await trx
    .updateTable('journal_heads')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('tenant_id', '=', event.tenantId)
    .returning(['seq', 'hash'])
    .executeTakeFirst()
  if (!head) throw new Error(`tenant ${event.tenantId} has no journal head`)
  const row = nextJournalRow(head, event)
  const { hash } = row
  const inserted = await trx
    .insertInto('journal_events')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx.updateTable('journal_heads').set({ hash }).where('tenant_id', '=', event.tenantId).execute()
  return { id: Number(inserted.id), seq: row.seq, hash }
}

/** Result of verifying one tenant's chain. */
export interface ChainVerification {
  readonly tenantId: number
  readonly events: number
  readonly firstBreak: ChainBreak | null
}

const VERIFY_PAGE = 5000

/**
 * Re-computes a tenant's whole chain, page by page, and reports the first event that breaks it. It
 * verifies up to the head as read when it starts, so events appended while it runs are left for the
 * next verification instead of looking like a mismatch with the head.
 */
export async function verifyJournalChain(db: Kysely<Database>, tenantId: number): Promise<ChainVerification> {
  const head = await db
    .selectFrom('journal_heads')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst()
  const verifier = new ChainVerifier()
  let count = 0
  let afterSeq = 0
  for (;;) {
    const page = await db
      .selectFrom('journal_events')
      .select(['id', ...JOURNAL_COLUMNS])
      .where('tenant_id', '=', tenantId)
      .where('seq', '>', afterSeq)
      .$if(head !== undefined, (qb) => qb.where('seq', '<=', Number(head?.seq)))
      .orderBy('seq')
      .limit(VERIFY_PAGE)
      .execute()
    for (const row of page) {
      count++
      const firstBreak = verifier.check({
        id: Number(row.id),
        tenantId: Number(row.tenant_id),
        seq: Number(row.seq),
        type: row.type,
        actor: row.actor,
        occurredAt: row.occurred_at,
        subject: row.subject,
        payload: row.payload,
        prevHash: row.prev_hash,
        hash: row.hash,
      })
      if (firstBreak) return { tenantId, events: count, firstBreak }
    }
    if (page.length < VERIFY_PAGE) break
    afterSeq = Number(page[page.length - 1]?.seq)
  }
  const finalBreak = verifier.finish(head ? { seq: Number(head.seq), hash: head.hash } : null)
  return { tenantId, events: count, firstBreak: finalBreak }
}
