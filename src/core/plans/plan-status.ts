/**
 * Daily evaluation of a payment plan against the payments received (docs/money-flows.md). Payments
 * fill instalments in order, so a late or partial payment counts towards the oldest unpaid one; an
 * instalment is missed when, at the end of its grace period, the payments so far do not cover it.
 */
import { addDays, type LocalDate, parseLocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import type { PlanPolicy } from './plan-policy.ts'
import type { ScheduledInstalment } from './plan-schedule.ts'

export type PlanState = 'active' | 'completed' | 'broken'

/** A payment towards the plan: the value date and the amount in the plan's currency. */
export interface PlanPayment {
  on: LocalDate
  amountMinor: number
}

export interface EvaluatePlanInput {
  schedule: readonly ScheduledInstalment[]
  payments: readonly PlanPayment[]
  /** The day evaluated; payments dated later are ignored. */
  asOf: LocalDate
  /** Days after a due date that a payment still counts as on time for it. */
  graceDays: number
}

/** An instalment not covered when its grace period ended. */
export interface MissedInstalment {
  seq: number
  dueOn: LocalDate
  /** What was still missing on this instalment at the end of its grace period. */
  shortMinor: number
}

export interface PlanStatus {
  /** `completed` once everything is paid (even after a break); `broken` from the first missed instalment. */
  state: PlanState
  missed: MissedInstalment[]
  /** The day after the first missed instalment's grace period: the day the plan broke. */
  brokenOn?: LocalDate
  /** Everything paid by `asOf`. */
  paidMinor: number
}

function checkInput(input: EvaluatePlanInput): void {
  const bad = (message: string) => new AppError('invalid_plan_evaluation', message)
  if (!parseLocalDate(input.asOf).ok) throw bad(`asOf "${input.asOf}" is not a real date`)
  if (!Number.isSafeInteger(input.graceDays) || input.graceDays < 0)
    throw bad('graceDays must be a whole number >= 0')
  for (const p of input.payments) {
    if (!parseLocalDate(p.on).ok) throw bad(`payment date "${p.on}" is not a real date`)
    if (!Number.isSafeInteger(p.amountMinor) || p.amountMinor < 0) throw bad('payment amounts must be >= 0')
  }
}

/** Evaluates a plan as of a day: state, missed instalments and when it broke. */
export function evaluatePlan(input: EvaluatePlanInput): PlanStatus {
  checkInput(input)
  const payments = input.payments.filter((p) => p.on <= input.asOf)
  const paidMinor = payments.reduce((sum, p) => sum + p.amountMinor, 0)
  const schedule = [...input.schedule].sort((a, b) => a.seq - b.seq)
  const totalMinor = schedule.reduce((sum, i) => sum + i.amountMinor, 0)
  const missed: MissedInstalment[] = []
  let dueSoFar = 0
  for (const instalment of schedule) {
    const dueBefore = dueSoFar
    dueSoFar += instalment.amountMinor
    const deadline = addDays(instalment.dueOn, input.graceDays)
    // On the last day of grace the debtor still has until midnight; only a later asOf can miss it.
    if (deadline >= input.asOf) continue
    const paidByDeadline = payments.reduce((sum, p) => (p.on <= deadline ? sum + p.amountMinor : sum), 0)
    if (paidByDeadline < dueSoFar) {
      const covered = Math.max(paidByDeadline - dueBefore, 0)
      missed.push({
        seq: instalment.seq,
        dueOn: instalment.dueOn,
        shortMinor: instalment.amountMinor - covered,
      })
    }
  }
  const first = missed[0]
  const brokenOn = first ? addDays(first.dueOn, input.graceDays + 1) : undefined
  const state: PlanState = paidMinor >= totalMinor ? 'completed' : first ? 'broken' : 'active'
  return { state, missed, ...(brokenOn === undefined ? {} : { brokenOn }), paidMinor }
}

/** A past plan of the debtor, as far as re-planning cares. */
export interface PastPlan {
  state: PlanState
}

export interface ReplanDecision {
  allowed: boolean
  reason: string
  brokenCount: number
  /** Who may approve a re-plan the policy does not allow by itself; null when no one may. */
  exceptionApproverRole: string | null
}

/**
 * Whether a new plan may replace broken ones: never while a plan is still active (two live plans would
 * double-count payments), otherwise while the broken plans number at most `maxReplansAfterBreak`.
 */
export function replanAllowed(previousPlans: readonly PastPlan[], policy: PlanPolicy): ReplanDecision {
  const brokenCount = previousPlans.filter((p) => p.state === 'broken').length
  const role = policy.exceptionApproverRole
  if (previousPlans.some((p) => p.state === 'active')) {
    return { allowed: false, reason: 'a plan is still active', brokenCount, exceptionApproverRole: null }
  }
  if (brokenCount > policy.maxReplansAfterBreak) {
    const reason = `${brokenCount} broken plans; the policy allows ${policy.maxReplansAfterBreak} re-plans`
    return { allowed: false, reason, brokenCount, exceptionApproverRole: role }
  }
  return { allowed: true, reason: 'within policy', brokenCount, exceptionApproverRole: role }
}
