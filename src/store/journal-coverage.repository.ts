import { type Kysely, sql, type Transaction } from 'kysely'
import type { CoveredIds } from '../core/journal/covered-ids.ts'
import {
  AUDITED_COLUMNS,
  COVER_SOURCE,
  type CoverTable,
  coverOfRows,
  type IdRanges,
  type RowCover,
  RowDigest,
  storedTag,
  toIdRanges,
} from '../core/journal/row-digest.ts'
import type { Database } from './schema.ts'

/**
 * The rows a journal event vouches for, by id or by a natural key the writer knows without reading
 * back ids: a ledger line by (account, external id), a payment by its external id (unique per tenant).
 */
export interface JournalCoverRequest {
  readonly table: CoverTable
  readonly ids?: readonly number[]
  /** ledger_entries only. */
  readonly keys?: readonly { readonly accountId: number; readonly externalId: string }[]
  /** payments and payment_status only. */
  readonly externalIds?: readonly string[]
}

const PAGE = 5000

/** The audited columns of a cover as SQL, for native statements. */
export function auditedColumnList(table: CoverTable): string {
  return AUDITED_COLUMNS[table].map(([name]) => name).join(', ')
}

/** SELECT of a cover's audited columns for `tenant_id = ? and id between ? and ?`, ordered by id. */
export function coveredRowsSql(table: CoverTable, placeholder: (position: number) => string): string {
  return (
    `select ${auditedColumnList(table)} from ${COVER_SOURCE[table]} ` +
    `where tenant_id = ${placeholder(1)} and id between ${placeholder(2)} and ${placeholder(3)} order by id`
  )
}

type Row = Record<string, unknown>

/** Rows of a cover with id in (after, to], ascending, at most PAGE of them. */
async function readPage(
  db: Kysely<Database>,
  tenantId: number,
  table: CoverTable,
  after: number,
  to: number,
) {
  const columns = sql.join(AUDITED_COLUMNS[table].map(([name]) => sql.ref(name)))
  const { rows } = await sql<Row>`select ${columns} from ${sql.table(COVER_SOURCE[table])}
    where tenant_id = ${tenantId} and id > ${after} and id <= ${to} order by id limit ${PAGE}`.execute(db)
  return rows
}

/** Every row of the ranges in id order, a page at a time. */
async function* rowsInRanges(db: Kysely<Database>, tenantId: number, table: CoverTable, ranges: IdRanges) {
  for (const [from, to] of ranges) {
    let after = from - 1
    for (;;) {
      const page = await readPage(db, tenantId, table, after, to)
      for (const row of page) yield row
      if (page.length < PAGE) break
      after = Number(page[page.length - 1]?.id)
    }
  }
}

async function resolveIds(trx: Transaction<Database>, tenantId: number, request: JournalCoverRequest) {
  const ids = [...(request.ids ?? [])]
  if (request.keys?.length) {
    if (request.table !== 'ledger_entries')
      throw new Error(`cover keys name ledger lines, not ${request.table}`)
    for (let i = 0; i < request.keys.length; i += 1000) {
      const chunk = request.keys.slice(i, i + 1000)
      const found = await trx
        .selectFrom('ledger_entries')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where((eb) =>
          eb.or(
            chunk.map((k) =>
              eb.and([eb('account_id', '=', k.accountId), eb('external_id', '=', k.externalId)]),
            ),
          ),
        )
        .execute()
      if (found.length !== chunk.length) throw new Error('a covered ledger line does not exist')
      ids.push(...found.map((row) => Number(row.id)))
    }
  }
  if (request.externalIds?.length) {
    if (request.table === 'ledger_entries')
      throw new Error('cover externalIds name payments, not ledger lines')
    const found = await trx
      .selectFrom('payments')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('external_id', 'in', [...request.externalIds])
      .execute()
    if (found.length !== new Set(request.externalIds).size)
      throw new Error('a covered payment does not exist')
    ids.push(...found.map((row) => Number(row.id)))
  }
  return toIdRanges(ids)
}

/**
 * Reads the requested rows inside the writer's transaction and digests them. A request naming a row
 * that is not there is a bug in the writer, so it throws and the whole transaction rolls back.
 */
export async function buildCovers(
  trx: Transaction<Database>,
  tenantId: number,
  requests: readonly JournalCoverRequest[],
): Promise<RowCover[]> {
  const covers: RowCover[] = []
  for (const request of requests) {
    const ranges = await resolveIds(trx, tenantId, request)
    if (ranges.length === 0) continue
    const rows: Row[] = []
    for await (const row of rowsInRanges(trx, tenantId, request.table, ranges)) rows.push(row)
    covers.push(coverOfRows(request.table, ranges, rows))
  }
  return covers
}

