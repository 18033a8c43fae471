import { AppError } from '../../core/errors/index.ts'
import { type AccountTimeline, loadAccountTimeline } from '../../store/engine/explain.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { requireAccountInScope } from '../client-scope.ts'

/**
 * The account's decision timeline (oldest first) with its outbox and current state, by external id:
 * stage moves, the conditions that fired, each action's compliance verdict, and the reason of every
 * day the engine could not decide it.
 */
export async function explainAccount(ctx: AppContext, input: { account: string }): Promise<AccountTimeline> {
  authorize(ctx.actor, 'accounts.explain')
  await requireAccountInScope(ctx, ctx.store.db, input.account)
  const timeline = await loadAccountTimeline(ctx.store.db, ctx.actor.tenant.id, input.account)
  if (!timeline) {
    throw new AppError('account_not_found', `no account with external id "${input.account}" in this tenant`)
  }
  return timeline
}
