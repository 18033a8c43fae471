import { createHash } from 'node:crypto'

/**
 * What a journal event can vouch for. `payment_status` is the mutable part of a payments row (a
 * reversal changes it once); `payments` is the rest, which never changes after posting, so the posting
 * event's digest stays valid after a reversal and the reversal event vouches for the new state.
 */
export type CoverTable = 'ledger_entries' | 'payments' | 'payment_status'

/** The database table each cover reads. */
export const COVER_SOURCE: Readonly<Record<CoverTable, 'ledger_entries' | 'payments'>> = {
  ledger_entries: 'ledger_entries',
  payments: 'payments',
  payment_status: 'payments',
}

type Column = readonly [name: string, type: 'int' | 'text']

/**
 * The audited columns of each cover, in digest order. Fixed here, never derived from the schema, so a
 * new column changes no old digest (add it under a new digest version instead).
 */
export const AUDITED_COLUMNS: Readonly<Record<CoverTable, readonly Column[]>> = {
  ledger_entries: [
    ['id', 'int'],
    ['tenant_id', 'int'],
    ['account_id', 'int'],
    ['kind', 'text'],
    ['amount_minor', 'int'],
    ['effective_on', 'text'],
    ['posted_at', 'text'],
    ['external_id', 'text'],
    ['reverses_id', 'int'],
    ['memo', 'text'],
    ['component', 'text'],
    ['payment_id', 'int'],
  ],
  payments: [
    ['id', 'int'],
    ['tenant_id', 'int'],
    ['account_id', 'int'],
    ['amount_minor', 'int'],
    ['currency', 'text'],
    ['received_on', 'text'],
    ['source', 'text'],
    ['external_id', 'text'],
    ['end_to_end_id', 'text'],
    ['policy_id', 'text'],
    ['credit_minor', 'int'],
    ['created_at', 'text'],
  ],
  payment_status: [
    ['id', 'int'],
    ['tenant_id', 'int'],
    ['status', 'text'],
    ['reversed_at', 'text'],
    ['reversal_reason', 'text'],
  ],
}

/** Version of the canonical form below, stored with every cover. */
export const ROW_DIGEST_VERSION = 1

/** Hex characters of a row's own hash kept per row: enough to name the edited row, not to prove it. */
const TAG_LENGTH = 8

/** Inclusive id ranges, ascending and disjoint: `[[1, 1000], [1003, 1003]]`. */
export type IdRanges = readonly (readonly [number, number])[]

/** What an event stores about the rows it vouches for (inside its payload, so its hash covers it). */
export interface RowCover {
  readonly table: CoverTable
  readonly ranges: IdRanges
  readonly count: number
  /** SHA-256 over the canonical rows in id order: the proof. */
  readonly digest: string
  /** The first TAG_LENGTH hex digits of each row's own hash, in id order: to name an edited row. */
  readonly tags: string
  readonly v: number
}

/**
 * One row in canonical form: the audited columns as a JSON array, integers as numbers and everything
 * else as strings, so SQLite and PostgreSQL (bigint, date, timestamptz as parsed by the store) agree.
 * Built by hand rather than by JSON.stringify of a mapped array: this runs once per row on the bulk path.
 */
export function canonicalRow(table: CoverTable, row: Readonly<Record<string, unknown>>): string {
  let text = '['
  const columns = AUDITED_COLUMNS[table]
  for (let i = 0; i < columns.length; i++) {
    const [name, type] = columns[i] as Column
    const value = row[name]
    if (i > 0) text += ','
    if (value === null || value === undefined) text += 'null'
    else if (type === 'int') {
      const n = Number(value)
      text += Number.isFinite(n) ? String(n) : 'null'
    } else text += JSON.stringify(String(value))
  }
  return `${text}]`
}

