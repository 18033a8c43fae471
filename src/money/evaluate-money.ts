import type { Store } from '../store/connect.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { evaluatePlansAsOf } from './plans.service.ts'
import { evaluatePromisesAsOf } from './promises.service.ts'
import { expireSettlementsAsOf } from './settlements.service.ts'

/** What one day's money evaluation changed. */
export interface MoneyEvaluation {
  plans: { broken: number[]; completed: number[] }
  promises: { kept: number[]; partially_kept: number[]; broken: number[] }
  expiredSettlements: number[]
}

/**
 * The daily money evaluation of a tenant on `asOf`: plans broken or completed, promises kept, partly
 * kept or broken, settlement offers past their expiry lapsed; each change journaled and the broken
 * ones re-decided at once. One transaction per tenant (enough at today's volumes; the work is a few
 * set-based reads plus one write per change). Idempotent: a second call finds nothing left to change.
 * `runDaily` calls it first so the day's decisions see current plan and promise states.
 */
export async function evaluateMoneyAsOf(
  store: Store,
  tenant: Tenant,
  asOf: string,
): Promise<MoneyEvaluation> {
  return store.db.transaction().execute(async (trx) => ({
    plans: await evaluatePlansAsOf(trx, tenant, asOf),
    promises: await evaluatePromisesAsOf(trx, tenant, asOf),
    expiredSettlements: await expireSettlementsAsOf(trx, tenant, asOf),
  }))
}
