import { complementPercent, type PlanPolicy } from '../core/plans/plan-policy.ts'
import type { SettlementPolicy } from '../core/settlements/settlement.ts'
import { effectiveSettings, parseStoredSettings } from '../core/tenants/tenant-settings.ts'
import type { Tenant } from '../store/tenant.repository.ts'

/**
 * The bounds the money-flow services apply to a tenant (docs/money-flows.md): the tenant's settings
 * (docs/settings.md) laid over the defaults below.
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
 * one re-plan after a broken plan, exceptions approved by a `manager`; a week's grace on
 * instalments, three days on promises; settlements at most 40% off and valid at most 30 days.
 */
export const DEFAULT_MONEY_POLICY: MoneyPolicy = {
  plan: {
    id: 'default',
    maxMonths: 12,
    minInstalmentMinor: 2500,
    maxDiscountPercent: '10',
    exceptionApproverRole: 'manager',
    maxReplansAfterBreak: 1,
  },
  planGraceDays: 7,
  promiseGraceDays: 3,
  promiseToleranceMinor: 0,
  settlement: { maxDiscountPercent: '40', maxValidityDays: 30 },
}

/**
 * The policy for a tenant: its stored plan and settlement bounds (`tenants.settings`, written by
 * `PATCH /settings`) over the default; a tenant that set nothing gets DEFAULT_MONEY_POLICY itself.
 * Read from the tenant row the caller already holds, so it costs no query.
 */
export function moneyPolicyFor(tenant: Pick<Tenant, 'time_zone' | 'settings'>): MoneyPolicy {
  if (tenant.settings === null || tenant.settings === '') return DEFAULT_MONEY_POLICY
  const { plans, settlements } = effectiveSettings(
    tenant.time_zone,
    parseStoredSettings(tenant.settings),
    true,
  )
  const base = DEFAULT_MONEY_POLICY
  return {
    ...base,
    plan: {
      ...base.plan,
      id: 'tenant',
      maxMonths: plans.maxMonths,
      maxInstalments: plans.maxInstalments,
      minInstalmentMinor: plans.minInstalmentMinor,
      minInstalmentMinorByCurrency: plans.minInstalmentMinorByCurrency,
      minDownPaymentPercent: plans.minDownPaymentPercent,
      maxDiscountPercent: plans.maxDiscountPercent,
    },
    settlement: {
      maxDiscountPercent: complementPercent(settlements.minOfferPercent),
      maxValidityDays: settlements.maxValidityDays,
    },
  }
}

/** Noon UTC of a day: the instant an event of that day is re-decided at (the day holds in every zone but the far east). */
export const eventAt = (day: string): string => `${day}T12:00:00Z`
