import type { FieldError } from '../core/intake/map-row.ts'
import type { Tenant } from '../store/tenant.repository.ts'

export const ENCODINGS = ['utf-8', 'latin1', 'windows-1252'] as const
export type Encoding = (typeof ENCODINGS)[number]

/** Rows per transaction: big enough to amortise a commit, small enough that a crash loses little. */
export const DEFAULT_BATCH_SIZE = 10_000

/** What to import and how. Only `file` and `tenant` are required. */
export interface ImportOptions {
  /** A .csv or .xlsx file. */
  readonly file: string
  readonly tenant: Pick<Tenant, 'id' | 'name' | 'default_currency'>
  /** Built-in mapping (default `generic`); mutually exclusive with `mappingFile`. */
  readonly preset?: string
  /** A JSON mapping file (format in docs/import.md). */
  readonly mappingFile?: string
  /** Where rejected rows go; default FILE.rejects.csv beside the input. */
  readonly rejectsPath?: string
  /** Text encoding of a CSV file; default utf-8. */
  readonly encoding?: Encoding
  readonly batchSize?: number
  /** Currency of rows that name none; default the tenant's. */
  readonly currency?: string
  /** XLSX worksheet; default the first. */
  readonly sheet?: string
  /** Who the journal says imported: "cli", "user:alice"; default "system:import". */
  readonly actor?: string
  /** Aborting stops after the batch in flight; the run is marked failed and can be re-run. */
  readonly signal?: AbortSignal
}

/** Running totals of an import; also the `counts` JSON of its import run and journal event. */
export interface ImportCounts {
  rowsRead: number
  debtorsCreated: number
  accountsCreated: number
  /** Accounts already in the database (an earlier import of the same rows). */
  accountsExisting: number
  entriesPosted: number
  rejected: number
}

/** One rejected row as reported: the file's line and every problem with it. */
export interface RejectedRow {
  readonly line: number
  readonly errors: readonly FieldError[]
}

/** What an import did. */
export interface ImportSummary extends ImportCounts {
  readonly runId: number
  readonly file: string
  readonly mapping: string
  /** The reject file, or null when no row was rejected (none is written then). */
  readonly rejectFile: string | null
  /** The first rejected rows (at most 20), to show without opening the reject file. */
  readonly firstRejects: readonly RejectedRow[]
  readonly seconds: number
}

/** Progress reports: once when the run starts, after every batch, and once at the end. */
export interface ImportProgress {
  readonly phase: 'started' | 'batch' | 'completed'
  readonly runId: number
  readonly bytesRead: number
  readonly totalBytes: number
  readonly counts: Readonly<ImportCounts>
}

/** Zeroed counts. */
export function emptyCounts(): ImportCounts {
  return {
    rowsRead: 0,
    debtorsCreated: 0,
    accountsCreated: 0,
    accountsExisting: 0,
    entriesPosted: 0,
    rejected: 0,
  }
}
