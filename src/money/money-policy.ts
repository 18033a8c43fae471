import type { PlanPolicy } from '../core/plans/plan-policy.ts'
import type { SettlementPolicy } from '../core/settlements/settlement.ts'

/**
 * The bounds the money-flow services apply to a tenant until tenants configure their own
 * (docs/money-flows.md). One object so a later per-tenant table replaces it in one place.
 */
export interface MoneyPolicy {
  plan: PlanPolicy
  /** Days after an instalment's due date that a payment still counts as on time. */
  planGraceDays: number
  /** Days after a promise's due date that a payment still keeps it. */
  promiseGraceDays: number
  /** A shortfall up to this many minor units still keeps a promise (bank charges). */
  promiseToleranceMinor: number
  settlement: SettlementPolicy
}

/**
 * The default: plans up to 12 months with instalments of at least 25.00 and no discount beyond 10%,
 * one re-plan after a broken plan, exceptions approved by a `supervisor`; a week's grace on
 * instalments, three days on promises; settlements at most 40% off and valid at most 30 days.
 */
export const DEFAULT_MONEY_POLICY: MoneyPolicy = {
  plan: {
    id: 'default',
    maxMonths: 12,
    minInstalmentMinor: 2500,
    maxDiscountPercent: '10',
    exceptionApproverRole: 'supervisor',
    maxReplansAfterBreak: 1,
  },
  planGraceDays: 7,
  promiseGraceDays: 3,
  promiseToleranceMinor: 0,
  settlement: { maxDiscountPercent: '40', maxValidityDays: 30 },
}

/** The policy for a tenant: the default for every tenant for now. */
export function moneyPolicyFor(_tenantId: number): MoneyPolicy {
  return DEFAULT_MONEY_POLICY
}

/** Noon UTC of a day: the instant an event of that day is re-decided at (the day holds in every zone but the far east). */
export const eventAt = (day: string): string => `${day}T12:00:00Z`
