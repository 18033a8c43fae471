import { addDays, localDateAt } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import type { Store } from '../../store/connect.ts'
import { finishPlacementRow, selectDuePlacementRows } from '../../store/placements/placement.repository.ts'
import { findTenantById } from '../../store/tenant.repository.ts'
import { DEFAULT_PLACEMENT_DAYS, placeInTransaction } from './place-account.ts'

/** What one pass of the placement step did. */
export interface PlacementStepCounts {
  placed: number
  /** Rows that could not be placed (no such partner, account closed or placed already): cancelled. */
  cancelled: number
}

/**
 * The dispatcher's placement step: every due `pending` `place_with_agency` outbox row (a playbook
 * step, released by an approver: docs/daily-run.md "Approvals") becomes a placement with the partner
 * its `agency` names, placed on the row's day in the tenant's zone. The row is then `sent` (carried
 * out); a row that cannot be placed is `cancelled` with the refusal as its reason, so it is not tried
 * again and the approval queue shows why. One transaction per row; the placement's unique outbox id
 * makes a second pass over the same row a no-op.
 */
export async function carryOutPlacements(
  store: Store,
  now: Date,
  tenantId?: number,
): Promise<PlacementStepCounts> {
  const counts: PlacementStepCounts = { placed: 0, cancelled: 0 }
  const due = await selectDuePlacementRows(store.db, now.toISOString(), tenantId)
  for (const row of due) {
    const tenant = await findTenantById(store.db, row.tenantId)
    if (!tenant) continue
    const action = JSON.parse(row.payload) as { agency?: unknown }
    const placedOn = localDateAt(now, tenant.time_zone)
    try {
      await store.db.transaction().execute(async (trx) => {
        await placeInTransaction(trx, tenant, {
          account: row.account,
          partner: typeof action.agency === 'string' ? action.agency : '',
          placedOn,
          expectedReturnOn: addDays(placedOn, DEFAULT_PLACEMENT_DAYS),
          outboxId: row.id,
          by: row.approvedBy ?? 'system:placements',
        })
        await finishPlacementRow(trx, row.id, { at: now.toISOString() })
      })
      counts.placed++
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      await store.db.transaction().execute((trx) =>
        finishPlacementRow(trx, row.id, {
          at: now.toISOString(),
          cancelReason: `not placed: ${error.message}`,
        }),
      )
      counts.cancelled++
    }
  }
  return counts
}
