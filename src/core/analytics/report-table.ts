/**
 * Every analytics report is one table: named columns, rows of text and numbers, and notes that say
 * how to read it (definitions, significance). The CLI prints it as a table, CSV or JSON; the web app
 * charts it.
 */
export interface ReportTable {
  report: string
  columns: string[]
  rows: (string | number)[][]
  notes: string[]
}

/** A ratio rounded to four decimals, or '' when the denominator is zero (undefined, not zero). */
export function ratio(numerator: number, denominator: number): number | string {
  return denominator === 0 ? '' : Math.round((numerator / denominator) * 10_000) / 10_000
}
