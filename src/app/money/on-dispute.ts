import type { Transaction } from 'kysely'
import { AppError } from '../../core/errors/index.ts'
import type { WithTouched } from '../../money/touched-account.ts'
import { disputeAccountId } from '../../store/money/dispute.repository.ts'
import { loadMoneyAccount } from '../../store/money/money-account.repository.ts'
import type { Database } from '../../store/schema.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { requireAccountIdsInScope } from '../client-scope.ts'
import { redecideAccounts } from '../redecide-accounts.ts'
import type { AccountStepResult } from './on-account.ts'

/**
 * Runs one step on a dispute (named by its id, the dispute's public reference) in ONE transaction and
 * re-decides the accounts it touched; the result names the account by its external id. A dispute on
 * another client's account (the agency case) is `dispute_not_found`, like one that does not exist.
 */
export async function onDispute<T extends { accountId?: number }>(
  ctx: AppContext,
  disputeId: number,
  work: (trx: Transaction<Database>, actor: string) => Promise<WithTouched<T>>,
): Promise<AccountStepResult<T>> {
  const { tenant } = ctx.actor
  return inTransaction(ctx, async (trx) => {
    const accountId = await disputeAccountId(trx, tenant.id, disputeId)
    if (accountId !== undefined)
      await requireAccountIdsInScope(
        ctx,
        trx,
        [accountId],
        () => new AppError('dispute_not_found', `no dispute ${disputeId} for this tenant`),
      )
    const { touched, accountId: _internal, ...result } = await work(trx, actorLabel(ctx.actor))
    await redecideAccounts(trx, tenant, touched)
    const id = touched[0]?.accountId
    const account = id === undefined ? undefined : await loadMoneyAccount(trx, tenant.id, id)
    return { ...(account ? { account: account.externalId } : {}), ...result } as AccountStepResult<T>
  })
}
