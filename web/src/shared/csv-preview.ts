// The first rows of a CSV file, read in the browser for a preview and a column mapping before upload.
// RFC 4180 as the server reads it (docs/import.md): quoted fields, "" inside quotes, LF or CRLF, blank
// lines skipped. Only a head of the file is read; the server parses the whole file again.

export interface CsvHead {
  /** The header cells (a UTF-8 byte-order mark dropped). */
  readonly header: string[]
  /** Up to `limit` data rows after the header. */
  readonly rows: string[][]
  /** Bytes of the file the header takes, its line end included (to replace it, keeping the rest). */
  readonly headerBytes: number
}

const HEAD_BYTES = 64 * 1024

/** Reads the header and the first `limit` rows of a CSV file. */
export async function readCsvHead(file: Blob, limit = 5): Promise<CsvHead> {
  const chunk = file.slice(0, HEAD_BYTES)
  // ignoreBOM keeps a byte-order mark in the text, so character offsets map back to bytes exactly.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await chunk.arrayBuffer())
  const cut = file.size > HEAD_BYTES
  const records: { cells: string[]; end: number }[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let i = 0
  const endRecord = (end: number) => {
    cells.push(cell)
    if (!(cells.length === 1 && cells[0] === '')) records.push({ cells, end })
    cells = []
    cell = ''
  }
  while (i < text.length && records.length < limit + 1) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i += 2
        continue
      }
      if (ch === '"') quoted = false
      else cell += ch
      i++
      continue
    }
    if (ch === '"' && cell === '') quoted = true
    else if (ch === ',') {
      cells.push(cell)
      cell = ''
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      i += ch === '\r' ? 2 : 1
      endRecord(i)
      continue
    } else cell += ch
    i++
  }
  // A last record without a line end is whole only when the whole file was read.
  if (records.length < limit + 1 && !cut && (cell !== '' || cells.length > 0)) endRecord(text.length)
  const [first, ...rest] = records
  const header = (first?.cells ?? []).map((name, index) => (index === 0 ? name.replace(/^\uFEFF/, '') : name))
  return {
    header,
    rows: rest.map((record) => record.cells),
    headerBytes: first ? new TextEncoder().encode(text.slice(0, first.end)).length : 0,
  }
}

/** A CSV cell, quoted when it must be. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value
}

/**
 * The file with its header line replaced by `header` (one line, so every row keeps its line number
 * as long as the original header was one line too). The rows are sent byte for byte as they were.
 */
export function withHeader(file: Blob, head: CsvHead, header: readonly string[]): Blob {
  return new Blob([`${header.map(csvCell).join(',')}\r\n`, file.slice(head.headerBytes)], {
    type: 'text/csv',
  })
}
