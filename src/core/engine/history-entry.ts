/** One ledger movement as a replay needs it: the day it counts from and its signed amount. */
export interface HistoryEntry {
  effectiveOn: string
  amountMinor: number
  kind: string
}
