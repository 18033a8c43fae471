import type { ReportTable } from '../../core/analytics/report-table.ts'
import { toCsv, toTable } from './table-format.ts'

/** An analytics report as a terminal table (with its notes), CSV (the table only) or JSON. */
export function formatReport(report: ReportTable, format: 'table' | 'csv' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`
  if (format === 'csv') return toCsv(report.columns, report.rows)
  const body = report.rows.length > 0 ? toTable(report.columns, report.rows) : '(no rows)\n'
  return `${body}${report.notes.map((n) => `note: ${n}\n`).join('')}`
}
