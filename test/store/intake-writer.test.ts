import { sql } from 'kysely'
import { expect, it } from 'vitest'
import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'

function record(n: number, overrides: Partial<IntakeRecord['account']> = {}, debtor = `D${n}`): IntakeRecord {
  return {
    line: n + 1,
    debtor: {
      externalId: debtor,
      kind: 'person',
      name: `Debtor ${debtor}`,
      addresses: [
        {
          line1: '1 Main St',
          city: 'Boston',
          region: 'MA',
          postalCode: '02108',
          country: 'US',
          isPrimary: true,
        },
      ],
      contacts: [
        {
          kind: 'phone',
          phoneType: 'mobile',
          value: '+16175550100',
          consent: 'granted',
          timeZone: 'America/New_York',
        },
        { kind: 'postal', value: '1 Main St, Boston MA 02108' },
      ],
    },
    account: {
      externalId: `A${n}`,
      clientExternalId: 'C1',
      clientName: 'Client one',
      originalCreditor: 'Acme',
      currentCreditor: 'Acme',
      debtKind: 'consumer',
      currency: 'USD',
      jurisdiction: 'US-MA',
      openedOn: '2026-01-01',
      dueOn: '2026-02-01',
      status: 'open',
      attributes: { source: 'test' },
      ...overrides,
    },
    instalments: [{ dueOn: '2026-02-01', amountMinor: 5000 }],
    entries: [
      { kind: 'charge', amountMinor: 10_000 + n, effectiveOn: '2026-01-01', externalId: 'intake:charge' },
      { kind: 'payment', amountMinor: -500, effectiveOn: '2026-03-01', externalId: 'intake:payment' },
    ],
  }
}

describeEachDatabase('intake writer', ({ store }) => {
  it('writes debtors, contacts, accounts and ledger entries once, however often it is re-run', async () => {
    const s = store()
    const tenant = await createTestTenant(s.db, 'intake', { kind: 'agency' })
    const writer = createIntakeWriter(s, tenant.id)
    const batch = [record(1), record(2), record(3, {}, 'D1')]
    const first = await writer.write(batch)
    expect(first).toEqual({
      debtorsCreated: 2,
      accountsCreated: 3,
      accountsExisting: 0,
      entriesPosted: 6,
      conflicts: [],
    })
    const again = await createIntakeWriter(s, tenant.id).write(batch)
    expect(again).toEqual({
      debtorsCreated: 0,
      accountsCreated: 0,
      accountsExisting: 3,
      entriesPosted: 0,
      conflicts: [],
    })

    const count = async (table: string) =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(s.db)).rows[0]?.n,
      )
    expect(await count('debtors')).toBe(2)
    expect(await count('contact_points')).toBe(4)
    expect(await count('accounts')).toBe(3)
    expect(await count('ledger_entries')).toBe(6)
    expect(await count('account_instalments')).toBe(3)
    expect(await count('clients')).toBe(1)
    const postal = await s.db
      .selectFrom('contact_points')
      .select('address_id')
      .where('kind', '=', 'postal')
      .execute()
    expect(postal.every((p) => p.address_id !== null)).toBe(true)
  })

  it('reports an existing account in another currency and a duplicate of the same run as conflicts', async () => {
    const s = store()
    const tenant = await createTestTenant(s.db, 'conflicts')
    await createIntakeWriter(s, tenant.id).write([record(1)])
    const run = await s.db
      .insertInto('import_runs')
      .values({
        tenant_id: tenant.id,
        file_name: 'f',
        file_sha256: 'x',
        mapping: '{}',
        status: 'running',
        started_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const writer = createIntakeWriter(s, tenant.id, { importRunId: Number(run.id) })
    const result = await writer.write([record(1, { currency: 'EUR' }), record(2)])
    expect(result.conflicts).toEqual([
      { index: 0, field: 'account', reason: expect.stringContaining('already exists in USD') },
    ])
    const duplicate = await writer.write([record(2)])
    expect(duplicate.conflicts).toEqual([
      { index: 0, field: 'account', reason: expect.stringContaining('duplicate account id A2') },
    ])
  })

  it('refuses to re-apply a record whose ledger entries changed since it was imported', async () => {
    const s = store()
    const tenant = await createTestTenant(s.db, 'changed')
    await createIntakeWriter(s, tenant.id).write([record(1)])
    const changed = record(1)
    const morePaid: IntakeRecord = {
      ...changed,
      entries: changed.entries.map((e) => (e.kind === 'payment' ? { ...e, amountMinor: -900 } : e)),
    }
    const result = await createIntakeWriter(s, tenant.id).write([morePaid, record(2)])
    expect(result.conflicts).toEqual([
      {
        index: 0,
        field: 'account',
        reason: expect.stringContaining('changed since it was imported: entry intake:payment'),
      },
    ])
    expect(result.accountsCreated).toBe(1)
    const payments = await s.db
      .selectFrom('ledger_entries')
      .select('amount_minor')
      .where('tenant_id', '=', tenant.id)
      .where('kind', '=', 'payment')
      .execute()
    expect(payments.map((p) => Number(p.amount_minor))).toEqual([-500, -500])
  })
})
