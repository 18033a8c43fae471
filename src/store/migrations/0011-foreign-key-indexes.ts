import type { Kysely } from 'kysely'

/*
 * An index on the referencing side of every foreign key that had none. Without one, deleting or
 * re-keying a parent row scans the whole child table per row (SQLite checks each foreign key that way;
 * PostgreSQL too), so clearing a demo tenant (`recoup demo --replace`) over a large database took
 * minutes per thousand addresses; reads by these columns (a payment's ledger lines, a plan's
 * instalments) use them too.
 */
const INDEXES: readonly (readonly [name: string, table: string, column: string])[] = [
  ['contact_points_address', 'contact_points', 'address_id'],
  ['accounts_client', 'accounts', 'client_id'],
  ['outbox_decision', 'outbox', 'decision_id'],
  ['hardship_pauses_account', 'hardship_pauses', 'account_id'],
  ['plan_instalments_plan', 'plan_instalments', 'plan_id'],
  ['unmatched_credits_statement', 'unmatched_credits', 'bank_statement_id'],
  ['ledger_entries_payment', 'ledger_entries', 'payment_id'],
  ['import_runs_tenant', 'import_runs', 'tenant_id'],
  ['user_clients_client', 'user_clients', 'client_id'],
  ['sessions_tenant', 'sessions', 'tenant_id'],
  ['api_keys_tenant', 'api_keys', 'tenant_id'],
  ['score_runs_model', 'score_runs', 'model_id'],
]

/** Creates the indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, table, column] of INDEXES) {
    await db.schema.createIndex(name).ifNotExists().on(table).column(column).execute()
  }
}

/** Drops them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).ifExists().execute()
}
