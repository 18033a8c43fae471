import { AppError } from '../../core/errors/index.ts'
import { accountRefRow } from '../../store/records/accounts-read.repository.ts'
import type { AppContext } from '../app-context.ts'

/**
 * The internal id of the tenant's account with this external id inside the actor's client scope, or
 * `account_not_found` (the same answer for another tenant's or another client's account).
 */
export async function accountInScope(
  ctx: AppContext,
  externalId: string,
): Promise<{ id: number; currency: string }> {
  const { tenant, clientIds, accountRefs } = ctx.actor
  const found =
    accountRefs === undefined || accountRefs.includes(externalId)
      ? await accountRefRow(ctx.store.db, tenant.id, externalId, clientIds)
      : undefined
  if (!found)
    throw new AppError('account_not_found', `no account with external id "${externalId}" in this tenant`)
  return found
}
