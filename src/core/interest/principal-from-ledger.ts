import type { LocalDate } from '../calendar/local-date.ts'
import type { PrincipalChange } from './accrue-interest.ts'

/** One principal ledger line: signed (positive increases what is owed) on its value date. */
export interface PrincipalEntry {
  readonly amountMinor: number
  readonly effectiveOn: LocalDate
}

/** The interest-bearing principal of an account: owed at the due date, then each change on its day. */
export interface LedgerPrincipal {
  readonly principalMinor: number
  readonly changes: readonly PrincipalChange[]
}

/**
 * Reads the interest-bearing principal from an account's principal ledger lines: every line up to the
 * due date forms the opening principal; every later line up to `to` is a change on its own value date,
 * whatever its sign (a payment lowers the principal from its day, a chargeback reversing it raises it
 * again from the reversal's day, a later charge from its day); lines after `to` do not exist yet for
 * the statement. So the principal on each day is what the ledger said it was that day: a reversed
 * payment counts once, as the short stretch it reduced the debt, never on top of the opening.
 */
export function principalFromLedger(
  entries: readonly PrincipalEntry[],
  dueOn: LocalDate,
  to: LocalDate,
): LedgerPrincipal {
  let principalMinor = 0
  const changes: PrincipalChange[] = []
  for (const e of entries) {
    if (e.effectiveOn <= dueOn) principalMinor += e.amountMinor
    else if (e.effectiveOn <= to) changes.push({ on: e.effectiveOn, principalDeltaMinor: e.amountMinor })
  }
  changes.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
  return { principalMinor, changes }
}
