import type { IntakeRecord } from '../core/intake/intake-record.ts'
import type { FieldError } from '../core/intake/map-row.ts'
import type { IntakeWriter } from '../store/intake/intake-writer.ts'
import type { ImportCounts } from './import-options.ts'

/** Where a rejected row goes (the reject file and the summary). */
export type RejectRow = (
  line: number,
  errors: readonly FieldError[],
  fields: readonly string[],
) => Promise<void>

/**
 * The rows waiting for the next transaction. A second row with an account id already in the batch
 * is rejected here, because the writer needs distinct ids per batch; a duplicate of a row from an
 * earlier batch comes back from the writer as a conflict (it knows the run's accounts).
 *
 * At most one batch is being written while the next one fills, so reading and mapping rows overlaps
 * the database's work (on PostgreSQL the writer waits on the server most of the time). Rejected rows
 * of the filling batch are held until the write before them has settled, so the reject file keeps
 * today's order: a batch's rejected rows, then its conflicts, then the next batch's.
 */
export class ImportBatch {
  private records: IntakeRecord[] = []
  private rows: (readonly string[])[] = []
  private lines = new Map<string, number>()
  private inFlight: { write: Promise<void>; through: number } | undefined
  private held: [number, readonly FieldError[], readonly string[]][] = []
  /** The last line of the last batch committed (0 before the first). */
  committedThrough = 0

  constructor(
    private readonly writer: IntakeWriter,
    private readonly counts: ImportCounts,
    private readonly reject: RejectRow,
    /** The account id column, to name it in duplicate reports. */
    private readonly accountIdLabel: string,
  ) {}

  get size(): number {
    return this.records.length
  }

  /** Queues a valid record; returns a duplicate error instead when the batch already has its account. */
  add(record: IntakeRecord, fields: readonly string[]): FieldError | undefined {
    const id = record.account.externalId
    const earlier = this.lines.get(id)
    if (earlier !== undefined) {
      return {
        field: this.accountIdLabel,
        reason: `duplicate account id ${id}: line ${earlier} of this file has it`,
      }
    }
    this.lines.set(id, record.line)
    this.records.push(record)
    this.rows.push(fields)
    return undefined
  }

  /** Rejects a row that never reached the batch; held while a write is in flight (see the class note). */
  async rejectRow(line: number, errors: readonly FieldError[], fields: readonly string[]): Promise<void> {
    if (this.inFlight) this.held.push([line, errors, fields])
    else await this.reject(line, errors, fields)
  }

  /**
   * Waits for the write in flight, then starts writing the queued records (one transaction) without
   * waiting for it. `through` is the last line read, what `committedThrough` becomes once it commits.
   */
  async flush(through: number): Promise<void> {
    await this.settle()
    if (this.records.length === 0) {
      this.committedThrough = through
      return
    }
    const records = this.records
    const rows = this.rows
    this.records = []
    this.rows = []
    this.lines = new Map()
    const write = this.writer.write(records).then((result) => this.account(records, rows, result))
    write.catch(() => {})
    this.inFlight = { write, through }
  }

  /** Waits for the write in flight (throwing its error), then writes the rejects held behind it. */
  async settle(): Promise<void> {
    const inFlight = this.inFlight
    if (!inFlight) return
    try {
      await inFlight.write
    } finally {
      this.inFlight = undefined
    }
    this.committedThrough = inFlight.through
    const held = this.held
    this.held = []
    for (const [line, errors, fields] of held) await this.reject(line, errors, fields)
  }

  /** Adds up what a committed batch did and rejects its conflicts. */
  private async account(
    records: readonly IntakeRecord[],
    rows: readonly (readonly string[])[],
    result: Awaited<ReturnType<IntakeWriter['write']>>,
  ): Promise<void> {
    this.counts.debtorsCreated += result.debtorsCreated
    this.counts.accountsCreated += result.accountsCreated
    this.counts.accountsExisting += result.accountsExisting
    this.counts.entriesPosted += result.entriesPosted
    for (const conflict of result.conflicts) {
      const record = records[conflict.index]
      if (!record) continue
      this.counts.rejected++
      const field = conflict.field === 'account' ? this.accountIdLabel : conflict.field
      await this.reject(record.line, [{ field, reason: conflict.reason }], rows[conflict.index] ?? [])
    }
  }
}
