import { daysBetween, type LocalDate } from '../../src/core/calendar/local-date.ts'
import { bucketIndex } from '../../src/core/delinquency/aging-buckets.ts'
import type { AgingRow } from '../../src/core/delinquency/aging-report.ts'
import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'

/** Per-currency totals of an aging report, reduced to what a test compares. */
export interface AgingTotals {
  currency: string
  accounts: number
  balanceMinor: number
  bucketAccounts: number[]
}

/** The comparable part of a report row. */
export function agingTotalsOf(row: AgingRow): AgingTotals {
  return {
    currency: row.currency,
    accounts: row.accounts,
    balanceMinor: row.balanceMinor,
    bucketAccounts: row.buckets.map((b) => b.accounts),
  }
}

/**
 * What the default-bucket aging report must say about generated records, computed straight from
 * their ledgers (every demo entry is effective on or before the reference date).
 */
export function expectedAgingTotals(records: Iterable<IntakeRecord>, asOf: LocalDate): AgingTotals[] {
  const rows = new Map<string, AgingTotals>()
  for (const r of records) {
    const balance = r.entries.reduce((sum, e) => sum + e.amountMinor, 0)
    if (balance <= 0 || r.account.openedOn > asOf) continue
    const { currency } = r.account
    const row = rows.get(currency) ?? {
      currency,
      accounts: 0,
      balanceMinor: 0,
      bucketAccounts: [0, 0, 0, 0, 0, 0],
    }
    row.accounts++
    row.balanceMinor += balance
    const bucket = bucketIndex(daysBetween(r.account.dueOn, asOf))
    row.bucketAccounts[bucket] = (row.bucketAccounts[bucket] ?? 0) + 1
    rows.set(currency, row)
  }
  return [...rows.values()].sort((a, b) => a.currency.localeCompare(b.currency))
}
