import type { AgingReport, AgingRow } from '../../core/delinquency/aging-report.ts'
import { formatAmount } from '../../core/money/money.ts'

/** Renders the aging report for a terminal (table), a spreadsheet (csv) or a program (json). */
export function formatAgingReport(report: AgingReport, format: 'table' | 'csv' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`
  if (format === 'csv') return agingCsv(report)
  return agingTable(report)
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

function agingCsv(report: AgingReport): string {
  const lines = [['scope', 'client_id', 'client_name', 'currency', 'bucket', 'accounts', 'balance'].join(',')]
  const emit = (scope: string, clientId: string, clientName: string, row: AgingRow) => {
    for (const bucket of row.buckets) {
      lines.push(
        [
          scope,
          clientId,
          clientName,
          row.currency,
          bucket.label,
          bucket.accounts,
          formatAmount(bucket.balanceMinor, row.currency),
        ]
          .map((v) => csvField(String(v)))
          .join(','),
      )
    }
  }
  for (const row of report.totals) emit('total', '', '', row)
  for (const row of report.byClient) emit('client', row.clientExternalId ?? '', row.clientName ?? '', row)
  return `${lines.join('\n')}\n`
}

function pad(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  return rows
    .map((r) =>
      r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '),
    )
    .join('\n')
}

function agingTable(report: AgingReport): string {
  // Per-client rows only add information when some account has a client.
  const clientRows = report.byClient.some((r) => r.clientExternalId !== null) ? report.byClient : []
  const header = ['client', 'ccy', ...report.bucketLabels, 'total']
  const line = (client: string, row: AgingRow) => [
    client,
    row.currency,
    ...row.buckets.map((b) => `${b.accounts} / ${formatAmount(b.balanceMinor, row.currency)}`),
    `${row.accounts} / ${formatAmount(row.balanceMinor, row.currency)}`,
  ]
  const rows = [
    header,
    ...report.totals.map((r) => line('ALL', r)),
    ...clientRows.map((r) => line(r.clientExternalId ?? '(none)', r)),
  ]
  const title = `Aging as of ${report.asOf} (${report.timeZone}); cells are accounts / balance`
  if (report.totals.length === 0) return `${title}\nno open balances\n`
  return `${title}\n${pad(rows)}\n`
}
