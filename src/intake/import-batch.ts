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
 */
export class ImportBatch {
  private records: IntakeRecord[] = []
  private rows: (readonly string[])[] = []
  private lines = new Map<string, number>()

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

  /** Writes the queued records in one transaction, adds up what happened and rejects conflicts. */
  async flush(): Promise<void> {
    if (this.records.length === 0) return
    const records = this.records
    const rows = this.rows
    this.records = []
    this.rows = []
    this.lines = new Map()
    const result = await this.writer.write(records)
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
