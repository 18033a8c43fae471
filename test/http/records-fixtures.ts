import { systemActor } from '../../src/app/actor.ts'
import { postPayment } from '../../src/app/payments/post-payment.ts'
import type { IntakeRecord } from '../../src/core/intake/intake-record.ts'
import type { Store } from '../../src/store/connect.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { ensureTenant, type Tenant } from '../../src/store/tenant.repository.ts'

/** The shape of one account of the records book, as the tests compute their expectations from it. */
export interface BookAccount {
  externalId: string
  debtor: string
  debtorName: string
  client: 'north' | 'south'
  currency: 'USD' | 'EUR'
  jurisdiction: 'US-NY' | 'US-CA'
  openedOn: string
  dueOn: string
  principal: number
}

/**
 * An agency tenant with `count` accounts spread over two clients, two currencies, two jurisdictions
 * and many (often equal) dates, one debtor per two accounts (with an e-mail and a phone, one address),
 * and one payment per third account.
 */
export async function recordsBook(store: Store, slug: string, count = 23) {
  const tenant: Tenant = await ensureTenant(store.db, {
    slug,
    name: slug,
    kind: 'agency',
    timeZone: 'UTC',
    defaultCurrency: 'USD',
  })
  const accounts: BookAccount[] = Array.from({ length: count }, (_, n) => ({
    externalId: `${slug}-A${String(n).padStart(2, '0')}`,
    debtor: `${slug}-D${Math.floor(n / 2)}`,
    debtorName: `${['Ada', 'Bo', 'Cy', 'Di'][Math.floor(n / 2) % 4]} ${Math.floor(n / 2)}`,
    client: n % 3 === 0 ? 'south' : 'north',
    currency: n % 4 === 0 ? 'EUR' : 'USD',
    jurisdiction: n % 2 === 0 ? 'US-NY' : 'US-CA',
    openedOn: `2026-0${1 + (n % 3)}-01`,
    dueOn: `2026-${String(1 + (n % 10)).padStart(2, '0')}-15`,
    principal: 10_000 + n * 100,
  }))
  const records: IntakeRecord[] = accounts.map((a, n) => ({
    line: n + 2,
    debtor: {
      externalId: a.debtor,
      kind: 'person',
      name: a.debtorName,
      contacts: [
        { kind: 'email', value: `debtor${Math.floor(n / 2)}@${slug}.test`, consent: 'granted' },
        {
          kind: 'phone',
          phoneType: 'mobile',
          value: `+1212555${String(1000 + Math.floor(n / 2)).slice(-4)}`,
        },
      ],
      addresses: [{ line1: `${n} Main St`, city: 'Albany', country: 'US', isPrimary: true }],
    },
    account: {
      externalId: a.externalId,
      clientExternalId: a.client,
      clientName: `Client ${a.client}`,
      originalCreditor: 'Creditor',
      currentCreditor: 'Creditor',
      debtKind: 'consumer',
      currency: a.currency,
      jurisdiction: a.jurisdiction,
      openedOn: a.openedOn,
      dueOn: a.dueOn,
      status: 'open',
    },
    entries: [{ kind: 'charge', amountMinor: a.principal, effectiveOn: a.openedOn, externalId: 'principal' }],
  }))
  await createIntakeWriter(store, tenant.id).write(records)
  const ctx = { store, actor: systemActor(tenant, 'test') }
  const payments: string[] = []
  for (const [n, a] of accounts.entries()) {
    if (n % 3 !== 1) continue
    const reference = `${slug}-PAY-${n}`
    await postPayment(ctx, {
      account: a.externalId,
      amount: '10.00',
      reference,
      receivedOn: `2026-03-0${1 + (n % 5)}`,
      source: 'api',
    })
    payments.push(reference)
  }
  return { tenant, accounts, payments }
}

/** Every page of a list, following nextCursor; fails on more than `maxPages`. */
export async function walk(
  get: (url: string) => Promise<{ statusCode: number; body: string; json: () => unknown }>,
  url: string,
  maxPages = 100,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = []
  let cursor: string | null = null
  for (let n = 0; n < maxPages; n++) {
    const join = url.includes('?') ? '&' : '?'
    const response = await get(cursor ? `${url}${join}cursor=${encodeURIComponent(cursor)}` : url)
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`)
    const page = response.json() as { items: Record<string, unknown>[]; nextCursor: string | null }
    items.push(...page.items)
    if (page.nextCursor === null) return items
    cursor = page.nextCursor
  }
  throw new Error(`${url}: more than ${maxPages} pages`)
}
