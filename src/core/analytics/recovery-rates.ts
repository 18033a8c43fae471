import { type ReportTable, ratio } from './report-table.ts'

/** The ledger of one currency summed over one value-date month (store/reports/recovery.repository.ts). */
export interface LedgerMonth {
  currency: string
  /** "YYYY-MM". */
  month: string
  /** Net change in what is owed (every component but credit balances). */
  owedChangeMinor: number
  /** Charges, fees and interest added. */
  chargedMinor: number
  /** Charges placed (the debt itself, without fees and interest). */
  placedMinor: number
  /** Payments received less payment reversals. */
  collectedMinor: number
}

/** The months "YYYY-MM" from the month of `from` to that of `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number]
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`
    if (month > to.slice(0, 7)) return out
    out.push(month)
    if (m === 12) {
      y++
      m = 1
    } else m++
  }
}

/**
 * Recovery and liquidation per month and currency: the balance owed at the start of the month
 * (everything before it), what was charged and collected in it, the recovery rate (collected /
 * (opening + new charges)) and the cumulative liquidation rate (collected to date / placed to date).
 */
export function recoveryRates(months: readonly LedgerMonth[], from: string, to: string): ReportTable {
  const window = monthsBetween(from, to)
  const byCurrency = new Map<string, LedgerMonth[]>()
  for (const m of months) {
    const list = byCurrency.get(m.currency)
    if (list) list.push(m)
    else byCurrency.set(m.currency, [m])
  }
  const rows: (string | number)[][] = []
  for (const month of window)
    for (const currency of [...byCurrency.keys()].sort()) {
      let opening = 0
      let placed = 0
      let collectedToDate = 0
      let current: LedgerMonth | undefined
      for (const m of byCurrency.get(currency) ?? []) {
        if (m.month < month) opening += m.owedChangeMinor
        if (m.month <= month) {
          placed += m.placedMinor
          collectedToDate += m.collectedMinor
        }
        if (m.month === month) current = m
      }
      if (opening === 0 && placed === 0 && current === undefined) continue
      const charged = current?.chargedMinor ?? 0
      const collected = current?.collectedMinor ?? 0
      rows.push([
        month,
        currency,
        opening,
        charged,
        collected,
        opening + (current?.owedChangeMinor ?? 0),
        ratio(collected, opening + charged),
        placed,
        collectedToDate,
        ratio(collectedToDate, placed),
      ])
    }
  return {
    report: 'recovery',
    columns: [
      'month',
      'currency',
      'opening_minor',
      'new_charges_minor',
      'collected_minor',
      'closing_minor',
      'recovery_rate',
      'placed_to_date_minor',
      'collected_to_date_minor',
      'liquidation_rate',
    ],
    rows,
    notes: [
      'By value date, in minor units of the currency. opening/closing: what is owed at the start/end of the month (credit balances left out); new charges: charges, fees and interest of the month.',
      'collected: payments of the month less payment reversals of the month. recovery_rate = collected / (opening + new charges).',
      'liquidation_rate = payments collected to the month end / charges placed to the month end (fees and interest not counted as placed).',
    ],
  }
}
