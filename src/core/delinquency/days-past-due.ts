import { daysBetween, type LocalDate } from '../calendar/local-date.ts'

/**
 * Days past due as of a date, both read as calendar dates in the creditor's time zone: the day after
 * the due date is 1 DPD; the due date itself and earlier days are 0 (current).
 */
export function daysPastDue(dueOn: LocalDate, asOf: LocalDate): number {
  return Math.max(0, daysBetween(dueOn, asOf))
}

/** One scheduled instalment of a debt. */
export interface Instalment {
  readonly dueOn: LocalDate
  readonly amountMinor: number
}

/**
 * The delinquency anchor of an instalment debt: the due date of the oldest instalment not covered by
 * what has been paid (payments cover instalments oldest first). `null` when everything due is paid.
 */
export function oldestUnpaidDueDate(instalments: readonly Instalment[], paidMinor: number): LocalDate | null {
  const ordered = [...instalments].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))
  let covered = paidMinor
  for (const instalment of ordered) {
    if (covered < instalment.amountMinor) return instalment.dueOn
    covered -= instalment.amountMinor
  }
  return null
}
