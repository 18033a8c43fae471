import type { Kysely } from 'kysely'

/*
 * Indexes for the record lists of the HTTP API (src/store/records): each tenant-wide list walks its
 * sort column in keyset order, so a page reads `limit + 1` index entries however deep it is.
 * Accounts by due date already have `accounts_tenant_status_due`, external ids their unique keys.
 */
const INDEXES: readonly (readonly [name: string, table: string, columns: readonly string[]])[] = [
  ['accounts_tenant_opened', 'accounts', ['tenant_id', 'opened_on', 'id']],
  ['accounts_tenant_due', 'accounts', ['tenant_id', 'due_on', 'id']],
  ['debtors_tenant_name', 'debtors', ['tenant_id', 'name', 'id']],
  ['payments_tenant_received', 'payments', ['tenant_id', 'received_on', 'id']],
]

/** Creates the indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, columns] of INDEXES)
    await db.schema
      .createIndex(name)
      .ifNotExists()
      .on(table)
      .columns([...columns])
      .execute()
}

/** Drops them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).ifExists().execute()
}
