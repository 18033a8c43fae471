/**
 * Settlements: a discounted payoff offer within policy bounds and with an expiry (docs/money-flows.md).
 * Paid in full by the expiry, it closes the account and the rest of the balance is written off; the
 * write-off is computed here so the ledger entry can never be negative or larger than the balance.
 */
import { daysBetween, type LocalDate, parseLocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import { formatAmount } from '../money/money.ts'
import { exceedsPercent } from '../plans/plan-policy.ts'

/** Bounds a settlement offer must keep. */
export interface SettlementPolicy {
  /** Largest discount off the balance, decimal string ("40", "27.5"), compared exactly. */
  maxDiscountPercent: string
  /** Longest validity: days from `createdOn` to `expiresOn`. */
  maxValidityDays: number
}

export interface SettlementOfferInput {
  balanceMinor: number
  offerMinor: number
  /** Last day a payment can complete the settlement. */
  expiresOn: LocalDate
  createdOn: LocalDate
  policy: SettlementPolicy
  /** The account's currency, for the messages (amounts shown as "120.00 USD"; omitted: minor units). */
  currency?: string
}

export type SettlementViolationCode =
  | 'offer_not_positive'
  | 'offer_above_balance'
  | 'discount_too_large'
  | 'expires_before_created'
  | 'validity_too_long'

/** One reason an offer is outside policy. */
export interface SettlementViolation {
  code: SettlementViolationCode
  message: string
}

export type SettlementOfferCheck =
  | { ok: true; discountMinor: number; validityDays: number }
  | { ok: false; violations: SettlementViolation[] }

const bad = (message: string) => new AppError('invalid_settlement', message)

function checkWhole(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw bad(`${field} must be a whole number >= 0`)
}

function checkDate(field: string, value: string): void {
  if (!parseLocalDate(value).ok) throw bad(`${field} "${value}" is not a real date`)
}

/** Checks an offer against the policy; malformed input throws, a business-rule breach is a violation. */
export function checkSettlementOffer(input: SettlementOfferInput): SettlementOfferCheck {
  const { balanceMinor, offerMinor, policy } = input
  checkWhole('balanceMinor', balanceMinor)
  checkWhole('offerMinor', offerMinor)
  checkWhole('policy.maxValidityDays', policy.maxValidityDays)
  checkDate('expiresOn', input.expiresOn)
  checkDate('createdOn', input.createdOn)
  const violations: SettlementViolation[] = []
  const add = (code: SettlementViolationCode, message: string) => violations.push({ code, message })
  const { currency } = input
  const money = (minor: number) =>
    currency === undefined ? `${minor} minor units` : `${formatAmount(minor, currency)} ${currency}`
  const discountMinor = balanceMinor - offerMinor
  if (offerMinor === 0) add('offer_not_positive', 'a settlement must collect something; use a write-off')
  if (discountMinor < 0)
    add('offer_above_balance', `the offer ${money(offerMinor)} is above the balance ${money(balanceMinor)}`)
  if (discountMinor > 0 && exceedsPercent(discountMinor, balanceMinor, policy.maxDiscountPercent)) {
    add(
      'discount_too_large',
      `a discount of ${money(discountMinor)} on ${money(balanceMinor)} is above ${policy.maxDiscountPercent}%`,
    )
  }
  const validityDays = daysBetween(input.createdOn, input.expiresOn)
  if (validityDays < 0)
    add('expires_before_created', `expiresOn ${input.expiresOn} is before ${input.createdOn}`)
  if (validityDays > policy.maxValidityDays) {
    add(
      'validity_too_long',
      `the offer runs ${validityDays} days; the policy allows ${policy.maxValidityDays}`,
    )
  }
  return violations.length === 0 ? { ok: true, discountMinor, validityDays } : { ok: false, violations }
}

export interface SettleOnPaymentInput {
  offerMinor: number
  /** Everything paid towards the settlement up to `paidOn`. */
  paidMinor: number
  balanceMinor: number
  expiresOn: LocalDate
  /** The day of the payment that brings `paidMinor` to its value. */
  paidOn: LocalDate
}

/** The outcome of a payment towards a settlement. */
export interface SettlementOutcome {
  /** True when the offer is paid in full on or before its expiry: the account closes. */
  accepted: boolean
  /** What to write off when accepted: balance minus what was paid, never negative; 0 otherwise. */
  writeOffMinor: number
  /** What is still missing to complete the settlement; 0 when accepted. */
  shortMinor: number
  /** True when `paidOn` is after the expiry (the offer lapsed; the full balance stands). */
  expired: boolean
}

/** Decides whether a payment completes a settlement, and the write-off that closes the account. */
export function settleOnPayment(input: SettleOnPaymentInput): SettlementOutcome {
  checkWhole('offerMinor', input.offerMinor)
  checkWhole('paidMinor', input.paidMinor)
  checkWhole('balanceMinor', input.balanceMinor)
  checkDate('expiresOn', input.expiresOn)
  checkDate('paidOn', input.paidOn)
  const expired = input.paidOn > input.expiresOn
  const shortMinor = Math.max(input.offerMinor - input.paidMinor, 0)
  if (expired || shortMinor > 0) return { accepted: false, writeOffMinor: 0, shortMinor, expired }
  // Paying more than the offer writes off less: the debtor's extra money reduces the loss, not vanishes.
  const writeOffMinor = Math.max(input.balanceMinor - input.paidMinor, 0)
  return { accepted: true, writeOffMinor, shortMinor: 0, expired: false }
}
