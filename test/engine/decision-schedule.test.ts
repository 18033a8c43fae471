import { type Kysely, sql } from 'kysely'
import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { addHardshipPause } from '../../src/app/money/add-hardship-pause.ts'
import { createPlan } from '../../src/app/money/create-plan.ts'
import { openDispute } from '../../src/app/money/open-dispute.ts'
import { recordPromise } from '../../src/app/money/record-promise.ts'
import { addDays } from '../../src/core/calendar/local-date.ts'
import { loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import { postLedgerEntry } from '../../src/store/ledger.repository.ts'
import { DUE_NOW } from '../../src/store/migrations/0034-decision-schedule.ts'
import type { Database } from '../../src/store/schema.ts'
import { runCli } from '../cli/run-cli.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { runDaily } from '../support/run-daily.ts'
import { DEMO_AS_OF, loadDemo } from './engine-fixtures.ts'

/*
 * The decision schedule (migration 0034): the run writes each account's next day, and every write to a
 * table the decision reads marks the accounts it concerns due, through the database's triggers, in the
 * writer's transaction. Each watched table is written here (insert, update, delete) and the marks are
 * checked: exactly the accounts concerned, no others.
 */

const BY_ACCOUNT = [
  'ledger_entries',
  'contact_events',
  'disputes',
  'promises',
  'account_scores',
  'payment_plans',
  'hardship_pauses',
] as const
const BY_DEBTOR = ['contact_points', 'debtor_addresses', 'debtor_restrictions'] as const
const FAR = '2099-01-01'

class Rollback extends Error {}

describeEachDatabase('decision schedule', ({ store, config }) => {
  it('recoup run says when it decided only the accounts due; --force --full redoes the day for all', {
    timeout: 120_000,
  }, async () => {
    const s = store()
    await loadDemo(s, 30, 'schedule-cli')
    const first = runCli(config(), ['run', '--tenant', 'schedule-cli', '--as-of', DEMO_AS_OF])
    expect(first.status, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/accounts evaluated +\d+\n/)
    const next = addDays(DEMO_AS_OF, 1)
    const second = runCli(config(), ['run', '--tenant', 'schedule-cli', '--as-of', next, '--format', 'json'])
    expect(second.status, second.stderr).toBe(0)
    const summary = JSON.parse(second.stdout) as { mode: string; accounts: number }
    expect(summary.mode).toBe('incremental')
    const redo = runCli(config(), ['run', '--tenant', 'schedule-cli', '--as-of', next, '--force', '--full'])
    expect(redo.status, redo.stderr).toBe(0)
    const evaluated = Number(/accounts evaluated +(\d+)/.exec(redo.stdout)?.[1])
    expect(evaluated).toBeGreaterThan(summary.accounts)
    expect(redo.stdout).not.toContain('(due today)')
    const again = runCli(config(), ['run', '--tenant', 'schedule-cli', '--as-of', addDays(next, 1)])
    expect(again.stdout).toContain('(due today)')
  })

  it('every account has a row, due when new; the run writes a later day', { timeout: 120_000 }, async () => {
    const s = store()
    const tenant = await loadDemo(s, 40, 'schedule-run')
    const rows = await schedule(s.db, tenant.id)
    const accounts = await s.db
      .selectFrom('accounts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .execute()
    expect(rows.size).toBe(accounts.length)
    expect([...rows.values()].every((on) => on === DUE_NOW)).toBe(true)
    const result = await runDaily(s, { tenant, asOf: DEMO_AS_OF, playbooks: loadDefaultPlaybooks() })
    if (result.status !== 'completed') throw new Error('the run did not complete')
    expect(result.summary.mode).toBe('full')
    const open = await s.db
      .selectFrom('accounts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('status', '=', 'open')
      .execute()
    const after = await schedule(s.db, tenant.id)
    for (const { id } of open) {
      const on = after.get(Number(id)) ?? ''
      expect(on > DEMO_AS_OF).toBe(true)
      expect(on <= addDays(DEMO_AS_OF, 366)).toBe(true)
    }
    // The next day decides only the accounts due then, and says so.
    const next = await runDaily(s, {
      tenant,
      asOf: addDays(DEMO_AS_OF, 1),
      playbooks: loadDefaultPlaybooks(),
    })
    if (next.status !== 'completed') throw new Error('the run did not complete')
    expect(next.summary.mode).toBe('incremental')
    const dueNext = open.filter(({ id }) => (after.get(Number(id)) ?? '') <= addDays(DEMO_AS_OF, 1)).length
    expect(next.summary.accounts).toBe(dueNext)
    expect(next.summary.accounts).toBeLessThan(open.length)
    // A forced full redo of the day decides every open account again and writes nothing new.
    const redo = await runDaily(s, {
      tenant,
      asOf: addDays(DEMO_AS_OF, 1),
      playbooks: loadDefaultPlaybooks(),
      force: true,
      full: true,
    })
    if (redo.status !== 'completed') throw new Error('the run did not complete')
    expect(redo.summary.mode).toBe('full')
    expect(redo.summary.accounts).toBe(open.length)
    expect(redo.summary.decisions).toBe(0)
    // Other compliance packs than the last run's (an upgrade): the next day is decided in full.
    await sql`update runs set rules = 'us-federal@1999-01-01' where tenant_id = ${tenant.id}`.execute(s.db)
    const upgraded = await runDaily(s, {
      tenant,
      asOf: addDays(DEMO_AS_OF, 2),
      playbooks: loadDefaultPlaybooks(),
    })
    if (upgraded.status !== 'completed') throw new Error('the run did not complete')
    expect(upgraded.summary.mode).toBe('full')
    expect(upgraded.summary.accounts).toBe(open.length)
  })

  it('marks due exactly the accounts a write concerns, on every watched table', {
    timeout: 120_000,
  }, async () => {
    const s = store()
    const tenant = await loadDemo(s, 40, 'schedule-marks')
    await runDaily(s, { tenant, asOf: DEMO_AS_OF, playbooks: loadDefaultPlaybooks() })
    const ctx = { store: s, actor: systemActor(tenant, 'test') }
    // A debtor with two accounts, so the debtor-level marks are seen to reach both.
    const pair = await sql<{
      debtor_id: number
    }>`select debtor_id from accounts where tenant_id = ${tenant.id}
      and status = 'open' group by debtor_id having count(*) > 1 order by debtor_id limit 1`.execute(s.db)
    const debtorId = Number(pair.rows[0]?.debtor_id ?? 0)
    const ofDebtor = await s.db
      .selectFrom('accounts')
      .select(['id', 'external_id'])
      .where('debtor_id', '=', debtorId)
      .orderBy('id')
      .execute()
    expect(ofDebtor.length).toBeGreaterThan(1)
    const account = ofDebtor[0]!
    const accountId = Number(account.id)
    const debtorAccounts = ofDebtor.map((a) => Number(a.id))

    // Rows in every account table for the account (through the use cases where there is one).
    await createPlan(ctx, { account: account.external_id, instalments: 3, agreedOn: DEMO_AS_OF })
    await openDispute(ctx, { account: account.external_id, reason: 'not mine', written: true })
    await recordPromise(ctx, {
      account: account.external_id,
      amount: '5.00',
      dueOn: addDays(DEMO_AS_OF, 5),
      channel: 'phone',
      takenBy: 'test',
      takenOn: DEMO_AS_OF,
    })
    await addHardshipPause(ctx, {
      account: account.external_id,
      reason: 'illness',
      from: addDays(DEMO_AS_OF, 40),
      to: addDays(DEMO_AS_OF, 50),
    })
    const park = () =>
      sql`update decision_schedule set decide_on = ${FAR} where tenant_id = ${tenant.id}`.execute(s.db)

    // Inserts.
    await park()
    await s.db.transaction().execute((trx) =>
      postLedgerEntry(trx, {
        tenantId: tenant.id,
        accountId,
        kind: 'fee',
        amountMinor: 500,
        effectiveOn: DEMO_AS_OF,
        externalId: 'fee-schedule-1',
        actor: 'test',
      }),
    )
    expect(await due(s.db, tenant.id)).toEqual([accountId])
    await park()
    await sql`insert into contact_events (tenant_id, account_id, channel, direction, result, occurred_at)
      values (${tenant.id}, ${accountId}, 'call', 'inbound', 'conversation', '2026-03-02T15:00:00.000Z')`.execute(
      s.db,
    )
    expect(await due(s.db, tenant.id)).toEqual([accountId])
    await park()
    await sql`insert into contact_points (tenant_id, debtor_id, kind, value, consent)
      values (${tenant.id}, ${debtorId}, 'email', 'second@example.com', 'unknown')`.execute(s.db)
    expect(await due(s.db, tenant.id)).toEqual(debtorAccounts)
    await park()
    await sql`insert into debtor_restrictions (tenant_id, debtor_id, kind, details, effective_at)
      values (${tenant.id}, ${debtorId}, 'cease', '{}', '2026-03-02T15:00:00.000Z')`.execute(s.db)
    expect(await due(s.db, tenant.id)).toEqual(debtorAccounts)

    // Updates and deletes of a row of each table (deletes rolled back: they only have to mark).
    const cases: { table: string; column: string; where: string; id: number; expected: number[] }[] = []
    // account_scores is keyed by the account (no id) and the demo has no model: the catalog test covers it.
    for (const table of BY_ACCOUNT.filter((t) => t !== 'account_scores')) {
      const row = await sql<{ id: number }>`select id from ${sql.table(table)} where account_id = ${accountId}
        order by id desc limit 1`.execute(s.db)
      if (row.rows[0])
        cases.push({
          table,
          column: 'account_id',
          where: 'id',
          id: Number(row.rows[0].id),
          expected: [accountId],
        })
    }
    for (const table of BY_DEBTOR) {
      const row = await sql<{ id: number }>`select id from ${sql.table(table)} where debtor_id = ${debtorId}
        order by id desc limit 1`.execute(s.db)
      if (row.rows[0])
        cases.push({
          table,
          column: 'debtor_id',
          where: 'id',
          id: Number(row.rows[0].id),
          expected: debtorAccounts,
        })
    }
    cases.push(
      { table: 'accounts', column: 'due_on', where: 'id', id: accountId, expected: [accountId] },
      { table: 'debtors', column: 'stated_time_zone', where: 'id', id: debtorId, expected: debtorAccounts },
    )
    // Every table but the score's (no model in the demo) has a row to try.
    expect(cases.map((c) => c.table).sort()).toEqual(
      [...BY_ACCOUNT, ...BY_DEBTOR, 'accounts', 'debtors'].filter((t) => t !== 'account_scores').sort(),
    )
    for (const c of cases) {
      await park()
      await sql`update ${sql.table(c.table)} set ${sql.ref(c.column)} = ${sql.ref(c.column)} where id = ${c.id}`.execute(
        s.db,
      )
      expect({ table: c.table, op: 'update', due: await due(s.db, tenant.id) }).toEqual({
        table: c.table,
        op: 'update',
        due: c.expected,
      })
      if (c.table === 'accounts' || c.table === 'debtors' || c.table === 'ledger_entries') continue
      await park()
      await s.db
        .transaction()
        .execute(async (trx) => {
          // Rows that point at this one go first (a plan's instalments).
          if (c.table === 'payment_plans')
            await sql`delete from plan_instalments where plan_id = ${c.id}`.execute(trx)
          // (A watched table itself, of the same debtor: the marks expected are the same.)
          if (c.table === 'debtor_addresses')
            await sql`update contact_points set address_id = null where address_id = ${c.id}`.execute(trx)
          await sql`delete from ${sql.table(c.table)} where id = ${c.id}`.execute(trx)
          expect({ table: c.table, op: 'delete', due: await due(trx, tenant.id) }).toEqual({
            table: c.table,
            op: 'delete',
            due: c.expected,
          })
          throw new Rollback()
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error
        })
    }
    // A tenant's change (its zone, its settings) decides the whole book again.
    await park()
    await sql`update tenants set name = name where id = ${tenant.id}`.execute(s.db)
    const all = await s.db.selectFrom('accounts').select('id').where('tenant_id', '=', tenant.id).execute()
    expect((await due(s.db, tenant.id)).length).toBe(all.length)
  })

  it('watches insert, update and delete on every table the decision reads', async () => {
    const s = store()
    const names =
      s.dialect === 'sqlite'
        ? (
            await sql<{ name: string }>`select name from sqlite_master where type = 'trigger'
              and name like 'decision_schedule_%'`.execute(s.db)
          ).rows.map((r) => r.name)
        : (
            await sql<{ name: string }>`select distinct tgname as name from pg_trigger
              where tgname like 'decision_schedule_%'`.execute(s.db)
          ).rows.map((r) => r.name)
    for (const table of [...BY_ACCOUNT, ...BY_DEBTOR])
      for (const event of ['insert', 'update', 'delete'])
        expect(names).toContain(`decision_schedule_${table}_${event}`)
    for (const name of [
      'tenants_update',
      'accounts_insert',
      'accounts_update',
      'debtors_update',
      'clients_update',
    ])
      expect(names).toContain(`decision_schedule_${name}`)
  })
})

async function schedule(db: Kysely<Database>, tenantId: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('decision_schedule')
    .select(['account_id', 'decide_on'])
    .where('tenant_id', '=', tenantId)
    .execute()
  return new Map(rows.map((r) => [Number(r.account_id), String(r.decide_on).slice(0, 10)]))
}

async function due(db: Kysely<Database>, tenantId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('decision_schedule')
    .select('account_id')
    .where('tenant_id', '=', tenantId)
    .where('decide_on', '=', DUE_NOW)
    .orderBy('account_id')
    .execute()
  return rows.map((r) => Number(r.account_id))
}
