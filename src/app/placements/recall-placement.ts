import { localDateAt } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import {
  activePlacementOf,
  placeableAccount,
  recallPlacementRow,
} from '../../store/placements/placement.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { requireAccountInScope } from '../client-scope.ts'
import { type PlacementView, placementView } from './placement-view.ts'

const MAX_REASON = 2000

export interface RecallPlacementInput {
  /** The account's external id: it has at most one active placement. */
  readonly account: string
  /** Why (required): "expected return date reached", "debtor disputes", "partner underperforms"... */
  readonly reason: string
  /** Default: today in the tenant's zone. */
  readonly recalledOn?: string
}

/**
 * Recalls an account's active placement with a reason: the account is ours again and our own
 * outreach may resume. Journaled as `placement.recalled` (and its webhook). No active placement
 * (never placed, or recalled meanwhile) is `placement_not_found`.
 */
export async function recallPlacement(ctx: AppContext, input: RecallPlacementInput): Promise<PlacementView> {
  authorize(ctx.actor, 'placements.manage')
  const reason = typeof input.reason === 'string' ? input.reason.trim() : ''
  if (!reason || reason.length > MAX_REASON)
    throw new AppError(
      'invalid_reason',
      `reason: a recall needs a reason of at most ${MAX_REASON} characters`,
      {
        field: 'reason',
      },
    )
  const tenant = ctx.actor.tenant
  const recalledOn = input.recalledOn ?? localDateAt(new Date(), tenant.time_zone)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(recalledOn))
    throw new AppError('invalid_date', 'recalledOn: a date YYYY-MM-DD', { field: 'recalledOn' })
  const by = actorLabel(ctx.actor)
  return inTransaction(ctx, async (trx) => {
    await requireAccountInScope(ctx, trx, input.account)
    const account = await placeableAccount(trx, tenant.id, input.account)
    if (!account)
      throw new AppError('account_not_found', `no account with external id "${input.account}" in this tenant`)
    const active = await activePlacementOf(trx, tenant.id, account.id)
    const notFound = new AppError(
      'placement_not_found',
      `account ${input.account} is not placed with a partner`,
    )
    if (!active) throw notFound
    if (recalledOn < active.placedOn)
      throw new AppError('invalid_date', `recalledOn: the placement started on ${active.placedOn}`, {
        field: 'recalledOn',
      })
    if (!(await recallPlacementRow(trx, tenant.id, active.id, { on: recalledOn, reason, by }))) throw notFound
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'placement.recalled',
      actor: by,
      subject: `account:${account.id}`,
      payload: { placementId: active.id, accountId: account.id, partner: active.partner, recalledOn, reason },
    })
    return placementView({ ...active, status: 'recalled', recalledOn, recallReason: reason, recalledBy: by })
  })
}
