import { expect, it } from 'vitest'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'

describeEachDatabase('tenant isolation in the schema', ({ store }) => {
  it("refuses an account or ledger entry that points at another tenant's rows", async () => {
    const { db } = store()
    const a = await createTestTenant(db, 'iso-a')
    const b = await createTestTenant(db, 'iso-b')
    await createIntakeWriter(store(), a.id).write([
      {
        line: 2,
        debtor: { externalId: 'd', kind: 'person', name: 'Debtor of A' },
        account: {
          externalId: 'acc',
          originalCreditor: 'A',
          currentCreditor: 'A',
          debtKind: 'consumer',
          currency: 'USD',
          jurisdiction: 'US-NY',
          openedOn: '2026-01-01',
          dueOn: '2026-02-01',
          status: 'open',
        },
        entries: [{ kind: 'charge', amountMinor: 100, effectiveOn: '2026-01-01', externalId: 'c' }],
      },
    ])
    const debtor = await db
      .selectFrom('debtors')
      .select('id')
      .where('tenant_id', '=', a.id)
      .executeTakeFirstOrThrow()
    const account = await db
      .selectFrom('accounts')
      .select('id')
      .where('tenant_id', '=', a.id)
      .executeTakeFirstOrThrow()
    const foreignAccount = db
      .insertInto('accounts')
      .values({
        tenant_id: b.id,
        debtor_id: debtor.id,
        external_id: 'stolen',
        original_creditor: 'B',
        current_creditor: 'B',
        debt_kind: 'consumer',
        currency: 'USD',
        jurisdiction: 'US-NY',
        opened_on: '2026-01-01',
        due_on: '2026-02-01',
        status: 'open',
        attributes: null,
        client_id: null,
        charge_off_on: null,
        import_run_id: null,
      })
      .execute()
    await expect(foreignAccount).rejects.toThrow(/foreign key/i)
    const foreignEntry = db
      .insertInto('ledger_entries')
      .values({
        tenant_id: b.id,
        account_id: account.id,
        kind: 'payment',
        amount_minor: -100,
        effective_on: '2026-02-01',
        posted_at: new Date().toISOString(),
        external_id: null,
        reverses_id: null,
        memo: null,
      })
      .execute()
    await expect(foreignEntry).rejects.toThrow(/foreign key/i)
  })
})
