import { type Kysely, sql, type Transaction } from 'kysely'
import { dialectOf } from './dialect.ts'
import type { Database } from './schema.ts'

/**
 * Locks the tenant's accounts `accountIds` for the rest of the transaction, in ascending id order (one
 * order everywhere, so two writers never deadlock): FOR UPDATE on PostgreSQL; a no-op on SQLite, whose
 * single writer lock already serialises write transactions. Taking a Transaction, not a Kysely, makes
 * the type system insist the lock is held by something that will release it.
 */
export async function lockAccounts(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
): Promise<void> {
  if (accountIds.length === 0 || dialectOf(trx as unknown as Kysely<unknown>) !== 'postgres') return
  const ids = [...new Set(accountIds)].sort((a, b) => a - b)
  await sql`select id from accounts where tenant_id = ${tenantId} and id in (${sql.join(ids)}) order by id for update`.execute(
    trx,
  )
}
