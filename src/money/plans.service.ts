import type { Transaction } from 'kysely'
import { AppError } from '../core/errors/index.ts'
import { formatAmount } from '../core/money/money.ts'
import { checkPlanAgainstPolicy } from '../core/plans/plan-policy.ts'
import { generatePlanSchedule, type PlanFrequency, type PlanSchedule } from '../core/plans/plan-schedule.ts'
import { evaluatePlan, replanAllowed } from '../core/plans/plan-status.ts'
import { appendJournalEvent } from '../store/journal.repository.ts'
import { loadOpenAccount, postedPaymentsOf } from '../store/money/money-account.repository.ts'
import { activePlans, insertPlan, plansOfAccount, setPlanStatus } from '../store/money/plan.repository.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { eventAt, moneyPolicyFor } from './money-policy.ts'
import type { Touched, WithTouched } from './touched-account.ts'

const FREQUENCIES: readonly PlanFrequency[] = ['weekly', 'fortnightly', 'monthly']

/** A plan as agreed with the debtor; give exactly one of `instalments` and `instalmentMinor`. */
export interface CreatePlanInput {
  accountId: number
  /** What the plan collects, down payment included (default: the whole balance). */
  totalMinor?: number
  downPaymentMinor?: number
  downPaymentOn?: string
  frequency: string
  instalments?: number
  instalmentMinor?: number
  firstDueOn: string
  /** The day the plan is agreed: term and re-decision count from it. */
  agreedOn: string
  /** The role of whoever approves an exception to the policy (a plan outside it, a re-plan beyond it). */
  approverRole?: string
  actor: string
}

/**
 * Creates a payment plan for an open account in the caller's transaction: the schedule is checked
 * against the tenant's policy (violations refuse it unless `approverRole` may approve the exception),
 * a re-plan after broken plans must be within policy; the plan, its instalments and the journal event
 * are written, and the account is returned to be re-decided (the playbooks move it to their plan stage).
 */
