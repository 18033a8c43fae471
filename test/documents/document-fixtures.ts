import type { Store } from '../../src/store/connect.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import type { Tenant } from '../../src/store/tenant.repository.ts'
import { createTestTenant } from '../support/factories.ts'

/** An agency tenant with a US consumer account (Spanish... no: preferred language given), an AE and an IN one. */
export async function documentAccounts(store: Store, slug: string): Promise<Tenant> {
  const tenant = await createTestTenant(store.db, slug, { kind: 'agency', name: 'Collect Co' })
  const person = (
    externalId: string,
    name: string,
    language: string | null,
    country: string,
    region: string,
  ) => ({
    externalId,
    kind: 'person' as const,
    name,
    preferredLanguage: language,
    addresses: [
      { line1: '12 Elm Street', city: 'Springfield', region, postalCode: '62701', country, isPrimary: true },
    ],
  })
  const account = (
    externalId: string,
    jurisdiction: string,
    currency: string,
    attributes: Record<string, unknown> | null = null,
  ) => ({
    externalId,
    originalCreditor: 'Bank One',
    currentCreditor: 'Bank One',
    debtKind: 'consumer' as const,
    currency,
    jurisdiction,
    openedOn: '2026-01-01',
    dueOn: '2026-02-01',
    status: 'open' as const,
    attributes,
  })
  const entries = (principal: number) => [
    { kind: 'charge' as const, amountMinor: principal, effectiveOn: '2026-01-01', externalId: 'principal' },
    { kind: 'fee' as const, amountMinor: 2_500, effectiveOn: '2026-03-01', externalId: 'fee' },
    { kind: 'payment' as const, amountMinor: -10_000, effectiveOn: '2026-04-01', externalId: 'pay' },
  ]
  await createIntakeWriter(store, tenant.id).write([
    {
      line: 2,
      debtor: person('d-us', 'Ana Ruiz', null, 'US', 'IL'),
      account: account('US-1', 'US-IL', 'USD'),
      entries: entries(123_456),
    },
    {
      line: 3,
      debtor: person('d-ae', 'Omar Haddad', 'ar', 'AE', 'Dubai'),
      account: account('AE-1', 'AE', 'AED'),
      entries: entries(250_000),
    },
    {
      line: 4,
      debtor: person('d-in', 'Priya Sharma', 'hi-IN', 'IN', 'Maharashtra'),
      account: account('IN-1', 'IN', 'INR', {
        cheque: {
          number: '004512',
          date: '2026-10-01',
          bank: 'State Bank of India',
          amount: '123456.00',
          presentedOn: '2026-10-20',
          bankInformedOn: '2026-10-25',
          returnReason: 'Funds insufficient',
        },
      }),
      entries: entries(12_345_600),
    },
  ])
  return tenant
}
