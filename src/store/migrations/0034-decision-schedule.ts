import { type Kysely, sql } from 'kysely'
import { dialectOf } from '../dialect.ts'
import { columnTypes } from './migration-helpers.ts'

/*
 * The decision schedule (docs/daily-run.md, "Only the day's work"): one row per account with the first
 * day on which the daily run must decide it again. The run writes it after deciding an account (the
 * earliest day on which time alone can change the decision); every change to what the decision reads
 * marks the account due at once (`0001-01-01`), in the writer's own transaction, through the triggers
 * below: no code path can forget it. A new account starts due.
 *
 * The tables the triggers watch are exactly the ones the engine's snapshot reads
 * (src/store/engine/account-snapshot.repository.ts): the account, its debtor and client, ledger lines,
 * contact points, addresses, contact events, restrictions, disputes, promises, scores, plans and
 * hardship pauses; and the tenant (its zone and settings). A test (test/engine/decision-schedule.test.ts) writes each of them and checks the mark.
 *
 * SQLite gets row triggers (one indexed UPDATE per changed row, skipped when already due). PostgreSQL
 * gets statement triggers over transition tables, so a bulk import pays one set-based UPDATE per
 * statement instead of one per row (transition tables allow one event per trigger: three per table).
 */

export const DUE_NOW = '0001-01-01'

/** Tables whose rows carry the account they concern. */
const BY_ACCOUNT = [
  'ledger_entries',
  'contact_events',
  'disputes',
  'promises',
  'account_scores',
  'payment_plans',
  'hardship_pauses',
] as const
/** Tables whose rows concern a debtor, so every account of the debtor. */
const BY_DEBTOR = ['contact_points', 'debtor_addresses', 'debtor_restrictions'] as const
const EVENTS = ['insert', 'update', 'delete'] as const

const due = `decide_on = '${DUE_NOW}'`
const notDue = `decide_on <> '${DUE_NOW}'`

