import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { down, up } from '../../src/store/migrations/0029-legal-cases.ts'
import { insertCallTask } from '../../src/store/tasks/call-task.repository.ts'
import { ensureTenant } from '../../src/store/tenant.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'

const columns = async (db: Kysely<unknown>, dialect: string) =>
  dialect === 'postgres'
    ? (
        await sql<{ n: string }>`select column_name as n from information_schema.columns
          where table_name = 'call_tasks' and table_schema = current_schema()`.execute(db)
      ).rows
        .map((r) => r.n)
        .sort()
    : (await sql<{ name: string }>`pragma table_info(call_tasks)`.execute(db)).rows.map((r) => r.name).sort()

describeEachDatabase('migration 0029: legal cases down and up again', ({ store }) => {
  it('drops call_tasks.legal_case_id (a foreign key) keeping the tasks, and adds it back', async () => {
    const db = store().db as unknown as Kysely<unknown>
    const tenant = await ensureTenant(store().db, {
      slug: 'legal-migration',
      name: 'Acme',
      kind: 'creditor',
      timeZone: 'UTC',
      defaultCurrency: 'GBP',
    })
    await createIntakeWriter(store(), tenant.id).write([
      {
        line: 2,
        debtor: {
          externalId: 'd-m',
          kind: 'person',
          name: 'Debtor M',
          addresses: [{ line1: '1 High St', city: 'Town', country: 'GB', timeZone: 'Europe/London' }],
        },
        account: {
          externalId: 'M-1',
          originalCreditor: 'Acme',
          currentCreditor: 'Acme',
          debtKind: 'consumer',
          currency: 'GBP',
          jurisdiction: 'GB',
          openedOn: '2026-01-01',
          dueOn: '2026-01-01',
          status: 'open',
        },
        entries: [{ kind: 'charge', amountMinor: 1_000, effectiveOn: '2026-01-01', externalId: 'p' }],
      },
    ])
    const account = await store()
      .db.selectFrom('accounts')
      .select(['id', 'debtor_id'])
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow()
    await insertCallTask(store().db, {
      tenantId: tenant.id,
      accountId: Number(account.id),
      debtorId: Number(account.debtor_id),
      contactPointId: null,
      outboxId: null,
      followsTaskId: null,
      dueAt: '2026-02-01T00:00:00.000Z',
      priority: 1_000,
      script: 'call',
    })
    const tasks = async () =>
      (await store().db.selectFrom('call_tasks').select(['id', 'script', 'account_id']).execute()).map(
        (t) => ({
          ...t,
          id: Number(t.id),
          account_id: Number(t.account_id),
        }),
      )
    const before = await tasks()
    const withCase = await columns(db, store().dialect)
    expect(withCase).toContain('legal_case_id')
    const run = (step: typeof up) =>
      store().dialect === 'postgres'
        ? store()
            .db.transaction()
            .execute((trx) => step(trx as never))
        : step(db)
    await run(down)
    expect(await columns(db, store().dialect)).toEqual(withCase.filter((c) => c !== 'legal_case_id'))
    expect(await tasks()).toEqual(before)
    await run(up)
    expect(await columns(db, store().dialect)).toEqual(withCase)
    expect(await tasks()).toEqual(before)
  })
})
