/**
 * Policy bounds for payment plans per tenant or segment, and the exact percentage arithmetic that
 * plans and settlements share (docs/money-flows.md). A violation is not a refusal: the policy names
 * the role that may approve an exception, and the check says whether the given approver holds it.
 */
import { AppError } from '../errors/index.ts'
import { formatAmount } from '../money/money.ts'
import { addMonthsAnchored, type PlanSchedule } from './plan-schedule.ts'

/** Bounds a plan must keep without an approved exception. */
export interface PlanPolicy {
  id: string
  /** Longest term, from `agreedOn` to the last due date, in calendar months (rounded up). */
  maxMonths: number
  /** Smallest regular instalment; the final remainder instalment may be smaller. */
  minInstalmentMinor: number
  /** The smallest regular instalment per currency, over `minInstalmentMinor` (tenant settings). */
  minInstalmentMinorByCurrency?: Readonly<Record<string, number>>
  /** Most instalments after the down payment; absent or null: only the term limits them. */
  maxInstalments?: number | null
  /** Smallest down payment as a percentage of the plan total, decimal string; absent: none needed. */
  minDownPaymentPercent?: string
  /** Largest discount off the balance as a decimal string ("10", "12.5"); compared exactly, never as a float. */
  maxDiscountPercent: string
  /** The role that may approve a plan outside these bounds; null: no exceptions. */
  exceptionApproverRole: string | null
  /** How many new plans a debtor may get after broken ones (0: none). */
  maxReplansAfterBreak: number
}

/** A proposed plan: its schedule, the day it is agreed and the balance it settles. */
export interface PlanProposal {
  schedule: PlanSchedule
  agreedOn: string
  /** What the debtor owes; a schedule total below it is a discount. */
  balanceMinor: number
}

export type PlanViolationCode =
  | 'term_too_long'
  | 'too_many_instalments'
  | 'instalment_too_small'
  | 'down_payment_too_small'
  | 'discount_too_large'

/** One bound the plan breaks, with the limit and the plan's value. */
export interface PlanViolation {
  code: PlanViolationCode
  message: string
  limit: number | string
  actual: number | string
}

export type PlanCheck =
  | { ok: true }
  | {
      ok: false
      violations: PlanViolation[]
      /** The role that may approve the exception, or null when the policy allows none. */
      exceptionApproverRole: string | null
      /** True when `approverRole` was given and may approve this exception. */
      approvable: boolean
    }

const PERCENT = /^(\d{1,3})(?:\.(\d{1,6}))?$/

/** Parses "12.5" into the exact fraction 125/1000 of a hundred; throws on anything else. */
export function parsePercent(text: string): { numerator: bigint; denominator: bigint } {
  const m = PERCENT.exec(text)
  if (!m) throw new AppError('invalid_percent', `"${text}" is not a percentage like "10" or "12.5"`)
  const fraction = m[2] ?? ''
  const numerator = BigInt(`${m[1]}${fraction}`)
  const denominator = 100n * 10n ** BigInt(fraction.length)
  if (numerator > denominator) throw new AppError('invalid_percent', `"${text}" is more than 100 percent`)
  return { numerator, denominator }
}

/** True when `part` is more than `percent` of `whole` (exact: integer cross-multiplication). */
export function exceedsPercent(part: number, whole: number, percent: string): boolean {
  const { numerator, denominator } = parsePercent(percent)
  return BigInt(part) * denominator > BigInt(whole) * numerator
}

/** 100 minus a percentage, exactly ("60" -> "40", "62.5" -> "37.5"); throws like parsePercent. */
export function complementPercent(percent: string): string {
  const { numerator, denominator } = parsePercent(percent)
  const scale = String(denominator).length - 3
  const rest = String(denominator - numerator).padStart(scale + 1, '0')
  if (scale === 0) return rest
  return `${rest.slice(0, -scale)}.${rest.slice(-scale)}`.replace(/\.?0+$/, '') || '0'
}

/** Calendar months from `from` until `to` is reached, rounded up (31 Jan to 29 Feb is one month). */
export function monthsCovering(from: string, to: string): number {
  if (to <= from) return 0
  const anchor = Number(from.slice(8, 10))
  let months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7))
  months -= Number(from.slice(5, 7)) + 1
  while (addMonthsAnchored(from, Math.max(months, 0), anchor) < to) months++
  return Math.max(months, 0)
}

/** Checks a proposed plan against the policy; `approverRole` is the role of whoever would approve. */
export function checkPlanAgainstPolicy(
  plan: PlanProposal,
  policy: PlanPolicy,
  approverRole?: string,
): PlanCheck {
  const violations: PlanViolation[] = []
  const { currency } = plan.schedule
  const money = (minor: number) => `${formatAmount(minor, currency)} ${currency}`
  const items = plan.schedule.instalments
  const last = items.at(-1)
  const months = last ? monthsCovering(plan.agreedOn, last.dueOn) : 0
  if (months > policy.maxMonths) {
    violations.push({
      code: 'term_too_long',
      message: `the plan runs ${months} months; the policy allows ${policy.maxMonths}`,
      limit: policy.maxMonths,
      actual: months,
    })
  }
  // The last instalment carries the remainder, so it may be smaller than the rest without breaking policy.
  const instalments = items.filter((i) => i.seq > 0)
  const maxInstalments = policy.maxInstalments ?? null
  if (maxInstalments !== null && instalments.length > maxInstalments) {
    violations.push({
      code: 'too_many_instalments',
      message: `the plan has ${instalments.length} instalments; the policy allows ${maxInstalments}`,
      limit: maxInstalments,
      actual: instalments.length,
    })
  }
  const regular = instalments.length === 1 ? instalments : instalments.slice(0, -1)
  const smallest = Math.min(...regular.map((i) => i.amountMinor))
  const minInstalment = policy.minInstalmentMinorByCurrency?.[currency] ?? policy.minInstalmentMinor
  if (regular.length > 0 && smallest < minInstalment) {
    violations.push({
      code: 'instalment_too_small',
      message: `an instalment of ${money(smallest)} is below the minimum ${money(minInstalment)}`,
      limit: minInstalment,
      actual: smallest,
    })
  }
  const minDown = policy.minDownPaymentPercent ?? '0'
  const down = items.find((i) => i.seq === 0)?.amountMinor ?? 0
  // Below the percentage of the total: down * 100 < total * percent, exactly.
  if (exceedsPercent(plan.schedule.totalMinor - down, plan.schedule.totalMinor, complementPercent(minDown))) {
    violations.push({
      code: 'down_payment_too_small',
      message: `a down payment of ${money(down)} is below ${minDown}% of the plan total ${money(plan.schedule.totalMinor)}`,
      limit: minDown,
      actual: down,
    })
  }
  const discount = plan.balanceMinor - plan.schedule.totalMinor
  if (discount > 0 && exceedsPercent(discount, plan.balanceMinor, policy.maxDiscountPercent)) {
    violations.push({
      code: 'discount_too_large',
      message: `a discount of ${money(discount)} on ${money(plan.balanceMinor)} is above ${policy.maxDiscountPercent}%`,
      limit: policy.maxDiscountPercent,
      actual: discount,
    })
  }
  if (violations.length === 0) return { ok: true }
  const role = policy.exceptionApproverRole
  return {
    ok: false,
    violations,
    exceptionApproverRole: role,
    approvable: role !== null && approverRole === role,
  }
}
