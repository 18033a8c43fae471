import { daysBetween } from '../calendar/local-date.ts'
import { type ReportTable, ratio } from './report-table.ts'

/** One placement's outcome, aggregated in SQL (src/store/reports/partner-performance.repository.ts). */
export interface PlacementOutcome {
  partner: string
  placedOn: string
  currency: string
  /** The account's balance on the placement day, minor units. */
  placedBalanceMinor: number
  /** What the partner collected on it (booked remittance lines), minor units. */
  collectedMinor: number
  /** Commission charged on it (contingency and fixed fee), minor units. */
  commissionMinor: number
  /** The day the debtor first paid the partner, or null. */
  firstPaidOn: string | null
}

/** The median of a non-empty list, to one decimal. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const m =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
  return Math.round(m * 10) / 10
}

/**
 * Partner performance by partner, placement month and currency: placements, the balance placed,
 * what the partners collected, the liquidation rate (collected / placed balance), the commission
 * charged, and the median days from placement to the first payment over the placements that paid.
 */
export function partnerPerformance(outcomes: readonly PlacementOutcome[]): ReportTable {
  const groups = new Map<string, PlacementOutcome[]>()
  for (const o of outcomes) {
    const key = `${o.partner}\u0000${o.placedOn.slice(0, 7)}\u0000${o.currency}`
    const list = groups.get(key)
    if (list) list.push(o)
    else groups.set(key, [o])
  }
  const rows: (string | number)[][] = []
  for (const key of [...groups.keys()].sort()) {
    const list = groups.get(key) as PlacementOutcome[]
    const [partner, month, currency] = key.split('\u0000') as [string, string, string]
    const placed = list.reduce((s, o) => s + o.placedBalanceMinor, 0)
    const collected = list.reduce((s, o) => s + o.collectedMinor, 0)
    const commission = list.reduce((s, o) => s + o.commissionMinor, 0)
    const days = list
      .filter((o) => o.firstPaidOn !== null)
      .map((o) => daysBetween(o.placedOn, o.firstPaidOn as string))
    rows.push([
      partner,
      month,
      currency,
      list.length,
      placed,
      collected,
      ratio(collected, placed),
      commission,
      days.length,
      days.length === 0 ? '' : median(days),
    ])
  }
  return {
    report: 'partner-performance',
    columns: [
      'partner',
      'placement_month',
      'currency',
      'placements',
      'placed_balance_minor',
      'collected_minor',
      'liquidation_rate',
      'commission_minor',
      'paying_placements',
      'median_days_to_first_payment',
    ],
    rows,
    notes: [
      'One row per partner, month of the placement day and currency: placements made then (recalled ones included) and their balance on the placement day.',
      'collected: what the partner collected on them, from the remittance lines booked as payments (docs/placements.md); liquidation_rate = collected / placed balance.',
      'commission: contingency and fixed fees charged on them (at placement, or with a collection), whenever charged; median_days_to_first_payment: from the placement day to the first day paid, over the paying placements ("" when none paid).',
    ],
  }
}
