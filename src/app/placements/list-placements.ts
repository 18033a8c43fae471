import { AppError } from '../../core/errors/index.ts'
import { listPlacementRows } from '../../store/placements/placement.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { type PlacementView, placementView } from './placement-view.ts'

export interface ListPlacementsInput {
  /** Only this partner's (by code). */
  readonly partner?: string
  readonly status?: string
}

/** The tenant's placements, newest first; an actor limited to some clients sees only theirs. */
export async function listPlacements(
  ctx: AppContext,
  input: ListPlacementsInput = {},
): Promise<PlacementView[]> {
  authorize(ctx.actor, 'placements.read')
  if (input.status !== undefined && input.status !== 'active' && input.status !== 'recalled')
    throw new AppError('invalid_option', 'status: active or recalled', { field: 'status' })
  const rows = await listPlacementRows(ctx.store.db, ctx.actor.tenant.id, {
    ...(input.partner ? { partner: input.partner } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(ctx.actor.clientIds ? { clientIds: ctx.actor.clientIds } : {}),
  })
  return rows.map(placementView)
}
