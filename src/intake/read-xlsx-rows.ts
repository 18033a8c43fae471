import { createReadStream } from 'node:fs'
import ExcelJS from 'exceljs'
import { AppError } from '../core/errors/index.ts'
import type { CsvRow } from '../core/intake/csv-parser.ts'
import { numberToDecimalText } from '../core/intake/decimal-text.ts'

const ROWS_PER_YIELD = 1000
const MS_PER_DAY = 86_400_000

/**
 * A cell as the text a CSV export would hold: dates as ISO calendar dates (the day the cell's date-time
 * falls on, after rounding to the nearest second, because Excel's serial numbers come back a few ms off
 * midnight), numbers as plain decimals.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return numberToDecimalText(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (value instanceof Date) {
    const nearestSecond = Math.round(value.getTime() / 1000) * 1000
    return new Date(Math.floor(nearestSecond / MS_PER_DAY) * MS_PER_DAY).toISOString().slice(0, 10)
  }
  if (typeof value === 'object') {
    const cell = value as Record<string, unknown>
    if (Array.isArray(cell.richText)) {
      return cell.richText.map((part: { text?: string }) => part.text ?? '').join('')
    }
    if ('result' in cell) return cellText(cell.result)
    if ('text' in cell) return cellText(cell.text)
    if ('error' in cell) return String(cell.error)
  }
  return String(value)
}

/**
 * Streams one worksheet (by name, else the first) with exceljs's streaming reader. The line of a row
 * is its spreadsheet row number; fully empty rows are skipped like blank CSV lines.
 */
export async function* readXlsxRows(
  path: string,
  sheet: string | undefined,
  onBytes: (bytes: number) => void,
): AsyncGenerator<CsvRow[]> {
  const input = createReadStream(path, { highWaterMark: 1024 * 1024 })
  input.on('data', (chunk) => onBytes(chunk.length))
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    // Styles are what tell a date cell from a number cell.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  })
  const names: string[] = []
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name
      names.push(name)
      if (sheet !== undefined && name !== sheet) continue
      let rows: CsvRow[] = []
      for await (const row of worksheet) {
        const values = row.values as unknown[]
        const fields: string[] = []
        for (let column = 1; column < values.length; column++) fields.push(cellText(values[column]))
        if (fields.every((field) => field === '')) continue
        rows.push({ line: row.number, fields })
        if (rows.length >= ROWS_PER_YIELD) {
          yield rows
          rows = []
        }
      }
      if (rows.length > 0) yield rows
      return
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    // checkXlsxFile has ruled out truncation; what is left is damage inside an entry.
    throw new AppError('invalid_xlsx', `${path} is not a readable XLSX workbook: ${(error as Error).message}`)
  } finally {
    input.destroy()
  }
  throw new AppError(
    'sheet_not_found',
    sheet === undefined
      ? `${path} has no worksheet`
      : `${path} has no worksheet "${sheet}"; it has: ${names.join(', ')}`,
  )
}
