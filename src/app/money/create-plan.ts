import { addDays, type LocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { addMonthsAnchored } from '../../core/plans/plan-schedule.ts'
import { createPlanIn } from '../../money/plans.service.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { dayIn, onAccount, optionalAmountIn } from './on-account.ts'

/** A plan as agreed with the debtor; amounts are decimal strings in the account's currency. */
export interface CreatePlanRequest {
  /** The account's external id. */
  readonly account: string
  /** What the plan collects, down payment included (default: the whole balance). */
  readonly total?: string
  readonly downPayment?: string
  readonly downPaymentOn?: string
  /** weekly, fortnightly or monthly (default monthly). */
  readonly frequency?: string
  /** Give exactly one of `instalments` and `instalmentAmount`. */
  readonly instalments?: number
  readonly instalmentAmount?: string
  /** Default: one period (a week, a fortnight, a month) after the day the plan is agreed. */
  readonly firstDueOn?: string
  /** The day the plan is agreed (default: today in the tenant's zone). */
  readonly agreedOn?: string
  /**
   * To approve an exception to the policy: the role the acting user approves it as, which they must
   * hold (an admin may approve as any role). The policy names the role that may (`exceptionApproverRole`).
   */
  readonly approverRole?: string
}

/**
 * Creates a payment plan on an account, checked against the tenant's policy (plans.service.ts), and
 * re-decides the account in the same transaction (the playbooks move it to their plan stage). An
 * exception to the policy is approved by the acting user as a role they hold, never by a role the
 * request merely names.
 */
export async function createPlan(ctx: AppContext, request: CreatePlanRequest) {
  authorize(ctx.actor, 'plans.create')
  const approverRole = request.approverRole
  if (approverRole && !ctx.actor.roles.some((role) => role === approverRole || role === 'admin'))
    throw new AppError(
      'forbidden',
      `approverRole "${approverRole}": only a user holding that role may approve an exception to the plan policy`,
      { field: 'approverRole' },
    )
  if ((request.instalments === undefined) === (request.instalmentAmount === undefined))
    throw new AppError('invalid_plan', 'give exactly one of instalments (a count) and instalmentAmount')
  return onAccount(ctx, request.account, async ({ trx, account, today, actor }) => {
    const agreedOn = request.agreedOn ? dayIn('agreedOn', request.agreedOn) : today
    const frequency = request.frequency ?? 'monthly'
    const firstDueOn = request.firstDueOn
      ? dayIn('firstDueOn', request.firstDueOn)
      : onePeriodAfter(agreedOn, frequency)
    const total = optionalAmountIn('total', request.total, account)
    const downPayment = optionalAmountIn('downPayment', request.downPayment, account)
    const instalment = optionalAmountIn('instalmentAmount', request.instalmentAmount, account)
    return createPlanIn(trx, ctx.actor.tenant, {
      accountId: account.id,
      ...(total === undefined ? {} : { totalMinor: total }),
      ...(downPayment === undefined ? {} : { downPaymentMinor: downPayment }),
      ...(request.downPaymentOn ? { downPaymentOn: dayIn('downPaymentOn', request.downPaymentOn) } : {}),
      frequency,
      ...(request.instalments === undefined ? {} : { instalments: request.instalments }),
      ...(instalment === undefined ? {} : { instalmentMinor: instalment }),
      firstDueOn,
      agreedOn,
      ...(approverRole ? { approverRole } : {}),
      actor,
    })
  })
}

/** The first due date a plan gets when none is given: one instalment period after it is agreed. */
function onePeriodAfter(agreedOn: LocalDate, frequency: string): LocalDate {
  if (frequency === 'weekly') return addDays(agreedOn, 7)
  if (frequency === 'fortnightly') return addDays(agreedOn, 14)
  return addMonthsAnchored(agreedOn, 1, Number(agreedOn.slice(8, 10)))
}