export async function createPlanIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  input: CreatePlanInput,
): Promise<WithTouched<{ planId: number; accountId: number; schedule: PlanSchedule; exception: boolean }>> {
  const policy = moneyPolicyFor(tenant)
  const account = await loadOpenAccount(trx, tenant.id, input.accountId)
  if (!FREQUENCIES.includes(input.frequency as PlanFrequency)) {
    throw new AppError(
      'invalid_plan',
      `frequency must be one of ${FREQUENCIES.join(', ')}, not "${input.frequency}"`,
    )
  }
  if (input.firstDueOn < input.agreedOn) {
    throw new AppError(
      'invalid_plan',
      `the first instalment would be due ${input.firstDueOn}, before the plan is agreed on ${input.agreedOn}`,
    )
  }
  const previous = await plansOfAccount(trx, tenant.id, account.id)
  const past = previous.filter((p) => p.status !== 'cancelled')
  const replan = replanAllowed(
    past.map((p) => ({ state: p.status as 'active' | 'completed' | 'broken' })),
    policy.plan,
  )
  if (past.some((p) => p.status === 'active')) {
    throw new AppError('plan_already_active', `account ${account.externalId} already has an active plan`)
  }
  const replanException = !replan.allowed
  if (
    replanException &&
    (input.approverRole === undefined || input.approverRole !== replan.exceptionApproverRole)
  ) {
    throw new AppError(
      'replan_not_allowed',
      `no new plan for ${account.externalId}: ${replan.reason}`,
      replan,
    )
  }
  const money = (minor: number) => `${formatAmount(minor, account.currency)} ${account.currency}`
  const totalMinor = input.totalMinor ?? account.balanceMinor
  if (totalMinor > account.balanceMinor) {
    throw new AppError(
      'plan_above_balance',
      `the plan total ${money(totalMinor)} is above the balance ${money(account.balanceMinor)} of account ${account.externalId}`,
    )
  }
  const schedule = generatePlanSchedule({
    totalMinor,
    currency: account.currency,
    downPaymentMinor: input.downPaymentMinor ?? 0,
    ...(input.downPaymentOn ? { downPaymentOn: input.downPaymentOn } : {}),
    frequency: input.frequency as PlanFrequency,
    ...(input.instalments !== undefined ? { instalments: input.instalments } : {}),
    ...(input.instalmentMinor !== undefined ? { instalmentMinor: input.instalmentMinor } : {}),
    firstDueOn: input.firstDueOn,
  })
  const check = checkPlanAgainstPolicy(
    { schedule, agreedOn: input.agreedOn, balanceMinor: account.balanceMinor },
    policy.plan,
    input.approverRole,
  )
  if (!check.ok && !check.approvable) {
    const list = check.violations.map((v) => v.message).join('; ')
    const who = check.exceptionApproverRole
      ? ` (a ${check.exceptionApproverRole} may approve an exception)`
      : ''
    throw new AppError('plan_outside_policy', `the plan is outside policy ${policy.plan.id}: ${list}${who}`, {
      violations: check.violations,
      exceptionApproverRole: check.exceptionApproverRole,
    })
  }
  const exception = !check.ok || replanException
  const planId = await insertPlan(trx, {
    tenantId: tenant.id,
    accountId: account.id,
    frequency: schedule.frequency,
    totalMinor,
    downPaymentMinor: input.downPaymentMinor ?? 0,
    graceDays: policy.planGraceDays,
    approvedBy: exception ? (input.approverRole ?? null) : null,
    replacesPlanId: past.filter((p) => p.status === 'broken').at(-1)?.id ?? null,
    createdOn: input.agreedOn,
    instalments: schedule.instalments,
  })
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'plan.created',
    actor: input.actor,
    subject: `account:${account.id}`,
    payload: {
      planId,
      policy: policy.plan.id,
      exception,
      violations: check.ok ? [] : check.violations,
      schedule,
    },
  })
  const touched = [{ accountId: account.id, event: { key: `plan:${planId}`, at: eventAt(input.agreedOn) } }]
  return { planId, accountId: account.id, schedule, exception, touched }
}

/**
 * Evaluates every active plan of the tenant on `asOf` from the account's posted payments since the
 * plan was agreed: completed plans close, plans with an instalment missed after grace break (journal
 * `plan.broken`; the account is returned to be re-decided at once with event `plan.broken:<id>`).
 */
export async function evaluatePlansAsOf(
  trx: Transaction<Database>,
  tenant: Tenant,
  asOf: string,
  actor = 'system:money',
): Promise<{ broken: number[]; completed: number[]; touched: Touched[] }> {
  const plans = await activePlans(trx, tenant.id)
  const since = plans.reduce((min, p) => (p.createdOn < min ? p.createdOn : min), asOf)
  const payments = await postedPaymentsOf(trx, tenant.id, [...new Set(plans.map((p) => p.accountId))], since)
  const result = { broken: [] as number[], completed: [] as number[], touched: [] as Touched[] }
  for (const plan of plans) {
    const paid = (payments.get(plan.accountId) ?? []).filter((p) => p.on >= plan.createdOn)
    const status = evaluatePlan({
      schedule: plan.instalments,
      payments: paid,
      asOf,
      graceDays: plan.graceDays,
    })
    if (status.state === 'active') continue
    const brokenOn = status.state === 'broken' ? (status.brokenOn ?? asOf) : null
    if (!(await setPlanStatus(trx, plan.id, status.state, brokenOn))) continue
    result[status.state].push(plan.id)
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: `plan.${status.state}`,
      actor,
      subject: `account:${plan.accountId}`,
      payload: { planId: plan.id, asOf, brokenOn, missed: status.missed, paidMinor: status.paidMinor },
    })
    if (status.state === 'broken')
      result.touched.push({
        accountId: plan.accountId,
        event: { key: `plan.broken:${plan.id}`, at: eventAt(asOf) },
      })
  }
  return result
}
