import { dayNumber } from '../calendar/local-date.ts'
import type { HistoryIndex } from '../scoring/score-features.ts'
import { monthEndsBetween, monthOf } from './month-ends.ts'
import { type ReportTable, ratio } from './report-table.ts'

/** One vintage: the accounts placed (opened) in a month, per currency, and the amount placed (their charges). */
export interface VintageGroup {
  month: string
  currency: string
  accounts: number
  placedMinor: number
}

/** A vintage's payments (positive minor units) with a value date in one month, up to the report day. */
export interface VintagePaid {
  month: string
  currency: string
  paidMonth: string
  paidMinor: number
}

/**
 * Vintage liquidation curves: accounts grouped by placement month (the month they were opened) and
 * currency; for each month on book k = 0, 1, 2..., the cumulative payments by the end of month k as a
 * share of the amount placed (charges of the placement month's accounts). The last column of a vintage
 * is its liquidation (recovery) rate to date.
 */
export function vintageCurves(index: HistoryIndex, from: string, asOf: string, maxMonths = 24): ReportTable {
  const last = dayNumber(asOf)
  const groups = new Map<string, VintageGroup>()
  const paid = new Map<string, VintagePaid>()
  for (const a of index.accounts) {
    const month = monthOf(a.openedDay)
    if (month < from.slice(0, 7) || a.openedDay > last) continue
    const key = `${month}|${a.currency}`
    let group = groups.get(key)
    if (!group) {
      group = { month, currency: a.currency, accounts: 0, placedMinor: 0 }
      groups.set(key, group)
    }
    group.accounts++
    group.placedMinor += a.end > a.start ? (a.chargedAfter[a.end - 1] as number) : 0
    for (let k = a.start; k < a.end && (a.days[k] as number) <= last; k++) {
      if (a.isPayment[k] !== 1) continue
      const before = k > a.start ? (a.balanceAfter[k - 1] as number) : 0
      const paidMonth = monthOf(a.days[k] as number)
      const paidKey = `${key}|${paidMonth}`
      let p = paid.get(paidKey)
      if (!p) {
        p = { month, currency: a.currency, paidMonth, paidMinor: 0 }
        paid.set(paidKey, p)
      }
      p.paidMinor += before - (a.balanceAfter[k] as number)
    }
  }
  return vintageTable([...groups.values()], [...paid.values()], from, asOf, maxMonths)
}

/**
 * The vintage table from each vintage's totals and its payments by month (computed from the index
 * above, or by the database): month_k is the payments up to the end of the k-th month on book, or up
 * to the report day in its month.
 */
export function vintageTable(
  groups: readonly VintageGroup[],
  paid: readonly VintagePaid[],
  from: string,
  asOf: string,
  maxMonths = 24,
): ReportTable {
  const ends = monthEndsBetween(from, asOf)
  const last = dayNumber(asOf)
  const paidBy = new Map<string, VintagePaid[]>()
  for (const p of paid) {
    const key = `${p.month}|${p.currency}`
    const list = paidBy.get(key)
    if (list) list.push(p)
    else paidBy.set(key, [p])
  }
  const byKey = new Map(groups.map((g) => [`${g.month}|${g.currency}`, g]))
  const rows: (string | number)[][] = []
  for (const key of [...byKey.keys()].sort()) {
    const { month, currency, accounts, placedMinor } = byKey.get(key) as VintageGroup
    const payments = paidBy.get(key) ?? []
    const first = ends.findIndex((e) => monthOf(e) === month)
    const curve: (number | string)[] = []
    for (let k = 0; k < maxMonths; k++) {
      const end = ends[first + k]
      if (end === undefined) break
      const through = monthOf(end)
      let sum = 0
      for (const p of payments) if (p.paidMonth <= through) sum += p.paidMinor
      curve.push(ratio(sum, placedMinor))
      if (end >= last) break
    }
    rows.push([month, currency, accounts, placedMinor, ...curve])
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
