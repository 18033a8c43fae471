import type { PlacementRow } from '../../store/placements/placement.repository.ts'

/** A placement as callers see it: the account by external id, the partner by code. */
export interface PlacementView {
  readonly id: number
  readonly account: string
  readonly partner: string
  readonly partnerName: string
  readonly status: 'active' | 'recalled'
  readonly placedOn: string
  readonly expectedReturnOn: string
  /** The contingency percentage of the account's tier, fixed at placement (decimal text). */
  readonly commissionPercent: string
  readonly fixedFeeMinor: number
  readonly balanceMinor: number
  readonly currency: string
  /** The approved playbook action it carried out; null when placed by hand. */
  readonly outboxId: number | null
  readonly placedBy: string
  readonly recalledOn: string | null
  readonly recallReason: string | null
  readonly recalledBy: string | null
  /** The partner's latest status report (contacted, promise, dispute_reported...) and its day. */
  readonly partnerStatus: string | null
  readonly partnerStatusOn: string | null
}

/** The row without internal ids beyond the placement's own and its outbox row's. */
export function placementView(row: PlacementRow): PlacementView {
  const { accountId: _, ...view } = row
  return view
}
