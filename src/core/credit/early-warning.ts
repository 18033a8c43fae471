import { formatAmount } from '../money/money.ts'
import {
  type CurrencyExposure,
  formatMean,
  type LimitStanding,
  type PaymentBehaviour,
  TREND_RISE_DAYS,
  TREND_WINDOW,
} from './credit-facts.ts'

/**
 * The early-warning rules for credit controllers (docs/credit-control.md, "Early warnings"): a credit
 * line (one debtor under one client) is listed when it is over its limit, when it pays later than its
 * terms, or when its days to pay are rising. Each warning carries its figures. Pure.
 */

export const WARNING_CODES = ['over_limit', 'late_payer', 'rising_days_to_pay'] as const
export type WarningCode = (typeof WARNING_CODES)[number]

export interface CreditWarning {
  readonly code: WarningCode
  readonly message: string
  /** The figures the rule compared, as text (amounts in the currency's decimals, means to 0.1 day). */
  readonly figures: Readonly<Record<string, string | number>>
}

export interface CreditLineFacts {
  readonly standing: LimitStanding | null
  readonly exposures: readonly CurrencyExposure[]
  readonly behaviour: PaymentBehaviour
}

/** Every warning that holds for the line, in the order over_limit, late_payer, rising_days_to_pay. */
export function earlyWarnings(facts: CreditLineFacts): CreditWarning[] {
  const warnings: CreditWarning[] = []
  const { standing, behaviour } = facts
  if (standing?.overLimit) {
    const money = (minor: number) => `${formatAmount(minor, standing.currency)} ${standing.currency}`
    warnings.push({
      code: 'over_limit',
      message: `exposure ${money(standing.exposureMinor)} is over the limit of ${money(standing.limitMinor)} by ${money(-standing.availableMinor)}`,
      figures: {
        currency: standing.currency,
        limit: formatAmount(standing.limitMinor, standing.currency),
        exposure: formatAmount(standing.exposureMinor, standing.currency),
        over: formatAmount(-standing.availableMinor, standing.currency),
      },
    })
  }
  if (behaviour.late && behaviour.meanDaysToPay) {
    const mean = behaviour.meanDaysToPay
    const late = { sum: mean.sum - behaviour.termsDays * mean.count, count: mean.count }
    warnings.push({
      code: 'late_payer',
      message: `pays in ${formatMean(mean)} days on average over ${mean.count} paid invoices, against terms of ${behaviour.termsDays} days`,
      figures: {
        paidInvoices: mean.count,
        meanDaysToPay: formatMean(mean),
        termsDays: behaviour.termsDays,
        meanDaysLate: formatMean(late),
      },
    })
  }
  if (behaviour.trend?.rising) {
    const { recent, earlier } = behaviour.trend
    warnings.push({
      code: 'rising_days_to_pay',
      message: `the last ${TREND_WINDOW} invoices took ${formatMean(recent)} days on average, the ${earlier.count} before them ${formatMean(earlier)} (a rise of ${TREND_RISE_DAYS} days or more)`,
      figures: {
        recentInvoices: recent.count,
        recentMeanDaysToPay: formatMean(recent),
        earlierInvoices: earlier.count,
        earlierMeanDaysToPay: formatMean(earlier),
        riseDays: formatMean({
          sum: recent.sum * earlier.count - earlier.sum * recent.count,
          count: recent.count * earlier.count,
        }),
      },
    })
  }
  return warnings
}
