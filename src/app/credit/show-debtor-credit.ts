import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { type CreditLineView, creditLines } from './credit-lines.ts'
import { requireDebtor } from './resolve-credit-line.ts'

export interface DebtorCreditView {
  readonly debtor: string
  readonly name: string
  readonly lines: readonly CreditLineView[]
}

/**
 * A debtor's credit: per client (the lines the actor may see) the effective terms and limit with
 * where they come from, the exposure per currency from the ledger, the limit's standing, the
 * payment history and the early warnings that hold.
 */
export async function showDebtorCredit(
  ctx: AppContext,
  input: { debtor: string },
): Promise<DebtorCreditView> {
  authorize(ctx.actor, 'credit.read')
  const debtor = await requireDebtor(ctx, ctx.store.db, input.debtor)
  const lines = await creditLines(ctx, [debtor])
  return { debtor: debtor.externalId, name: debtor.name, lines: lines.map((l) => l.view) }
}
