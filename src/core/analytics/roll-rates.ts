import { balanceOn, type HistoryIndex } from '../scoring/score-features.ts'
import { monthEndsBetween, monthOf } from './month-ends.ts'
import { type ReportTable, ratio } from './report-table.ts'

/** The buckets an account rolls between: by days past due at a month end, or paid (nothing owed). */
export const ROLL_BUCKETS = ['current', '1-30', '31-60', '61-90', '91-120', '121+', 'paid'] as const

function bucketOf(dpd: number, owed: number): number {
  if (owed <= 0) return 6
  if (dpd <= 0) return 0
  if (dpd <= 30) return 1
  if (dpd <= 60) return 2
  if (dpd <= 90) return 3
  return dpd <= 120 ? 4 : 5
}

/**
 * Roll rates month over month: of the accounts owing in a bucket at one month end, how many were in
 * each bucket at the next (paid = nothing owed). One row per month and from-bucket; the rate is the
 * share that rolled forward to a worse bucket, the cure rate the share that came back to current or paid.
 */
export function rollRates(index: HistoryIndex, from: string, to: string): ReportTable {
  const ends = monthEndsBetween(from, to)
  const rows: (string | number)[][] = []
  for (let m = 0; m + 1 < ends.length; m++) {
    const start = ends[m] as number
    const end = ends[m + 1] as number
    const counts = ROLL_BUCKETS.slice(0, 6).map(() => new Array<number>(ROLL_BUCKETS.length).fill(0))
    for (const a of index.accounts) {
      if (a.openedDay > start) continue
      const owed = balanceOn(a, start)
      if (owed <= 0) continue
      const b0 = bucketOf(start - a.dueDay, owed)
      const b1 = bucketOf(end - a.dueDay, balanceOn(a, end))
      const row = counts[b0] as number[]
      row[b1] = (row[b1] ?? 0) + 1
    }
    counts.forEach((row, b0) => {
      const total = row.reduce((s, v) => s + v, 0)
      if (total === 0) return
      let worse = 0
      for (let b = b0 + 1; b < 6; b++) worse += row[b] ?? 0
      const cured = (row[0] ?? 0) + (row[6] ?? 0)
      rows.push([
        monthOf(start),
        monthOf(end),
        ROLL_BUCKETS[b0] as string,
        total,
        ...row,
        ratio(worse, total),
        ratio(b0 === 0 ? (row[6] ?? 0) : cured, total),
      ])
    })
  }
  return {
    report: 'roll-rates',
    columns: [
      'from_month',
      'to_month',
      'from_bucket',
      'accounts',
      ...ROLL_BUCKETS.map((b) => `to_${b}`),
      'roll_forward_rate',
      'cure_rate',
    ],
    rows,
    notes: [
      'Buckets by days past due at each month end, from the ledger by value date; "paid" owes nothing.',
      'roll_forward_rate: share that moved to a worse bucket; cure_rate: share back to current or paid (for current: paid).',
    ],
  }
}
