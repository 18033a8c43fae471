import type { Store } from '../../store/connect.ts'
import {
  unansweredPortalCharges,
  unbookedPortalCharges,
} from '../../store/portal/portal-charge.repository.ts'
import { findTenantById } from '../../store/tenant.repository.ts'
import { systemActor } from '../actor.ts'
import { bookPortalCharge } from './pay-on-portal.ts'

/** A charge that succeeded this long ago and is still not booked was left by a crash. */
export const PORTAL_CHARGE_GRACE_MS = 60_000

/** What one pass did. */
export interface PortalChargeCounts {
  /** Charges the provider took and a crash left out of the books, booked now. */
  booked: number
  /** Charges asked of the provider that never answered: to reconcile with the provider's records. */
  unanswered: number
}

/**
 * Books every portal charge that succeeded at the provider and was not booked (the process was killed
 * between the two), as the system actor `system:portal`, through the same payment use case: once, by
 * the provider's transaction id, so a pass racing a live request or another pass books nothing twice.
 * Counts the charges that were asked of the provider and never answered: only the provider's records
 * can say whether they were taken (docs/portal.md, "Payments survive a crash"). Runs on every
 * dispatcher pass, across tenants.
 */
export async function bookPortalCharges(store: Store, now = new Date()): Promise<PortalChargeCounts> {
  const before = new Date(now.getTime() - PORTAL_CHARGE_GRACE_MS).toISOString()
  let booked = 0
  for (const charge of await unbookedPortalCharges(store.db, before)) {
    const tenant = await findTenantById(store.db, charge.tenant_id)
    if (!tenant) continue
    await bookPortalCharge({ store, actor: systemActor(tenant, 'portal') }, charge.account, charge)
    booked++
  }
  return { booked, unanswered: await unansweredPortalCharges(store.db, before) }
}
