import type { LocalDate } from '../calendar/local-date.ts'
import { bucketsFromBounds } from './aging-buckets.ts'

/** One row of aging: a count and a balance per bucket, in one currency. */
export interface AgingRow {
  readonly currency: string
  readonly buckets: { label: string; accounts: number; balanceMinor: number }[]
  readonly accounts: number
  readonly balanceMinor: number
}

/** The aging report: totals per currency, and the same per client. */
export interface AgingReport {
  readonly asOf: LocalDate
  readonly timeZone: string
  readonly bucketLabels: string[]
  readonly totals: AgingRow[]
  readonly byClient: (AgingRow & { clientExternalId: string | null; clientName: string | null })[]
}

/** Input cells as counted by storage: one per (client, currency, bucket index). */
export interface AgingCellInput {
  readonly clientId: number | null
  readonly currency: string
  readonly bucket: number
  readonly accounts: number
  readonly balanceMinor: number
}

function emptyRow(currency: string, labels: string[]): AgingRow {
  return {
    currency,
    buckets: labels.map((label) => ({ label, accounts: 0, balanceMinor: 0 })),
    accounts: 0,
    balanceMinor: 0,
  }
}

function addCell(row: AgingRow, cell: AgingCellInput): AgingRow {
  const bucket = row.buckets[cell.bucket]
  if (!bucket) throw new RangeError(`bucket ${cell.bucket} out of range`)
  bucket.accounts += cell.accounts
  bucket.balanceMinor += cell.balanceMinor
  return {
    ...row,
    accounts: row.accounts + cell.accounts,
    balanceMinor: row.balanceMinor + cell.balanceMinor,
  }
}

/** Folds counted cells into per-currency totals and per-client rows; money never leaves its currency. */
export function buildAgingReport(
  cells: readonly AgingCellInput[],
  options: {
    asOf: LocalDate
    timeZone: string
    bounds: readonly number[]
    clients: ReadonlyMap<number, { externalId: string; name: string }>
  },
): AgingReport {
  const labels = bucketsFromBounds(options.bounds).map((b) => b.label)
  const totals = new Map<string, AgingRow>()
  const byClient = new Map<
    string,
    AgingRow & { clientExternalId: string | null; clientName: string | null }
  >()
  for (const cell of cells) {
    totals.set(cell.currency, addCell(totals.get(cell.currency) ?? emptyRow(cell.currency, labels), cell))
    const key = `${cell.clientId ?? ''}|${cell.currency}`
    const client = cell.clientId === null ? undefined : options.clients.get(cell.clientId)
    const existing = byClient.get(key) ?? {
      ...emptyRow(cell.currency, labels),
      clientExternalId: client?.externalId ?? null,
      clientName: client?.name ?? null,
    }
    byClient.set(key, { ...existing, ...addCell(existing, cell) })
  }
  const byCurrency = (a: AgingRow, b: AgingRow) => a.currency.localeCompare(b.currency)
  return {
    asOf: options.asOf,
    timeZone: options.timeZone,
    bucketLabels: labels,
    totals: [...totals.values()].sort(byCurrency),
    byClient: [...byClient.values()].sort(
      (a, b) => (a.clientExternalId ?? '').localeCompare(b.clientExternalId ?? '') || byCurrency(a, b),
    ),
  }
}