/** The first row of a cover that no longer matches what its event recorded, and how. */
export interface CoverMismatch {
  readonly rowId: number | null
  readonly reason: string
}

/**
 * Re-reads a cover's rows (streaming, by its id ranges) and compares each with its stored tag, then the
 * whole with the digest: a missing id is a deleted row (or one moved to another id or tenant), a tag
 * that differs is an edited row.
 */
export async function checkCover(
  db: Kysely<Database>,
  tenantId: number,
  cover: RowCover,
): Promise<CoverMismatch | null> {
  const table = COVER_SOURCE[cover.table]
  const what = cover.table === 'payment_status' ? 'payments row' : `${table} row`
  const digest = new RowDigest(cover.table)
  const rows = rowsInRanges(db, tenantId, cover.table, cover.ranges)
  let index = 0
  for (const [from, to] of cover.ranges) {
    for (let id = from; id <= to; id++) {
      const next = await rows.next()
      const row = next.done ? undefined : next.value
      if (!row || Number(row.id) !== id) {
        return { rowId: id, reason: `${what} ${id} is missing: deleted, or its id or tenant was changed` }
      }
      const tag = digest.add(row)
      if (tag !== storedTag(cover, index)) {
        const part = cover.table === 'payment_status' ? 'its status or reversal' : 'an audited column'
        return { rowId: id, reason: `${what} ${id} was edited: ${part} differs from what the event recorded` }
      }
      index++
    }
  }
  if (digest.finish(cover.ranges).digest !== cover.digest) {
    return { rowId: null, reason: `one of the ${cover.count} ${what}s the event recorded was edited` }
  }
  return null
}

/** Rows that must be vouched for by some cover of this table. */
function needsCover(table: CoverTable) {
  // A posted payment with no reversal needs no status cover: its status is the one posting implies.
  return table === 'payment_status'
    ? sql`and (status <> 'posted' or reversed_at is not null or reversal_reason is not null)`
    : sql``
}

/**
 * The first row of the tenant that no journal event vouches for (a row inserted behind the journal's
 * back), streaming ids in ascending order against the covered ranges, with how many rows it read.
 */
export async function firstUnrecordedRow(
  db: Kysely<Database>,
  tenantId: number,
  table: CoverTable,
  covered: CoveredIds,
): Promise<{ rows: number; firstUnrecorded: number | null }> {
  let after = 0
  let rows = 0
  for (;;) {
    const { rows: page } = await sql<{ id: number }>`select id from ${sql.table(COVER_SOURCE[table])}
      where tenant_id = ${tenantId} and id > ${after} ${needsCover(table)} order by id limit ${PAGE}`.execute(
      db,
    )
    for (const { id } of page) {
      rows++
      if (!covered.has(Number(id))) return { rows, firstUnrecorded: Number(id) }
    }
    if (page.length < PAGE) return { rows, firstUnrecorded: null }
    after = Number(page[page.length - 1]?.id)
  }
}

/** Every row of the tenant that no journal event vouches for, in id order (for `recoup audit baseline`). */
export async function unrecordedRows(
  db: Kysely<Database>,
  tenantId: number,
  table: CoverTable,
  covered: CoveredIds,
): Promise<number[]> {
  const ids: number[] = []
  let after = 0
  for (;;) {
    const { rows: page } = await sql<{ id: number }>`select id from ${sql.table(COVER_SOURCE[table])}
      where tenant_id = ${tenantId} and id > ${after} ${needsCover(table)} order by id limit ${PAGE}`.execute(
      db,
    )
    for (const { id } of page) if (!covered.has(Number(id))) ids.push(Number(id))
    if (page.length < PAGE) return ids
    after = Number(page[page.length - 1]?.id)
  }
}

/**
 * The cover of ledger lines a writer just built, by their (account, external id) key: lets a money
 * writer that does not read back ids vouch for its rows in one line (`covers: [coverLedgerRows(rows)]`).
 */
export function coverLedgerRows(
  rows: readonly { readonly account_id: number; readonly external_id: string | null }[],
): JournalCoverRequest {
  return {
    table: 'ledger_entries',
    keys: rows.map((row) => {
      if (row.external_id === null) throw new Error('a ledger line without an external id is covered by id')
      return { accountId: row.account_id, externalId: row.external_id }
    }),
  }
}
