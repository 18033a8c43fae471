import { extname } from 'node:path'
import { AppError } from '../core/errors/index.ts'
import type { CsvRow } from '../core/intake/csv-parser.ts'
import { hasControlCharacters, MAX_HEADER_CHARS } from '../core/intake/field-limits.ts'
import { checkTextFile } from './check-text-file.ts'
import { checkXlsxFile } from './check-xlsx-file.ts'
import type { Encoding } from './import-options.ts'
import { readCsvRows } from './read-csv-rows.ts'
import { readXlsxRows } from './read-xlsx-rows.ts'

export type SourceFormat = 'csv' | 'xlsx'

/** The file's header and a stream of its data rows in chunks; `bytesRead` counts raw bytes for progress. */
export interface RowSource {
  readonly format: SourceFormat
  readonly header: readonly string[]
  rows(): AsyncGenerator<CsvRow[]>
  bytesRead(): number
  close(): Promise<void>
}

/** The format a file name announces; anything but .csv and .xlsx is refused before it is opened. */
export function sourceFormat(file: string): SourceFormat {
  const extension = extname(file).toLowerCase()
  if (extension === '.csv') return 'csv'
  if (extension === '.xlsx') return 'xlsx'
  throw new AppError(
    'unsupported_file_type',
    `cannot import "${file}": only .csv and .xlsx files are supported${extension === '.xls' ? ' (save the .xls as .xlsx)' : ''}`,
  )
}

/**
 * Opens a CSV or XLSX file and reads up to its header (the first non-blank row), after checking that
 * the file is what its name says (text, or a whole workbook). XLSX rows come without
 * their trailing empty cells, so they are padded to the header's width; CSV rows are left as they are
 * so a short row is reported rather than silently completed.
 */
export async function openRowSource(
  file: string,
  options: { encoding: Encoding; sheet?: string | undefined },
): Promise<RowSource> {
  const format = sourceFormat(file)
  await (format === 'csv' ? checkTextFile(file) : checkXlsxFile(file))
  let bytes = 0
  const onBytes = (count: number) => {
    bytes += count
  }
  const chunks =
    format === 'csv'
      ? readCsvRows(file, options.encoding, onBytes)
      : readXlsxRows(file, options.sheet, onBytes)
  let first: CsvRow[] = []
  try {
    while (first.length === 0) {
      const next = await chunks.next()
      if (next.done) throw new AppError('empty_file', `${file} has no header row`)
      first = next.value
    }
    if (first[0]?.error) {
      const { line, error } = first[0]
      throw new AppError('invalid_header', `the header of ${file} (line ${line}) is malformed: ${error}`)
    }
  } catch (error) {
    await chunks.return(undefined)
    throw error
  }
  const [headerRow, ...rest] = first as [CsvRow, ...CsvRow[]]
  const header = headerRow.fields.map((name) => name.trim())
  const badName = header.findIndex((name) => hasControlCharacters(name) || name.length > MAX_HEADER_CHARS)
  if (badName >= 0) {
    await chunks.return(undefined)
    throw new AppError(
      'invalid_header',
      `the header of ${file} (line ${headerRow.line}), column ${badName + 1}, is not a column name: it holds control characters or more than ${MAX_HEADER_CHARS} characters`,
    )
  }
  const pad = (rows: CsvRow[]) => {
    if (format === 'xlsx')
      for (const row of rows) while (row.fields.length < header.length) row.fields.push('')
    return rows
  }
  return {
    format,
    header,
    async *rows() {
      if (rest.length > 0) yield pad(rest)
      for await (const rows of chunks) yield pad(rows)
    },
    bytesRead: () => bytes,
    close: async () => {
      await chunks.return(undefined)
    },
  }
}
