import { addDays, type LocalDate } from '../calendar/local-date.ts'

/**
 * Plausibility limits of a payment (docs/money-flows.md, "Plausibility limits"). A value date before
 * 1970-01-01 or more than a week after today in the tenant's zone is a typo, not a payment; a payment
 * of more than ten times what is owed is most likely posted to the wrong account or with the wrong
 * decimal point, so it is refused unless the caller confirms it.
 */
export const PAYMENT_LIMITS = {
  earliest: '1970-01-01',
  /** Days after today a value date may lie (bank statements announce value dates a few days ahead). */
  futureDays: 7,
  /** A payment above this multiple of the amount owed needs an explicit confirmation. */
  maxBalanceMultiple: 10,
} as const

/** Why a value date is implausible, or null. `today` is the tenant's today. */
export function implausibleDate(receivedOn: LocalDate, today: LocalDate): string | null {
  if (receivedOn < PAYMENT_LIMITS.earliest)
    return `${receivedOn} is before ${PAYMENT_LIMITS.earliest}; check the year`
  const latest = addDays(today, PAYMENT_LIMITS.futureDays)
  if (receivedOn > latest)
    return `${receivedOn} is more than ${PAYMENT_LIMITS.futureDays} days after today (${today}); check the year`
  return null
}

/** True when a payment exceeds the plausible multiple of what is owed (nothing owed: any payment). */
export function isImplausiblyLarge(amountMinor: number, owedMinor: number): boolean {
  return amountMinor > PAYMENT_LIMITS.maxBalanceMultiple * Math.max(owedMinor, 0)
}
