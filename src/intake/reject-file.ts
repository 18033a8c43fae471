import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { open, unlink } from 'node:fs/promises'
import { AppError } from '../core/errors/index.ts'
import { formatCsvRow } from '../core/intake/csv-format.ts'
import type { FieldError } from '../core/intake/map-row.ts'

const REJECT_COLUMNS = ['line', 'field', 'reason'] as const

/**
 * The reject file: one CSV row per rejected input row, `line,field,reason` then the row's original
 * columns, so a user can fix the rows in a spreadsheet, drop the first three columns and import again.
 * Several problems in one row are joined with "; ". The file is created on the first reject only.
 */
export class RejectFile {
  private stream: WriteStream | undefined
  private failure: AppError | undefined

  constructor(
    readonly path: string,
    private readonly header: readonly string[],
  ) {}

  /** True once a row has been written. */
  get written(): boolean {
    return this.stream !== undefined
  }

  /** Appends one rejected row, waiting when the disk is slower than the import. */
  async write(line: number, errors: readonly FieldError[], fields: readonly string[]): Promise<void> {
    if (this.failure) throw this.failure
    if (!this.stream) {
      this.stream = createWriteStream(this.path)
      // Kept and rethrown on the next write: an unhandled stream error would kill the process mid-batch.
      this.stream.on('error', (error) => {
        this.failure = new AppError(
          'reject_file_unwritable',
          `cannot write the reject file ${this.path}: ${error.message}`,
        )
      })
      this.stream.write(formatCsvRow([...REJECT_COLUMNS, ...this.header]))
    }
    const field = errors.map((error) => error.field).join('; ')
    const reason = errors.map((error) => error.reason).join('; ')
    if (!this.stream.write(formatCsvRow([String(line), field, reason, ...fields]))) {
      await once(this.stream, 'drain')
    }
  }

  /**
   * Flushes and closes the file. With nothing rejected, a reject file left by an earlier run of the same
   * import is removed so it is not mistaken for this run's (only if it starts with our header).
   */
  async close(): Promise<void> {
    if (this.stream) {
      const stream = this.stream
      if (!stream.destroyed) await new Promise<void>((resolve) => stream.end(resolve))
      if (this.failure) throw this.failure
      return
    }
    const stale = await open(this.path, 'r').catch(() => undefined)
    if (!stale) return
    const { buffer, bytesRead } = await stale.read(Buffer.alloc(32), 0, 32, 0)
    await stale.close()
    if (buffer.subarray(0, bytesRead).toString('utf8').startsWith('line,field,reason'))
      await unlink(this.path)
  }
}
