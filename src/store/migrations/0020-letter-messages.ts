import { type Kysely, sql } from 'kysely'
import { dialectOf } from '../dialect.ts'

/*
 * Letters become messages (docs/outreach.md, "Letters"): `messages.channel` takes 'letter' besides
 * 'email' and 'sms', so a printed letter has the same send-time check, exactly-once hand-off and
 * history as any message. PostgreSQL replaces the CHECK constraint. SQLite cannot alter a CHECK: the
 * table is rebuilt from its own definition with the constraint widened, its rows copied and its
 * indexes recreated, in one transaction, following SQLite's own procedure (https://sqlite.org/lang_altertable.html,
 * "Making Other Kinds Of Table Schema Changes"): foreign keys off around it, `foreign_key_check` before
 * commit; the tables that reference messages point at the new table once it has the old name.
 */

const OLD_CHECK = "(channel = 'email' or channel = 'sms')"
const NEW_CHECK = "(channel = 'email' or channel = 'sms' or channel = 'letter')"

/** Widens messages.channel to take 'letter'. */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await replacePostgresCheck(db, NEW_CHECK)
    return
  }
  await rebuildSqliteMessages(db, OLD_CHECK, NEW_CHECK)
}

/** Narrows it again (refused by the database while letter rows exist). */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await replacePostgresCheck(db, OLD_CHECK)
    return
  }
  await rebuildSqliteMessages(db, NEW_CHECK, OLD_CHECK)
}

async function replacePostgresCheck(db: Kysely<unknown>, check: string): Promise<void> {
  // The migrator already runs a PostgreSQL migration in its own transaction.
  await inTransaction(db, async (trx) => {
    const constraints = await sql<{ conname: string }>`
      select c.conname from pg_constraint c
      where c.conrelid = 'messages'::regclass and c.contype = 'c'
        and pg_get_constraintdef(c.oid) like '%channel%'`.execute(trx)
    for (const { conname } of constraints.rows)
      await sql`alter table messages drop constraint ${sql.id(conname)}`.execute(trx)
    await sql`alter table messages add constraint messages_channel_check check ${sql.raw(check)}`.execute(trx)
  })
}

async function rebuildSqliteMessages(db: Kysely<unknown>, from: string, to: string): Promise<void> {
  // SQLite migrations run outside a transaction, so the pragma (a no-op inside one) takes effect.
  await sql`pragma foreign_keys = off`.execute(db)
  try {
    await rebuildInTransaction(db, from, to)
  } finally {
    await sql`pragma foreign_keys = on`.execute(db)
  }
}

async function rebuildInTransaction(db: Kysely<unknown>, from: string, to: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const table = await sql<{ sql: string }>`
      select sql from sqlite_master where type = 'table' and name = 'messages'`.execute(trx)
    const definition = table.rows[0]?.sql
    if (!definition?.includes(from)) throw new Error(`messages has no CHECK ${from} to replace`)
    const indexes = await sql<{ sql: string }>`
      select sql from sqlite_master
      where type = 'index' and tbl_name = 'messages' and sql is not null`.execute(trx)
    const rebuilt = definition
      .replace(from, to)
      .replace(/^create table\s+"?messages"?/i, 'create table "messages_rebuilt"')
    await sql.raw(rebuilt).execute(trx)
    await sql`insert into messages_rebuilt select * from messages`.execute(trx)
    await sql`drop table messages`.execute(trx)
    await sql`alter table messages_rebuilt rename to messages`.execute(trx)
    for (const index of indexes.rows) await sql.raw(index.sql).execute(trx)
    const broken = await sql`pragma foreign_key_check`.execute(trx)
    if (broken.rows.length > 0) throw new Error('rebuilding messages broke a foreign key')
  })
}

function inTransaction(db: Kysely<unknown>, work: (trx: Kysely<unknown>) => Promise<void>): Promise<void> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}
