import { addDays } from '../../core/calendar/local-date.ts'
import type { InterestStatement } from '../../core/interest/accrue-interest.ts'
import type { StatutoryClaim } from '../../core/interest/statutory-interest.ts'
import { formatAmount } from '../../core/money/money.ts'

/** A statement as shown to people and scripts: amounts as decimal strings in the currency, never floats. */
export type InterestStatementView = Record<string, unknown>

/** Renders a statement (and the statutory claim it came from, if any) for output. */
export function interestStatementView(
  statement: InterestStatement,
  jurisdiction: string,
  claim?: StatutoryClaim,
  account?: string,
): InterestStatementView {
  const money = (minor: number, currency = statement.currency) => formatAmount(minor, currency)
  const compensation = claim?.fixedCompensation
  const sameCurrency = compensation?.currency === statement.currency
  const warnings = [...(claim?.warnings ?? [])]
  if (compensation && compensation.minor > 0 && !sameCurrency)
    warnings.push(
      `fixed compensation is in ${compensation.currency}; it is not added to the ${statement.currency} total`,
    )
  return {
    ...(account === undefined ? {} : { account }),
    jurisdiction,
    currency: statement.currency,
    ...(claim ? { dueOn: claim.dueOn } : {}),
    interestFrom: addDays(statement.start, 1),
    to: statement.end,
    basis: statement.basis,
    compounding: statement.compounding,
    ...(claim ? { rates: claim.rates } : {}),
    breakdown: statement.rows.map(({ balanceMinor, interestMinor, ...row }) => ({
      ...row,
      balance: money(balanceMinor),
      interest: money(interestMinor),
    })),
    rests: statement.rests.map((rest) => ({ on: rest.on, capitalised: money(rest.capitalisedMinor) })),
    interest: money(statement.totalInterestMinor),
    fixedCompensation: compensation
      ? { amount: money(compensation.minor, compensation.currency), currency: compensation.currency }
      : null,
    total: money(statement.totalInterestMinor + (compensation && sameCurrency ? compensation.minor : 0)),
    ...(claim ? { citations: claim.citations } : {}),
    warnings,
    roundingRule: statement.roundingRule,
  }
}
