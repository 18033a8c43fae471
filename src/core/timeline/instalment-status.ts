import type { LocalDate } from '../calendar/local-date.ts'

export type InstalmentStatus = 'paid' | 'partly_paid' | 'overdue' | 'due'

/** One instalment of a plan with what the payments so far covered of it. */
export interface InstalmentView {
  readonly seq: number
  readonly dueOn: LocalDate
  readonly amountMinor: number
  readonly paidMinor: number
  readonly status: InstalmentStatus
}

/**
 * Fills a plan's instalments in order with the account's payments received from the day the plan
 * was made (the rule of core/plans/plan-status.ts: a late or partial payment counts towards the oldest
 * unpaid instalment), as of `today`: paid, partly paid, overdue (its day is past), or still due.
 */
export function instalmentStatuses(
  instalments: readonly { seq: number; dueOn: LocalDate; amountMinor: number }[],
  payments: readonly { receivedOn: LocalDate; amountMinor: number }[],
  plan: { createdOn: LocalDate; today: LocalDate },
): InstalmentView[] {
  let left = payments
    .filter((p) => p.receivedOn >= plan.createdOn && p.receivedOn <= plan.today)
    .reduce((sum, p) => sum + p.amountMinor, 0)
  return instalments.map((i) => {
    const paidMinor = Math.min(left, i.amountMinor)
    left -= paidMinor
    const status: InstalmentStatus =
      paidMinor >= i.amountMinor
        ? 'paid'
        : i.dueOn < plan.today
          ? 'overdue'
          : paidMinor > 0
            ? 'partly_paid'
            : 'due'
    return { seq: i.seq, dueOn: i.dueOn, amountMinor: i.amountMinor, paidMinor, status }
  })
}
