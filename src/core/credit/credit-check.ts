import { formatAmount } from '../money/money.ts'
import { type DayMean, formatMean, MIN_PAID_INVOICES } from './credit-facts.ts'
import type { CreditLimit } from './credit-terms.ts'

/**
 * The credit-check port (docs/credit-control.md, "Credit checks"): whatever answers "may this
 * debtor have this much credit?" (a bureau, a credit insurer, the built-in rules) implements
 * CreditCheckProvider. A decision is approve, refer (a person decides) or decline, with a recommended
 * limit and its reasons, each naming the rule, like compliance decisions do.
 */

export type CreditDecisionOutcome = 'approve' | 'refer' | 'decline'

export interface CreditCheckReason {
  /** A stable id, "credit.<rule>" for the built-in rules. */
  readonly ruleId: string
  readonly outcome: CreditDecisionOutcome
  readonly message: string
}

/** What the check is asked about: one credit line (debtor and client) in one currency. */
export interface CreditCheckRequest {
  readonly debtor: string
  readonly client: string | null
  readonly currency: string
  /** Exposure in `currency` now (the ledger's open balances). */
  readonly exposureMinor: number
  /** New credit asked for on top of the exposure (0: a review of the line as it is). */
  readonly requestedMinor: number
  /** The effective limit in `currency`, or null when none is set in it. */
  readonly limitMinor: number | null
  /** The currency of the line's limit, null when none is set; another than `currency` is a referral. */
  readonly limitCurrency: string | null
  readonly termsDays: number
  /** The debtor's own history under this client. */
  readonly history: {
    readonly paidInvoices: number
    readonly meanDaysToPay: DayMean | null
    /** The largest paid invoice in `currency`, minor units; 0 if none. */
    readonly largestPaidMinor: number
    readonly brokenPromises: number
    readonly disputes: number
    readonly openDisputes: number
    readonly writtenOffAccounts: number
  }
}

export interface CreditCheckDecision {
  /** The provider's name ("rules" for the built-in one). */
  readonly provider: string
  readonly outcome: CreditDecisionOutcome
  readonly recommendedLimit: CreditLimit
  readonly reasons: readonly CreditCheckReason[]
}

/** The port. External providers are adapters outside src/core; they answer in the same shape. */
export interface CreditCheckProvider {
  readonly name: string
  check(request: CreditCheckRequest): Promise<CreditCheckDecision>
}

/** Mean days late above this is a decline; above 0 a referral. */
export const DECLINE_DAYS_LATE = 30
/** Broken promises from this many on are a decline; one is a referral. */
export const DECLINE_BROKEN_PROMISES = 2

const RANK: Record<CreditDecisionOutcome, number> = { approve: 0, refer: 1, decline: 2 }

/**
 * The built-in rules over the debtor's own history. Every rule that applies gives a reason; the
 * worst outcome wins. The recommended limit: the base is the effective limit, or without one twice
 * the largest paid invoice; approve recommends the base, refer half of it (rounded down to a minor
 * unit), decline 0.
 */
export function rulesCreditDecision(request: CreditCheckRequest): CreditCheckDecision {
  const { history, currency } = request
  const money = (minor: number) => `${formatAmount(minor, currency)} ${currency}`
  const reasons: CreditCheckReason[] = []
  const add = (ruleId: string, outcome: CreditDecisionOutcome, message: string) =>
    reasons.push({ ruleId, outcome, message })

  if (history.writtenOffAccounts > 0)
    add('credit.written-off', 'decline', `${history.writtenOffAccounts} account(s) written off`)
  if (history.brokenPromises >= DECLINE_BROKEN_PROMISES)
    add('credit.broken-promises', 'decline', `${history.brokenPromises} broken promises to pay`)
  else if (history.brokenPromises > 0) add('credit.broken-promises', 'refer', '1 broken promise to pay')
  if (history.openDisputes > 0)
    add('credit.open-disputes', 'refer', `${history.openDisputes} dispute(s) open (of ${history.disputes})`)
  const mean = history.meanDaysToPay
  if (mean === null || history.paidInvoices < MIN_PAID_INVOICES) {
    add(
      'credit.thin-history',
      'refer',
      `${history.paidInvoices} paid invoice(s): fewer than ${MIN_PAID_INVOICES} say nothing about payment`,
    )
  } else {
    const late = { sum: mean.sum - request.termsDays * mean.count, count: mean.count }
    const text = `pays in ${formatMean(mean)} days on average against terms of ${request.termsDays} (${formatMean(late)} days late)`
    if (late.sum > DECLINE_DAYS_LATE * late.count) add('credit.days-late', 'decline', text)
    else if (late.sum > 0) add('credit.days-late', 'refer', text)
    else
      add(
        'credit.days-late',
        'approve',
        `pays within terms: ${formatMean(mean)} days on average against ${request.termsDays}`,
      )
  }
  const wanted = request.exposureMinor + request.requestedMinor
  if (request.limitCurrency !== null && request.limitCurrency !== currency) {
    // Unknown means blocked: the exposure in one currency cannot be checked against a limit in another.
    add(
      'credit.exposure',
      'refer',
      `the limit is set in ${request.limitCurrency}, not in ${currency}: exposure ${money(request.exposureMinor)} plus ${money(request.requestedMinor)} asked cannot be checked against it`,
    )
  } else if (request.limitMinor !== null) {
    if (wanted > request.limitMinor)
      add(
        'credit.exposure',
        'refer',
        `exposure ${money(request.exposureMinor)} plus ${money(request.requestedMinor)} asked is over the limit of ${money(request.limitMinor)}`,
      )
    else
      add(
        'credit.exposure',
        'approve',
        `exposure ${money(wanted)} with what is asked stays within the limit of ${money(request.limitMinor)}`,
      )
  }
  const outcome = reasons.reduce<CreditDecisionOutcome>(
    (worst, r) => (RANK[r.outcome] > RANK[worst] ? r.outcome : worst),
    'approve',
  )
  const base = request.limitMinor ?? 2 * history.largestPaidMinor
  const recommended = outcome === 'approve' ? base : outcome === 'refer' ? Math.floor(base / 2) : 0
  return { provider: 'rules', outcome, recommendedLimit: { minor: recommended, currency }, reasons }
}

/** The built-in provider behind the port. */
export const rulesCreditCheckProvider: CreditCheckProvider = {
  name: 'rules',
  check: async (request) => rulesCreditDecision(request),
}
