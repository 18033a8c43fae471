import { dayNumber } from '../calendar/local-date.ts'
import type { HistoryIndex, IndexedAccount } from '../scoring/score-features.ts'
import { monthEndsBetween, monthOf } from './month-ends.ts'
import { type ReportTable, ratio } from './report-table.ts'

/**
 * Vintage liquidation curves: accounts grouped by placement month (the month they were opened) and
 * currency; for each month on book k = 0, 1, 2..., the cumulative payments by the end of month k as a
 * share of the amount placed (charges of the placement month's accounts). The last column of a vintage
 * is its liquidation (recovery) rate to date.
 */
export function vintageCurves(index: HistoryIndex, from: string, asOf: string, maxMonths = 24): ReportTable {
  const ends = monthEndsBetween(from, asOf)
  const last = dayNumber(asOf)
  const groups = new Map<string, IndexedAccount[]>()
  for (const a of index.accounts) {
    const month = monthOf(a.openedDay)
    if (month < from.slice(0, 7) || a.openedDay > last) continue
    const key = `${month}|${a.currency}`
    const list = groups.get(key)
    if (list) list.push(a)
    else groups.set(key, [a])
  }
  const rows: (string | number)[][] = []
  for (const key of [...groups.keys()].sort()) {
    const [month, currency] = key.split('|') as [string, string]
    const accounts = groups.get(key) as IndexedAccount[]
    let placed = 0
    for (const a of accounts) placed += a.end > a.start ? chargedTotal(a) : 0
    const first = ends.findIndex((e) => monthOf(e) === month)
    const curve: (number | string)[] = []
    for (let k = 0; k < maxMonths; k++) {
      const end = ends[first + k]
      if (end === undefined) break
      const cutoff = Math.min(end, last)
      let paid = 0
      for (const a of accounts) paid += paymentsUpTo(a, cutoff)
      curve.push(ratio(paid, placed))
      if (end >= last) break
    }
    rows.push([month, currency, accounts.length, placed, ...curve])
  }
  const width = Math.max(0, ...rows.map((r) => r.length - 4))
  return {
    report: 'vintages',
    columns: [
      'placement_month',
      'currency',
      'accounts',
      'placed_minor',
      ...Array.from({ length: width }, (_, k) => `month_${k}`),
    ],
    rows,
    notes: [
      'month_k: cumulative payments by the end of the k-th month after placement / amount placed (charges), by value date.',
      "A vintage's last value is its liquidation rate to date.",
    ],
  }
}

function chargedTotal(a: IndexedAccount): number {
  return a.chargedAfter[a.end - 1] as number
}

/** Payments with a value date on or before `day`, as a positive amount (entry amounts are balance steps). */
function paymentsUpTo(a: IndexedAccount, day: number): number {
  let sum = 0
  for (let k = a.start; k < a.end && (a.days[k] as number) <= day; k++) {
    if (a.isPayment[k] !== 1) continue
    const before = k > a.start ? (a.balanceAfter[k - 1] as number) : 0
    sum += before - (a.balanceAfter[k] as number)
  }
  return sum
}
