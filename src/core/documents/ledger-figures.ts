import type { LocalDate } from '../calendar/local-date.ts'
import type { DocumentLedgerLine } from './document-facts.ts'

/** What is owed on `date`: the sum of every line with a value date on or before it. */
export function balanceOn(ledger: readonly DocumentLedgerLine[], date: LocalDate): number {
  return ledger.filter((l) => l.effectiveOn <= date).reduce((sum, l) => sum + l.amountMinor, 0)
}

/** Every line up to `date` with the balance after it, and the closing balance. */
export function statementRows(
  ledger: readonly DocumentLedgerLine[],
  date: LocalDate,
): { rows: (DocumentLedgerLine & { balanceMinor: number })[]; balance: number } {
  let balance = 0
  const rows = ledger
    .filter((l) => l.effectiveOn <= date)
    .map((l) => {
      balance += l.amountMinor
      return { ...l, balanceMinor: balance }
    })
  return { rows, balance }
}

/** The Reg F itemization (12 CFR 1006.34(c)(2)(vi)-(viii)): owed on the itemization date, then since. */
export interface Itemization {
  readonly date: LocalDate
  readonly owedMinor: number
  readonly interestMinor: number
  readonly feesMinor: number
  /** Payments and credits since the itemization date, as a positive amount. */
  readonly paidMinor: number
  readonly currentMinor: number
}

/**
 * Itemizes from `itemizationDate` (the charge-off date where there is one, else the due date: both
 * are reference dates 1006.34(b)(3) allows) to `asOf`: interest and fees are the increases of those
 * kinds since, and everything else since is payments and credits (net of reversals).
 */
export function itemization(
  ledger: readonly DocumentLedgerLine[],
  itemizationDate: LocalDate,
  asOf: LocalDate,
): Itemization {
  const owedMinor = balanceOn(ledger, itemizationDate)
  const since = ledger.filter((l) => l.effectiveOn > itemizationDate && l.effectiveOn <= asOf)
  const sum = (lines: DocumentLedgerLine[]) => lines.reduce((s, l) => s + l.amountMinor, 0)
  const interestMinor = sum(since.filter((l) => l.kind === 'interest'))
  const feesMinor = sum(since.filter((l) => l.kind === 'fee'))
  const paidMinor = -sum(since.filter((l) => l.kind !== 'interest' && l.kind !== 'fee'))
  return {
    date: itemizationDate,
    owedMinor,
    interestMinor,
    feesMinor,
    paidMinor,
    currentMinor: owedMinor + interestMinor + feesMinor - paidMinor,
  }
}
