import type { LocalDate } from '../../core/calendar/local-date.ts'
import { evaluatePlansAsOf } from '../../money/plans.service.ts'
import { evaluatePromisesAsOf } from '../../money/promises.service.ts'
import { expireSettlementsAsOf } from '../../money/settlements.service.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { redecideAccounts } from '../redecide-accounts.ts'

/** What one day's money evaluation changed. */
export interface MoneyEvaluation {
  plans: { broken: number[]; completed: number[] }
  promises: { kept: number[]; partially_kept: number[]; broken: number[] }
  expiredSettlements: number[]
}

/**
 * The daily money evaluation of the actor's tenant on `asOf`: plans broken or completed, promises kept,
 * partly kept or broken, settlement offers past their expiry lapsed; each change journaled with the
 * actor and the broken ones re-decided at once, all in one transaction (enough at today's volumes: a
 * few set-based reads plus one write per change). Idempotent: a second call finds nothing to change.
 */
export async function evaluateMoney(ctx: AppContext, input: { asOf: LocalDate }): Promise<MoneyEvaluation> {
  authorize(ctx.actor, 'money.evaluate')
  requireAllClients(ctx.actor, 'evaluate the day')
  const { tenant } = ctx.actor
  const actor = actorLabel(ctx.actor)
  return inTransaction(ctx, async (trx) => {
    const { touched: brokenPlans, ...plans } = await evaluatePlansAsOf(trx, tenant, input.asOf, actor)
    const { touched: brokenPromises, ...promises } = await evaluatePromisesAsOf(
      trx,
      tenant,
      input.asOf,
      actor,
    )
    const expiredSettlements = await expireSettlementsAsOf(trx, tenant, input.asOf)
    await redecideAccounts(trx, tenant, [...brokenPlans, ...brokenPromises])
    return { plans, promises, expiredSettlements }
  })
}
