import { sql, type Transaction } from 'kysely'
import type { Database } from '../schema.ts'

/**
 * Cancels the pending (and awaiting-approval) outbox actions of these accounts, with the reason, in the
 * caller's transaction: `all` when the account closed (paid, settled, written off), `messages` when
 * only the scheduled messages went stale (a part payment changed the amount due). Returns the count.
 */
export async function cancelPendingActions(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
  scope: 'all' | 'messages',
  reason: string,
): Promise<number> {
  let cancelled = 0
  for (let i = 0; i < accountIds.length; i += 500) {
    let query = trx
      .updateTable('outbox')
      .set({ status: 'cancelled', cancelled_at: new Date().toISOString(), cancel_reason: reason })
      // `tenant_id + 0`: keeps SQLite on the (account_id, status) index (see decision.repository.ts).
      .where(sql<boolean>`tenant_id + 0 = ${tenantId}`)
      .where('account_id', 'in', accountIds.slice(i, i + 500))
      .where('status', 'in', ['pending', 'awaiting_approval'])
    if (scope === 'messages') query = query.where('action_type', '=', 'send_message')
    const result = await query.executeTakeFirst()
    cancelled += Number(result.numUpdatedRows)
  }
  return cancelled
}
