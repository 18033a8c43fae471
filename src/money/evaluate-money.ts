import { systemActor } from '../app/actor.ts'
import { evaluateMoney } from '../app/money/evaluate-money.ts'
import type { Store } from '../store/connect.ts'
import type { Tenant } from '../store/tenant.repository.ts'

/** What one day's money evaluation changed. */
export interface MoneyEvaluation {
  plans: { broken: number[]; completed: number[] }
  promises: { kept: number[]; partially_kept: number[]; broken: number[] }
  expiredSettlements: number[]
}

/**
 * The daily money evaluation of a tenant on `asOf`, as the daily run's system actor: `runDaily` calls it
 * first so the day's decisions see current plan and promise states. Kept for that caller; the use case
 * is `evaluateMoney` (src/app/money/evaluate-money.ts).
 */
export async function evaluateMoneyAsOf(
  store: Store,
  tenant: Tenant,
  asOf: string,
): Promise<MoneyEvaluation> {
  return evaluateMoney({ store, actor: systemActor(tenant, 'daily-run') }, { asOf })
}
