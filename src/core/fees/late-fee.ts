import { requireLocalDate } from '../calendar/instant.ts'
import { addDays, type LocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import { addMonthsClamped } from '../interest/day-count.ts'
import { divideRounded, parseDecimal, type RoundingMode, toSafeNumber } from '../money/decimal.ts'

/** What one fee is: a fixed amount, or a percentage of the balance outstanding when the period starts. */
export type LateFeeCharge =
  | { readonly kind: 'fixed'; readonly amountMinor: number }
  | { readonly kind: 'percentage'; readonly percent: string }

/** A creditor's late-fee policy; at most one fee per period, whatever runs it and however often. */
export interface LateFeePolicy {
  /** Part of every idempotency key, so letters, digits, `_`, `.` and `-` only. */
  readonly id: string
  readonly charge: LateFeeCharge
  /** Floor and ceiling of each single fee. */
  readonly minMinor?: number
  readonly maxMinor?: number
  /** Ceiling of all fees under this policy on one debt, counting those already posted. */
  readonly maxTotalMinor?: number
  /** A calendar month (from the first period start, clamped to month end) or a fixed number of days. */
  readonly period: { readonly unit: 'month' } | { readonly unit: 'days'; readonly days: number }
  /** Days after the due date before the first period starts (0: the day after the due date). */
  readonly graceDays?: number
  readonly rounding?: RoundingMode
}

/** A fee already in the ledger, identified by its idempotency key. */
export interface PostedFee {
  readonly key: string
  readonly amountMinor: number
}

/** A change of the fee-bearing balance (payments negative), effective on `on`. */
export interface BalanceChange {
  readonly on: LocalDate
  readonly deltaMinor: number
}

/** Inputs for working out which fees are due as of a date. */
export interface LateFeeInput {
  readonly policy: LateFeePolicy
  readonly dueOn: LocalDate
  readonly asOf: LocalDate
  readonly openingBalanceMinor: number
  readonly balanceChanges?: readonly BalanceChange[]
  readonly posted: readonly PostedFee[]
}

/** A fee to post now; `key` must be stored with it (unique) so a second post of the same period fails. */
export interface FeeDue {
  readonly key: string
  readonly periodStart: LocalDate
  readonly balanceMinor: number
  readonly amountMinor: number
}

const POLICY_ID = /^[A-Za-z0-9_.-]+$/

/** The deterministic idempotency key of a policy's fee for one period: `fee:<policyId>:<periodStart>`. */
export function lateFeeKey(policyId: string, periodStart: LocalDate): string {
  return `fee:${policyId}:${periodStart}`
}

function invalid(message: string): never {
  throw new AppError('invalid_fee_policy', message)
}

function checkPolicy(policy: LateFeePolicy): void {
  if (!POLICY_ID.test(policy.id)) invalid(`policy id "${policy.id}" may hold only letters, digits, _ . -`)
  const amounts = {
    minMinor: policy.minMinor,
    maxMinor: policy.maxMinor,
    maxTotalMinor: policy.maxTotalMinor,
  }
  if (policy.charge.kind === 'fixed') Object.assign(amounts, { amountMinor: policy.charge.amountMinor })
  for (const [name, value] of Object.entries(amounts))
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0))
      invalid(`${name} must be whole minor units ≥ 0, not ${value}`)
  if (policy.minMinor !== undefined && policy.maxMinor !== undefined && policy.minMinor > policy.maxMinor)
    invalid(`minMinor ${policy.minMinor} is above maxMinor ${policy.maxMinor}`)
  if (policy.period.unit === 'days' && !(Number.isSafeInteger(policy.period.days) && policy.period.days >= 1))
    invalid(`period days must be a whole number ≥ 1, not ${policy.period.days}`)
  const grace = policy.graceDays ?? 0
  if (!(Number.isSafeInteger(grace) && grace >= 0))
    invalid(`graceDays must be a whole number ≥ 0, not ${grace}`)
}

function feeFor(policy: LateFeePolicy, balance: bigint): bigint {
  let fee: bigint
  if (policy.charge.kind === 'fixed') fee = BigInt(policy.charge.amountMinor)
  else {
    const percent = parseDecimal(policy.charge.percent)
    if (!percent.ok || percent.value.units < 0n)
      invalid(`percent must be a decimal ≥ 0, not "${policy.charge.percent}"`)
    const divisor = 100n * 10n ** BigInt(percent.value.scale)
    fee = divideRounded(balance * percent.value.units, divisor, policy.rounding ?? 'half-even')
  }
  if (policy.minMinor !== undefined && fee < BigInt(policy.minMinor)) fee = BigInt(policy.minMinor)
  if (policy.maxMinor !== undefined && fee > BigInt(policy.maxMinor)) fee = BigInt(policy.maxMinor)
  return fee
}

/**
 * The fees to post as of `asOf`: one per period that has started while a balance was outstanding,
 * minus every period whose key is already posted, trimmed so the total stays under `maxTotalMinor`.
 * Running it again after posting the result returns nothing: the keys make it idempotent.
 */
export function lateFeesDue(input: LateFeeInput): FeeDue[] {
  const { policy } = input
  checkPolicy(policy)
  for (const [name, date] of [
    ['dueOn', input.dueOn],
    ['asOf', input.asOf],
  ] as const)
    requireLocalDate(date, name)
  const prefix = lateFeeKey(policy.id, '')
  const ownPosted = input.posted.filter((fee) => fee.key.startsWith(prefix))
  const postedKeys = new Set(ownPosted.map((fee) => fee.key))
  let remaining =
    policy.maxTotalMinor === undefined
      ? undefined
      : BigInt(policy.maxTotalMinor) - ownPosted.reduce((sum, fee) => sum + BigInt(fee.amountMinor), 0n)
  const changes = input.balanceChanges ?? []
  const first = addDays(input.dueOn, 1 + (policy.graceDays ?? 0))
  const due: FeeDue[] = []
  for (let k = 0; ; k++) {
    // Each start is computed from the first one, so a 31st clamped to the 28th does not drift.
    const start =
      policy.period.unit === 'month' ? addMonthsClamped(first, k) : addDays(first, k * policy.period.days)
    if (start > input.asOf) break
    const key = lateFeeKey(policy.id, start)
    if (postedKeys.has(key)) continue
    const balance = changes
      .filter((c) => c.on <= start)
      .reduce((sum, c) => sum + BigInt(c.deltaMinor), BigInt(input.openingBalanceMinor))
    if (balance <= 0n) continue // nothing overdue, so nothing is late this period
    let amount = feeFor(policy, balance)
    if (remaining !== undefined) amount = amount < remaining ? amount : remaining
    if (amount <= 0n) continue
    if (remaining !== undefined) remaining -= amount
    due.push({
      key,
      periodStart: start,
      balanceMinor: toSafeNumber(balance),
      amountMinor: toSafeNumber(amount),
    })
  }
  return due
}
