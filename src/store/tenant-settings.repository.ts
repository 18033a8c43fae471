import type { Kysely, Transaction } from 'kysely'
import { dialectOf } from './dialect.ts'
import type { Database } from './schema.ts'
import type { Tenant } from './tenant.repository.ts'

/**
 * The tenant row inside an update's transaction, locked on PostgreSQL (FOR UPDATE) so two settings
 * updates queue and the second compares its If-Match with what the first wrote. SQLite serialises
 * writers already.
 */
export async function lockTenantRow(trx: Transaction<Database>, tenantId: number): Promise<Tenant> {
  const pg = dialectOf(trx as unknown as Kysely<unknown>) === 'postgres'
  return trx
    .selectFrom('tenants')
    .selectAll()
    .where('id', '=', tenantId)
    .$if(pg, (qb) => qb.forUpdate())
    .executeTakeFirstOrThrow()
}

/** Writes a tenant's zone, stored settings (JSON, null: all defaults) and message consolidation. */
export async function writeTenantSettings(
  trx: Transaction<Database>,
  tenantId: number,
  values: { timeZone: string; settings: string | null; consolidateMessages: boolean },
): Promise<void> {
  await trx
    .updateTable('tenants')
    .set({
      time_zone: values.timeZone,
      settings: values.settings,
      consolidate_messages: values.consolidateMessages ? 1 : 0,
    })
    .where('id', '=', tenantId)
    .execute()
}
