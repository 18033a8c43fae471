import { type Kysely, sql, type Transaction } from 'kysely'
import { dialectOf } from './dialect.ts'
import type { Database } from './schema.ts'

/** Account ids per locking statement, far below both databases' bound-parameter limits. */
const CHUNK = 500

/**
 * Locks the tenant's account rows for the rest of the transaction, in ascending id order, so two
 * writers touching overlapping accounts queue instead of deadlocking. Only PostgreSQL needs it: a SQLite
 * database has one writer at a time (the write transaction itself serialises). Takes a Transaction, not
 * a Kysely, so a lock outside a transaction (released at once) does not compile.
 */
export async function lockAccounts(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
): Promise<void> {
  if (accountIds.length === 0 || dialectOf(trx as unknown as Kysely<unknown>) !== 'postgres') return
  const ids = [...new Set(accountIds)].sort((a, b) => a - b)
  for (let i = 0; i < ids.length; i += CHUNK) {
    await sql`select id from accounts where tenant_id = ${tenantId} and id in (${sql.join(
      ids.slice(i, i + CHUNK),
    )}) order by id for update`.execute(trx)
  }
}