/** Creates decision_schedule, fills it (every account due) and installs the triggers that mark accounts due. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { dateType } = columnTypes(db)
  await db.schema
    .createTable('decision_schedule')
    .addColumn('account_id', 'bigint', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('decide_on', dateType, (c) => c.notNull())
    .execute()
  // The run's read of the day's accounts: a range of this index, however large the portfolio.
  await db.schema
    .createIndex('decision_schedule_due')
    .on('decision_schedule')
    .columns(['tenant_id', 'decide_on', 'account_id'])
    .execute()
  await sql`insert into decision_schedule (account_id, tenant_id, decide_on)
    select id, tenant_id, ${sql.lit(DUE_NOW)} from accounts`.execute(db)
  // How a run chose its accounts: every open one ('full') or the due ones ('incremental').
  await db.schema
    .alterTable('runs')
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('full'))
    .execute()
  // The compliance packs (id@version) the run decided under: a change of rules decides every account again.
  await db.schema
    .alterTable('runs')
    .addColumn('rules', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  if (dialectOf(db) === 'postgres') await postgresTriggers(db)
  else await sqliteTriggers(db)
}

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const statements: string[] = [
    `create trigger decision_schedule_accounts_insert after insert on accounts begin
       insert or ignore into decision_schedule (account_id, tenant_id, decide_on)
       values (new.id, new.tenant_id, '${DUE_NOW}'); end`,
    // A tenant's zone or settings changed: the whole book is decided again once.
    `create trigger decision_schedule_tenants_update after update on tenants begin
       update decision_schedule set ${due} where tenant_id = new.id and ${notDue}; end`,
    `create trigger decision_schedule_accounts_update after update on accounts begin
       update decision_schedule set ${due} where account_id = new.id and ${notDue}; end`,
    `create trigger decision_schedule_debtors_update after update on debtors begin
       update decision_schedule set ${due} where ${notDue}
         and account_id in (select id from accounts where debtor_id = new.id); end`,
    `create trigger decision_schedule_clients_update after update on clients begin
       update decision_schedule set ${due} where ${notDue}
         and account_id in (select id from accounts where client_id = new.id); end`,
  ]
  for (const table of BY_ACCOUNT) {
    for (const event of EVENTS) {
      const row = event === 'delete' ? 'old' : 'new'
      statements.push(
        `create trigger decision_schedule_${table}_${event} after ${event} on ${table} begin
           update decision_schedule set ${due} where account_id = ${row}.account_id and ${notDue}; end`,
      )
    }
  }
  for (const table of BY_DEBTOR) {
    for (const event of EVENTS) {
      const row = event === 'delete' ? 'old' : 'new'
      statements.push(
        `create trigger decision_schedule_${table}_${event} after ${event} on ${table} begin
           update decision_schedule set ${due} where ${notDue}
             and account_id in (select id from accounts where debtor_id = ${row}.debtor_id); end`,
      )
    }
  }
  for (const text of statements) await sql.raw(text).execute(db)
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  const fn = (name: string, body: string) =>
    `create function ${name}() returns trigger language plpgsql as $$ begin ${body}; return null; end $$`
  // Locks every schedule row concerned, those already due too, before marking: a batch of the daily run
  // holds its rows locked from before its snapshot read until it writes their next days, so a write
  // that lands meanwhile waits and marks the account due after the batch commits. A row already due
  // would otherwise be skipped without waiting (an UPDATE's WHERE does not lock rows it filters out)
  // and the batch would then overwrite the mark with a day computed from the older snapshot.
  const mark = (accounts: string) =>
    `perform 1 from decision_schedule s where s.account_id in (${accounts}) order by s.account_id for update;
     update decision_schedule s set ${due} where s.account_id in (${accounts}) and s.${notDue}`
  const statements: string[] = [
    fn(
      'decision_schedule_due_tenants',
      `update decision_schedule s set ${due} where s.tenant_id in (select id from changed) and s.${notDue}`,
    ),
    fn(
      'decision_schedule_add_accounts',
      `insert into decision_schedule (account_id, tenant_id, decide_on)
         select id, tenant_id, '${DUE_NOW}' from changed on conflict (account_id) do nothing`,
    ),
    fn('decision_schedule_due_accounts', mark('select id from changed')),
    fn('decision_schedule_due_by_account', mark('select account_id from changed')),
    fn(
      'decision_schedule_due_by_debtor',
      mark('select a.id from accounts a where a.debtor_id in (select debtor_id from changed)'),
    ),
    fn(
      'decision_schedule_due_debtors',
      mark('select a.id from accounts a where a.debtor_id in (select id from changed)'),
    ),
    fn(
      'decision_schedule_due_clients',
      mark('select a.id from accounts a where a.client_id in (select id from changed)'),
    ),
  ]
  const trigger = (table: string, event: string, fn: string) =>
    `create trigger decision_schedule_${table}_${event} after ${event} on ${table}
       referencing ${event === 'delete' ? 'old' : 'new'} table as changed
       for each statement execute function ${fn}()`
  statements.push(
    trigger('tenants', 'update', 'decision_schedule_due_tenants'),
    trigger('accounts', 'insert', 'decision_schedule_add_accounts'),
    trigger('accounts', 'update', 'decision_schedule_due_accounts'),
    trigger('debtors', 'update', 'decision_schedule_due_debtors'),
    trigger('clients', 'update', 'decision_schedule_due_clients'),
  )
  for (const table of BY_ACCOUNT)
    for (const event of EVENTS) statements.push(trigger(table, event, 'decision_schedule_due_by_account'))
  for (const table of BY_DEBTOR)
    for (const event of EVENTS) statements.push(trigger(table, event, 'decision_schedule_due_by_debtor'))
  for (const text of statements) await sql.raw(text).execute(db)
}

/** Drops the triggers, their functions and the table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = dialectOf(db) === 'postgres'
  const triggers: [string, string][] = [
    ['tenants', 'update'],
    ['accounts', 'insert'],
    ['accounts', 'update'],
    ['debtors', 'update'],
    ['clients', 'update'],
  ]
  for (const table of [...BY_ACCOUNT, ...BY_DEBTOR]) for (const event of EVENTS) triggers.push([table, event])
  for (const [table, event] of triggers) {
    const name = `decision_schedule_${table}_${event}`
    await sql
      .raw(pg ? `drop trigger if exists ${name} on ${table}` : `drop trigger if exists ${name}`)
      .execute(db)
  }
  if (pg) {
    for (const fn of [
      'due_tenants',
      'add_accounts',
      'due_accounts',
      'due_by_account',
      'due_by_debtor',
      'due_debtors',
      'due_clients',
    ])
      await sql.raw(`drop function if exists decision_schedule_${fn}()`).execute(db)
  }
  await db.schema.dropTable('decision_schedule').ifExists().execute()
  await db.schema.alterTable('runs').dropColumn('mode').execute()
  await db.schema.alterTable('runs').dropColumn('rules').execute()
}
