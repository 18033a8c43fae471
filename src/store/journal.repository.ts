import type { Kysely, Transaction } from 'kysely'
import { CoveredIds } from '../core/journal/covered-ids.ts'
import { ChainVerifier, eventHash } from '../core/journal/event-hash.ts'
import { type CoverTable, isRowCover, type RowCover } from '../core/journal/row-digest.ts'
import { webhookEventsOfJournal } from '../core/webhooks/webhook-events.ts'
import { dialectOf } from './dialect.ts'
import {
  buildCovers,
  checkCover,
  firstUnrecordedRow,
  type JournalCoverRequest,
  unrecordedRows,
} from './journal-coverage.repository.ts'
import type { Database } from './schema.ts'
import { enqueueWebhookEvents } from './webhooks/webhook-outbox.repository.ts'

export { coverLedgerRows, type JournalCoverRequest } from './journal-coverage.repository.ts'

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
  /**
   * The ledger lines and payments this event recorded: appendJournalEvent reads them in the transaction
   * and stores their digest in the payload (as `covers`), so the event's hash vouches for the money.
   */
  readonly covers?: readonly JournalCoverRequest[]
  /** Covers already computed (the bulk writers digest their rows natively); stored like `covers`. */
  readonly coverage?: readonly RowCover[]
}

/** The stored row of the event that follows `head`, hash included: the one recipe every append path uses. */
export function nextJournalRow(head: { seq: number; hash: string }, event: NewJournalEvent) {
  if ('covers' in event.payload) throw new Error('"covers" is reserved in journal payloads')
  const payload = event.coverage?.length ? { ...event.payload, covers: event.coverage } : event.payload
  const fields = {
    tenantId: event.tenantId,
    seq: Number(head.seq),
    type: event.type,
    actor: event.actor,
    occurredAt: (event.occurredAt ?? new Date()).toISOString(),
    subject: event.subject ?? null,
    payload: JSON.stringify(payload),
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
  // Digest first: the head row's lock, taken next, is then held for the shortest time.
  const computed = event.covers?.length ? await buildCovers(trx, event.tenantId, event.covers) : []
  const coverage = [...(event.coverage ?? []), ...computed]
  const head = await trx
    .updateTable('journal_heads')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('tenant_id', '=', event.tenantId)
    .returning(['seq', 'hash'])
    .executeTakeFirst()
  if (!head) throw new Error(`tenant ${event.tenantId} has no journal head`)
  const row = nextJournalRow(head, { ...event, coverage })
  const { hash } = row
  const inserted = await trx
    .insertInto('journal_events')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx.updateTable('journal_heads').set({ hash }).where('tenant_id', '=', event.tenantId).execute()
  // The change's webhooks go to the outbox in the same transaction (none for most event types).
  await enqueueWebhookEvents(trx, event.tenantId, webhookEventsOfJournal(event), new Date(row.occurred_at))
  return { id: Number(inserted.id), seq: row.seq, hash }
}

/**
 * Takes the tenant's journal head lock for the rest of the transaction, as appending an event does:
 * every other writer of the tenant's books waits, so what the transaction reads stays complete.
 */
export async function lockJournalHead(trx: Transaction<Database>, tenantId: number): Promise<void> {
  await trx
    .updateTable('journal_heads')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where('tenant_id', '=', tenantId)
    .execute()
}

/** Where verification found the journal and the books disagree: the first problem, by seq when it has one. */
export interface JournalBreak {
  /** The first bad event's seq; null for a row no event records. */
  readonly seq: number | null
  /** Its id; null when the event is missing or there is none. */
  readonly eventId: number | null
  readonly reason: string
}

/** Result of verifying one tenant's chain. */
export interface ChainVerification {
  readonly tenantId: number
  readonly events: number
  /** Ledger lines and payments re-read against their events' digests (0 without `coverage`). */
  readonly rowsChecked: number
  readonly firstBreak: JournalBreak | null
  /** With `listUnrecorded` and an intact chain: every row no event vouches for, per table. */
  readonly unrecorded?: Readonly<Record<CoverTable, readonly number[]>>
}

/** What else to check besides the links and hashes of the chain. */
export interface VerifyOptions {
  /**
   * Re-read every row the events vouch for against their digests, and require every ledger line and
   * payment of the tenant to be vouched for by some event (inside one read snapshot).
   */
  readonly coverage?: boolean
  /** A head from a signed anchor: the chain must still hold this hash at this seq. */
  readonly anchor?: { readonly seq: number; readonly hash: string }
  /**
   * With `coverage`: list every row no event vouches for instead of failing at the first (the chain
   * and the covers must still hold). For a baseline, inside the caller's transaction.
   */
  readonly listUnrecorded?: boolean
}

const VERIFY_PAGE = 5000
const COVERED_TABLES: readonly CoverTable[] = ['ledger_entries', 'payments', 'payment_status']

/**
 * Re-computes a tenant's whole chain, page by page, and reports the first event that breaks it. It
 * verifies up to the head as read when it starts, so events appended while it runs are left for the
 * next verification instead of looking like a mismatch with the head. With `coverage` it runs in one
 * snapshot (so rows committed meanwhile cannot look unrecorded) and checks the money too.
 */
export async function verifyJournalChain(
  db: Kysely<Database>,
  tenantId: number,
  options: VerifyOptions = {},
): Promise<ChainVerification> {
  if (!options.coverage) return verifyJournalChainIn(db, tenantId, options)
  const snapshot =
    dialectOf(db as unknown as Kysely<unknown>) === 'postgres'
      ? db.transaction().setIsolationLevel('repeatable read')
      : db.transaction()
  return snapshot.execute((trx) => verifyJournalChainIn(trx, tenantId, options))
}

/** verifyJournalChain inside the caller's transaction (whose snapshot it reads). */
export async function verifyJournalChainIn(
  db: Kysely<Database>,
  tenantId: number,
  options: VerifyOptions,
): Promise<ChainVerification> {
  const head = await db
    .selectFrom('journal_heads')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst()
  const verifier = new ChainVerifier()
  const covered = new Map(COVERED_TABLES.map((table) => [table, new CoveredIds()]))
  let count = 0
  let rowsChecked = 0
  let afterSeq = 0
  const done = (firstBreak: JournalBreak | null): ChainVerification => ({
    tenantId,
    events: count,
    rowsChecked,
    firstBreak,
  })
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
      const event = {
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
      }
      const firstBreak = verifier.check(event)
      if (firstBreak) return done(firstBreak)
      if (options.anchor && event.seq === options.anchor.seq && event.hash !== options.anchor.hash) {
        return done({
          seq: event.seq,
          eventId: event.id,
          reason: `the anchor recorded another hash for seq ${event.seq}: the journal was rewritten from here or before`,
        })
      }
      if (!options.coverage) continue
      for (const cover of coversOf(event.payload)) {
        const mismatch = await checkCover(db, tenantId, cover)
        if (mismatch) return done({ seq: event.seq, eventId: event.id, reason: mismatch.reason })
        rowsChecked += cover.count
        covered.get(cover.table)?.add(cover.ranges)
      }
    }
    if (page.length < VERIFY_PAGE) break
    afterSeq = Number(page[page.length - 1]?.seq)
  }
  const finalBreak = verifier.finish(head ? { seq: Number(head.seq), hash: head.hash } : null)
  if (finalBreak) return done(finalBreak)
  const lastSeq = head ? Number(head.seq) : 0
  if (options.anchor && options.anchor.seq > lastSeq) {
    return done({
      seq: lastSeq + 1,
      eventId: null,
      reason: `the anchor recorded seq ${options.anchor.seq} but the chain ends at seq ${lastSeq}: events were deleted and the head rewound`,
    })
  }
  if (options.coverage && options.listUnrecorded) {
    const unrecorded = {} as Record<CoverTable, number[]>
    for (const table of COVERED_TABLES)
      unrecorded[table] = await unrecordedRows(db, tenantId, table, covered.get(table) as CoveredIds)
    return { ...done(null), unrecorded }
  }
  if (options.coverage) {
    for (const table of COVERED_TABLES) {
      const { firstUnrecorded } = await firstUnrecordedRow(
        db,
        tenantId,
        table,
        covered.get(table) as CoveredIds,
      )
      if (firstUnrecorded !== null)
        return done({ seq: null, eventId: null, reason: unrecordedReason(table, firstUnrecorded) })
    }
  }
  return done(null)
}

