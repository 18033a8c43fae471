import { dayNumber } from '../calendar/local-date.ts'
import { divideRounded } from '../money/decimal.ts'
import type { CreditLimit } from './credit-terms.ts'

/**
 * What a debtor's credit line is computed from, and the computation (docs/credit-control.md): the
 * exposure per currency from the ledger, the paid invoices with their days to pay, and the behaviour
 * over them (mean days to pay, the trend). Pure: the store hands in one row per account.
 */

/** One account of the debtor under one client, as the ledger states it. */
export interface CreditAccount {
  readonly id: number
  readonly externalId: string
  readonly currency: string
  readonly status: string
  /** The invoice date: the day the account was opened. */
  readonly openedOn: string
  /** Sum of every ledger entry (positive: owed). */
  readonly balanceMinor: number
  /** Sum of the charge entries: the invoice amount. */
  readonly chargedMinor: number
  /** The latest value date of a payment entry no reversal undoes; null if none. */
  readonly lastPaidOn: string | null
  /** Whether any write-off entry is on the ledger. */
  readonly writtenOff: boolean
}

/** Exposure in one currency: the sum of the balances of the open accounts in it. */
export interface CurrencyExposure {
  readonly currency: string
  readonly exposureMinor: number
  readonly openAccounts: number
}

/**
 * Exposure per currency, sorted by currency: the sum of the ledger balances of the accounts whose
 * status is `open` (a credit balance lowers it). Currencies are never added together.
 */
export function exposureByCurrency(accounts: readonly CreditAccount[]): CurrencyExposure[] {
  const byCurrency = new Map<string, { exposureMinor: number; openAccounts: number }>()
  for (const account of accounts) {
    if (account.status !== 'open') continue
    const entry = byCurrency.get(account.currency) ?? { exposureMinor: 0, openAccounts: 0 }
    entry.exposureMinor += account.balanceMinor
    entry.openAccounts += 1
    byCurrency.set(account.currency, entry)
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, e]) => ({ currency, ...e }))
}

/** The limit against the exposure in the limit's currency (other currencies are not compared). */
export interface LimitStanding {
  readonly currency: string
  readonly limitMinor: number
  readonly exposureMinor: number
  /** limit - exposure; negative when over. */
  readonly availableMinor: number
  readonly overLimit: boolean
  /** exposure / limit x 100, half-even to one decimal, as text; null for a zero limit. */
  readonly utilisationPercent: string | null
}

export function limitStanding(limit: CreditLimit, exposures: readonly CurrencyExposure[]): LimitStanding {
  const exposureMinor = exposures.find((e) => e.currency === limit.currency)?.exposureMinor ?? 0
  return {
    currency: limit.currency,
    limitMinor: limit.minor,
    exposureMinor,
    availableMinor: limit.minor - exposureMinor,
    overLimit: exposureMinor > limit.minor,
    utilisationPercent:
      limit.minor === 0 ? null : tenths(divideRounded(BigInt(exposureMinor) * 1000n, BigInt(limit.minor))),
  }
}

/** An invoice paid in full: days to pay = paid day - invoice day. */
export interface PaidInvoice {
  readonly account: string
  readonly currency: string
  readonly invoicedOn: string
  readonly paidOn: string
  readonly daysToPay: number
  readonly amountMinor: number
}

/**
 * The paid invoices, by invoice date then account id: accounts whose ledger balance is zero or less,
 * with a payment no reversal undid and no write-off (a written-off or settled-for-less account was
 * not paid). The paid day is the last payment's value date.
 */
export function paidInvoices(accounts: readonly CreditAccount[]): PaidInvoice[] {
  return accounts
    .filter((a) => a.balanceMinor <= 0 && a.lastPaidOn !== null && !a.writtenOff)
    .sort((a, b) => (a.openedOn < b.openedOn ? -1 : a.openedOn > b.openedOn ? 1 : a.id - b.id))
    .map((a) => ({
      account: a.externalId,
      currency: a.currency,
      invoicedOn: a.openedOn,
      paidOn: a.lastPaidOn as string,
      daysToPay: dayNumber(a.lastPaidOn as string) - dayNumber(a.openedOn),
      amountMinor: a.chargedMinor,
    }))
}

/** Fewer paid invoices than this say nothing about lateness. */
export const MIN_PAID_INVOICES = 2
/** The trend compares the mean of the most recent TREND_WINDOW paid invoices ... */
export const TREND_WINDOW = 3
/** ... with the mean of the (at least TREND_WINDOW) earlier ones; rising when up by this many days or more. */
export const TREND_RISE_DAYS = 7

/** A mean of whole days kept exact as sum / count. */
export interface DayMean {
  readonly sum: number
  readonly count: number
}

/** "41.5": the mean, half-even to one decimal. */
export function formatMean(mean: DayMean): string {
  return tenths(divideRounded(BigInt(mean.sum) * 10n, BigInt(mean.count)))
}

/** a - b >= days, exactly (cross-multiplied, no division). */
function exceedsBy(a: DayMean, b: DayMean, days: number): boolean {
  return a.sum * b.count - b.sum * a.count >= days * a.count * b.count
}

export interface PaymentBehaviour {
  readonly paidInvoices: number
  /** Mean days to pay over every paid invoice; null without any. */
  readonly meanDaysToPay: DayMean | null
  readonly termsDays: number
  /** At least MIN_PAID_INVOICES paid and the mean days to pay above the terms. */
  readonly late: boolean
  readonly trend: {
    readonly recent: DayMean
    readonly earlier: DayMean
    readonly rising: boolean
  } | null
}

const meanOf = (days: readonly number[]): DayMean => ({
  sum: days.reduce((s, d) => s + d, 0),
  count: days.length,
})

/**
 * Behaviour over the paid invoices against the terms. Late: mean days to pay > terms days, over at
 * least MIN_PAID_INVOICES. Trend (needs 2 x TREND_WINDOW paid invoices): the mean of the last
 * TREND_WINDOW by invoice date against the mean of all before them; rising when the recent mean is
 * TREND_RISE_DAYS or more above the earlier one.
 */
export function paymentBehaviour(invoices: readonly PaidInvoice[], termsDays: number): PaymentBehaviour {
  const days = invoices.map((i) => i.daysToPay)
  const mean = days.length ? meanOf(days) : null
  const late = mean !== null && days.length >= MIN_PAID_INVOICES && mean.sum > termsDays * mean.count
  let trend: PaymentBehaviour['trend'] = null
  if (days.length >= 2 * TREND_WINDOW) {
    const recent = meanOf(days.slice(-TREND_WINDOW))
    const earlier = meanOf(days.slice(0, -TREND_WINDOW))
    trend = { recent, earlier, rising: exceedsBy(recent, earlier, TREND_RISE_DAYS) }
  }
  return { paidInvoices: days.length, meanDaysToPay: mean, termsDays, late, trend }
}

function tenths(units: bigint): string {
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(2, '0')
  return `${negative ? '-' : ''}${digits.slice(0, -1)}.${digits.slice(-1)}`
}
