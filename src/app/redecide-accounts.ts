import type { Transaction } from 'kysely'
import { type AccountEvent, reevaluateAccountIn } from '../engine/reevaluate-account.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'

/** An account a money service changed, and the event that changed it (the decision's key). */
export interface TouchedAccount {
  readonly accountId: number
  readonly event: AccountEvent
}

/**
 * The one place where a change to the books leads to a new decision: money services return the
 * accounts they touched, and the use case calls this in the same transaction, so the change and the
 * decision it causes (with the cancellation of actions it made stale) commit together. Services never
 * reach up into the engine themselves. Accounts are re-decided in id order (the lock order).
 */
export async function redecideAccounts(
  trx: Transaction<Database>,
  tenant: Tenant,
  touched: readonly TouchedAccount[],
): Promise<void> {
  const byAccount = new Map<number, TouchedAccount>()
  for (const t of touched) if (!byAccount.has(t.accountId)) byAccount.set(t.accountId, t)
  for (const t of [...byAccount.values()].sort((a, b) => a.accountId - b.accountId)) {
    await reevaluateAccountIn(trx, { tenant, accountId: t.accountId, event: t.event })
  }
}