function unrecordedReason(table: CoverTable, id: number): string {
  return table === 'payment_status'
    ? `payments row ${id} is reversed but no journal event records its reversal: it was changed outside Recoup`
    : `${table} row ${id} is recorded by no journal event: it was inserted outside Recoup`
}

/** The covers an event's payload carries (none for events that record no money). */
function coversOf(payload: string): RowCover[] {
  if (!payload.includes('"covers"')) return []
  const covers = (JSON.parse(payload) as { covers?: unknown }).covers
  return Array.isArray(covers) ? covers.filter(isRowCover) : []
}

/** Every tenant's chain head with the time of its head event, for anchoring. */
export async function listJournalHeads(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('journal_heads as h')
    .innerJoin('tenants as t', 't.id', 'h.tenant_id')
    .leftJoin('journal_events as e', (join) =>
      join.onRef('e.tenant_id', '=', 'h.tenant_id').onRef('e.seq', '=', 'h.seq'),
    )
    .select(['t.slug', 'h.tenant_id', 'h.seq', 'h.hash', 'e.occurred_at'])
    .orderBy('h.tenant_id')
    .execute()
  return rows.map((row) => ({
    tenant: row.slug,
    tenantId: Number(row.tenant_id),
    seq: Number(row.seq),
    hash: row.hash,
    occurredAt: row.occurred_at ?? null,
  }))
}
