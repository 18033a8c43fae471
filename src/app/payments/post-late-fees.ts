import { type LocalDate, localDateAt } from '../../core/calendar/local-date.ts'
import type { LateFeePolicy } from '../../core/fees/late-fee.ts'
import { formatAmount } from '../../core/money/money.ts'
import { postLateFeesAsOf } from '../../money/late-fees.service.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

export interface PostLateFeesInput {
  readonly policy: LateFeePolicy
  /** Only accounts in this currency (a fixed fee is an amount in one currency). */
  readonly currency?: string
  /** Default: today in the tenant zone. */
  readonly asOf?: LocalDate
  readonly now?: Date
}

export interface PostLateFeesResult {
  readonly asOf: LocalDate
  readonly accounts: number
  readonly feesPosted: number
  readonly totalMinor: number
  /** The total in display units, when the run was limited to one currency. */
  readonly total?: string
  readonly ledgerEntryIds: readonly number[]
}

/**
 * Posts the late fees due on the tenant's open accounts under a policy, never twice for a period.
 * The charged accounts are not re-decided at once: a fee does not change what the playbook does today,
 * and the next daily run decides them with their new balance (a fee run touches thousands of accounts).
 */
export async function postLateFees(ctx: AppContext, input: PostLateFeesInput): Promise<PostLateFeesResult> {
  authorize(ctx.actor, 'fees.post')
  requireAllClients(ctx.actor, 'post late fees')
  const { tenant } = ctx.actor
  const asOf = input.asOf ?? localDateAt(input.now ?? new Date(), tenant.time_zone)
  const run = await inTransaction(ctx, (trx) =>
    postLateFeesAsOf(trx, tenant, asOf, input.policy, actorLabel(ctx.actor), input.currency),
  )
  return {
    asOf,
    accounts: run.accounts,
    feesPosted: run.feesPosted,
    totalMinor: run.totalMinor,
    ...(input.currency ? { total: `${formatAmount(run.totalMinor, input.currency)} ${input.currency}` } : {}),
    ledgerEntryIds: run.ledgerEntryIds,
  }
}
