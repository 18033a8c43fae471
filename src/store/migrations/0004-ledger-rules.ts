import { type Kysely, sql } from 'kysely'
import { dialectOf } from '../dialect.ts'

/*
 * The database enforces the ledger's sign rules (src/core/ledger/ledger-entry.ts, ENTRY_SIGN), so no
 * writer can bypass them: charges, fees and interest are positive, payments and write-offs negative,
 * adjustments and reversals either way but never zero.
 *
 * PostgreSQL gets a CHECK constraint, added NOT VALID (new and updated rows are checked at once, without
 * a full-table scan under an exclusive lock) and then validated when the existing rows all comply; a
 * database holding older wrong-signed rows keeps them (they are history, and the ledger is append-only)
 * and still refuses new ones.
 *
 * SQLite cannot add a CHECK to an existing table: that takes a rebuild (copy every row into a new table,
 * drop the old one, rename), slow on a large ledger and fragile with the self-referencing `reverses_id`
 * key. Triggers that RAISE(ABORT) on insert and update give the same refusal on existing databases with
 * data, at the cost of one WHEN test per written row.
 */

const RULE =
  "((kind = 'charge' or kind = 'fee' or kind = 'interest') and amount_minor > 0)" +
  " or ((kind = 'payment' or kind = 'write_off') and amount_minor < 0)" +
  " or ((kind = 'adjustment' or kind = 'reversal') and amount_minor <> 0)"

const MESSAGE = 'ledger_sign: the amount has the wrong sign for its kind (see ENTRY_SIGN)'

/** Adds the sign rule of ledger entries: a CHECK on PostgreSQL, triggers on SQLite. */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql
      .raw(`alter table ledger_entries add constraint ledger_entries_sign check (${RULE}) not valid`)
      .execute(db)
    const bad = await sql<{
      n: string
    }>`select count(*) as n from ledger_entries where not (${sql.raw(RULE)})`.execute(db)
    if (Number(bad.rows[0]?.n ?? 0) === 0) {
      await sql`alter table ledger_entries validate constraint ledger_entries_sign`.execute(db)
    }
    return
  }
  for (const event of ['insert', 'update']) {
    await sql
      .raw(
        `create trigger ledger_entries_sign_${event} before ${event} on ledger_entries ` +
          `when not (${RULE.replaceAll('kind', 'new.kind').replaceAll('amount_minor', 'new.amount_minor')}) ` +
          `begin select raise(abort, '${MESSAGE}'); end`,
      )
      .execute(db)
  }
}

/** Removes the sign rule. */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`alter table ledger_entries drop constraint if exists ledger_entries_sign`.execute(db)
    return
  }
  for (const event of ['insert', 'update']) {
    await sql.raw(`drop trigger if exists ledger_entries_sign_${event}`).execute(db)
  }
}
