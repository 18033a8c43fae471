import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'

/**
 * A file written in pieces under a temporary name beside its final one and renamed into place only
 * when finished (after an fsync), so a crash or an error leaves the old file or none, never half of one.
 */
export class AtomicFile {
  private readonly temporary: string
  private fd: number | null

  constructor(
    readonly path: string,
    private readonly encoding: 'latin1' | 'utf8' = 'latin1',
  ) {
    this.temporary = `${path}.${process.pid}.tmp`
    this.fd = openSync(this.temporary, 'w')
  }

  /** Appends bytes, or text in the file's encoding (Latin-1 by default: one byte per character). */
  write(data: string | Uint8Array): void {
    if (this.fd === null) throw new Error(`${this.path} is already closed`)
    const bytes = typeof data === 'string' ? Buffer.from(data, this.encoding) : data
    let written = 0
    while (written < bytes.length) written += writeSync(this.fd, bytes, written)
  }

  /** Flushes to disk and gives the file its name. */
  commit(): void {
    if (this.fd === null) throw new Error(`${this.path} is already closed`)
    fsyncSync(this.fd)
    closeSync(this.fd)
    this.fd = null
    renameSync(this.temporary, this.path)
  }

  /** Drops what was written; the final name is left as it was. */
  abort(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    rmSync(this.temporary, { force: true })
  }
}
