import type { Store } from '../../src/store/connect.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { createTestTenant } from '../support/factories.ts'

/** A tenant with one account per (external id, jurisdiction, currency): principal charged, plus optional fee and interest. */
export async function accountsWithDebt(
  store: Store,
  slug: string,
  accounts: readonly {
    externalId: string
    jurisdiction: string
    currency: string
    principal: number
    fee?: number
    interest?: number
    debtorName?: string
  }[],
): Promise<{ tenant: Tenant; ids: Map<string, number> }> {
  const tenant = await createTestTenant(store.db, slug)
  await createIntakeWriter(store, tenant.id).write(
    accounts.map((a, i) => ({
      line: i + 2,
      debtor: {
        externalId: `d-${a.externalId}`,
        kind: 'person' as const,
        name: a.debtorName ?? `Debtor ${a.externalId}`,
      },
      account: {
        externalId: a.externalId,
        originalCreditor: 'Creditor',
        currentCreditor: 'Creditor',
        debtKind: 'consumer' as const,
        currency: a.currency,
        jurisdiction: a.jurisdiction,
        openedOn: '2026-01-01',
        dueOn: '2026-02-01',
        status: 'open' as const,
      },
      entries: [
        {
          kind: 'charge' as const,
          amountMinor: a.principal,
          effectiveOn: '2026-01-01',
          externalId: 'principal',
        },
        ...(a.fee
          ? [{ kind: 'fee' as const, amountMinor: a.fee, effectiveOn: '2026-02-10', externalId: 'fee' }]
          : []),
        ...(a.interest
          ? [
              {
                kind: 'interest' as const,
                amountMinor: a.interest,
                effectiveOn: '2026-02-15',
                externalId: 'interest',
              },
            ]
          : []),
      ],
    })),
  )
  const rows = await store.db
    .selectFrom('accounts')
    .select(['id', 'external_id'])
    .where('tenant_id', '=', tenant.id)
    .execute()
  return { tenant, ids: new Map(rows.map((r) => [r.external_id, r.id])) }
}

/** The account's ledger totals per component. */
export async function componentBalances(store: Store, accountId: number): Promise<Record<string, number>> {
  const rows = await store.db
    .selectFrom('ledger_entries')
    .select((eb) => ['component', eb.fn.sum<number>('amount_minor').as('total')])
    .where('account_id', '=', accountId)
    .groupBy('component')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.component, Number(r.total)]))
}