/**
 * The short per-row tag of a canonical row: FNV-1a, 32 bits, as 8 hex digits. Not a proof (the
 * SHA-256 digest of the whole cover is): only a pointer to which row changed, so it is chosen for speed
 * on the bulk path (a SHA-256 per row doubled the cost of an import).
 */
export function rowTag(canonical: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < canonical.length; i++) {
    hash ^= canonical.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(TAG_LENGTH, '0')
}

/** Rows buffered before they are fed to SHA-256: one update per chunk, not per row. */
const HASH_CHUNK = 256

/** Accumulates rows in id order into a cover; one row at a time so any number of rows fits. */
export class RowDigest {
  private readonly hash = createHash('sha256')
  private readonly tagList: string[] = []
  private pending: string[] = []

  constructor(readonly table: CoverTable) {}

  /** Adds the next row (ascending id) and returns its tag. */
  add(row: Readonly<Record<string, unknown>>): string {
    const canonical = canonicalRow(this.table, row)
    this.pending.push(canonical)
    if (this.pending.length >= HASH_CHUNK) this.flush()
    const tag = rowTag(canonical)
    this.tagList.push(tag)
    return tag
  }

  /** The cover of every row added, for these ranges. */
  finish(ranges: IdRanges): RowCover {
    this.flush()
    return {
      table: this.table,
      ranges,
      count: this.tagList.length,
      digest: this.hash.digest('hex'),
      tags: this.tagList.join(''),
      v: ROW_DIGEST_VERSION,
    }
  }

  /** Each row is followed by a newline, which JSON text never contains raw: rows cannot run together. */
  private flush(): void {
    if (this.pending.length === 0) return
    this.hash.update(`${this.pending.join('\n')}\n`)
    this.pending = []
  }
}

/** The tag stored for the index-th row of a cover. */
export function storedTag(cover: RowCover, index: number): string {
  return cover.tags.slice(index * TAG_LENGTH, (index + 1) * TAG_LENGTH)
}

/** Sorts and de-duplicates ids into inclusive ranges (contiguous ids, the bulk case, become one range). */
export function toIdRanges(ids: Iterable<number>): [number, number][] {
  const sorted = [...new Set(ids)].sort((a, b) => a - b)
  const ranges: [number, number][] = []
  for (const id of sorted) {
    const last = ranges[ranges.length - 1]
    if (last && id === last[1] + 1) last[1] = id
    else ranges.push([id, id])
  }
  return ranges
}

/** How many ids the ranges hold. */
export function rangesCount(ranges: IdRanges): number {
  return ranges.reduce((sum, [from, to]) => sum + (to - from + 1), 0)
}

/** Whether a value read back from a payload is a well-formed cover (the event hash proves who wrote it). */
export function isRowCover(value: unknown): value is RowCover {
  if (typeof value !== 'object' || value === null) return false
  const cover = value as Partial<RowCover>
  return (
    typeof cover.table === 'string' &&
    cover.table in AUDITED_COLUMNS &&
    Array.isArray(cover.ranges) &&
    cover.ranges.every(
      (r) => Array.isArray(r) && r.length === 2 && Number.isSafeInteger(r[0]) && Number.isSafeInteger(r[1]),
    ) &&
    typeof cover.count === 'number' &&
    typeof cover.digest === 'string' &&
    typeof cover.tags === 'string'
  )
}

/**
 * The cover of rows already read in id order (a bulk writer's own read-back). Fewer rows than the
 * ranges hold means a row the writer meant to cover is not there: a bug, so it throws.
 */
export function coverOfRows(
  table: CoverTable,
  ranges: IdRanges,
  rows: Iterable<Readonly<Record<string, unknown>>>,
): RowCover {
  const digest = new RowDigest(table)
  for (const row of rows) digest.add(row)
  const cover = digest.finish(ranges)
  if (cover.count !== rangesCount(ranges)) {
    throw new Error(`${table}: ${rangesCount(ranges)} rows to cover, ${cover.count} found`)
  }
  return cover
}
