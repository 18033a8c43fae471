import { dayNumber } from '../calendar/local-date.ts'
import { balanceOn, type HistoryIndex } from '../scoring/score-features.ts'
import { monthEndsBetween, monthOf } from './month-ends.ts'
import { type ReportTable, ratio } from './report-table.ts'

/** One month's receivables in one currency (minor units); `m` is the month's position in the window. */
export interface MonthFigures {
  m: number
  currency: string
  opening: number
  sales: number
  collected: number
  closing: number
  closingCurrent: number
}

/**
 * DSO and the collection effectiveness index per month and currency (B2B), from the ledger:
 * - DSO = closing receivables / credit sales of the month × days in the month;
 * - CEI = (opening receivables + credit sales − closing receivables)
 *         / (opening receivables + credit sales − closing current receivables) × 100,
 *   where current means not yet past due. Money in integer minor units, per currency.
 */
export function receivablesKpis(index: HistoryIndex, from: string, to: string): ReportTable {
  return receivablesTable(receivablesFigures(index, from, to), from, to)
}

/** Each month's and currency's figures of the commercial accounts opened by its end, from the index. */
export function receivablesFigures(index: HistoryIndex, from: string, to: string): MonthFigures[] {
  const ends = monthEndsBetween(from, to)
  const out: MonthFigures[] = []
  for (const [m, end] of ends.entries()) {
    const start = m === 0 ? dayNumber(`${monthOf(end)}-01`) - 1 : (ends[m - 1] as number)
    const byCurrency = new Map<string, MonthFigures>()
    for (const a of index.accounts) {
      if (a.debtKind !== 'commercial' || a.openedDay > end) continue
      let f = byCurrency.get(a.currency)
      if (!f) {
        f = { m, currency: a.currency, opening: 0, sales: 0, collected: 0, closing: 0, closingCurrent: 0 }
        byCurrency.set(a.currency, f)
      }
      const opening = Math.max(0, balanceOn(a, start))
      const closing = Math.max(0, balanceOn(a, end))
      f.opening += opening
      f.closing += closing
      if (end <= a.dueDay) f.closingCurrent += closing
      for (let k = a.start; k < a.end; k++) {
        const day = a.days[k] as number
        if (day <= start || day > end) continue
        if (a.isPayment[k] === 1)
          f.collected -= (a.balanceAfter[k] as number) - (k > a.start ? (a.balanceAfter[k - 1] as number) : 0)
      }
      f.sales += chargedIn(a, start, end)
    }
    out.push(...byCurrency.values())
  }
  return out
}

/** The DSO/CEI table from each month's and currency's figures (from `receivablesFigures` or the database). */
export function receivablesTable(figures: readonly MonthFigures[], from: string, to: string): ReportTable {
  const ends = monthEndsBetween(from, to)
  const rows: (string | number)[][] = []
  for (const [m, end] of ends.entries()) {
    const start = m === 0 ? dayNumber(`${monthOf(end)}-01`) - 1 : (ends[m - 1] as number)
    const month = figures.filter((f) => f.m === m).sort((x, y) => x.currency.localeCompare(y.currency))
    for (const f of month) {
      const currency = f.currency
      const days = end - start
      const denominator = f.opening + f.sales - f.closingCurrent
      rows.push([
        monthOf(end),
        currency,
        f.opening,
        f.sales,
        f.collected,
        f.closing,
        f.closingCurrent,
        f.sales === 0 ? '' : Math.round((f.closing / f.sales) * days * 10) / 10,
        denominator === 0 ? '' : Math.round(((f.opening + f.sales - f.closing) / denominator) * 1000) / 10,
        ratio(f.collected, f.opening + f.sales),
      ])
    }
  }
  return {
    report: 'dso-cei',
    columns: [
      'month',
      'currency',
      'opening_minor',
      'credit_sales_minor',
      'collected_minor',
      'closing_minor',
      'closing_current_minor',
      'dso_days',
      'cei_percent',
      'collection_rate',
    ],
    rows,
    notes: [
      'Commercial accounts only; amounts in minor units of the currency; receivables are balances owed at the month end.',
      'DSO = closing / credit sales × days in month; CEI = (opening + sales − closing) / (opening + sales − closing current) × 100.',
    ],
  }
}

/** Charges with a value date in (start, end]. */
function chargedIn(
  a: { start: number; end: number; days: Int32Array; chargedAfter: Float64Array },
  start: number,
  end: number,
): number {
  let sum = 0
  for (let k = a.start; k < a.end; k++) {
    const day = a.days[k] as number
    if (day <= start || day > end) continue
    sum += (a.chargedAfter[k] as number) - (k > a.start ? (a.chargedAfter[k - 1] as number) : 0)
  }
  return sum
}
