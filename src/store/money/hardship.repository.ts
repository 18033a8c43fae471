import type { Transaction } from 'kysely'
import type { Database } from '../schema.ts'

/** Inserts a hardship pause (both days inclusive); returns its id. */
export async function insertHardshipPause(
  trx: Transaction<Database>,
  pause: { tenantId: number; accountId: number; reason: string; from: string; to: string },
): Promise<number> {
  const row = await trx
    .insertInto('hardship_pauses')
    .values({
      tenant_id: pause.tenantId,
      account_id: pause.accountId,
      reason: pause.reason,
      from_on: pause.from,
      to_on: pause.to,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
