import { AppError } from '../../core/errors/index.ts'
import { accountDetailRow } from '../../store/records/accounts-read.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { publicAccount } from './list-accounts.ts'

/**
 * One account by external id: status, stage, debtor, creditors, dates and its balance itemised by
 * component (principal, interest, fee, cost, credit). Another tenant's or another client's account is
 * `account_not_found`, like one that does not exist.
 */
export async function getAccount(ctx: AppContext, request: { account: string }) {
  authorize(ctx.actor, 'accounts.read')
  const { tenant, clientIds, accountRefs } = ctx.actor
  const row =
    accountRefs === undefined || accountRefs.includes(request.account)
      ? await accountDetailRow(ctx.store.db, tenant.id, request.account, clientIds)
      : undefined
  if (!row)
    throw new AppError('account_not_found', `no account with external id "${request.account}" in this tenant`)
  return publicAccount(row)
}
