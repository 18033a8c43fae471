import type { DemoCountry } from './demo-geography.ts'
import type { DemoProduct } from './demo-products.ts'
import type { Prng } from './prng.ts'

/** A client of the demo agency: whose debts it collects, where, and of which products. */
export interface DemoClient {
  readonly externalId: string
  readonly name: string
  readonly debtKind: 'consumer' | 'commercial'
  readonly countries: readonly DemoCountry[]
  readonly weight: number
  readonly products: readonly (readonly [DemoProduct, number])[]
  /** For a debt buyer: the creditors it bought from (they stay the original creditor). */
  readonly originalCreditors?: readonly string[]
}

const EVERYWHERE: readonly DemoCountry[] = ['US', 'IN', 'GB', 'DE', 'AE', 'AU']

/** The five clients of the demo agency (Meridian places both consumer and business bills). */
export const DEMO_CLIENTS: readonly DemoClient[] = [
  {
    externalId: 'northwind-bank',
    name: 'Northwind Bank',
    debtKind: 'consumer',
    countries: EVERYWHERE,
    weight: 40,
    products: [
      ['credit_card', 0.7],
      ['personal_loan', 0.3],
    ],
  },
  {
    externalId: 'meridian-telecom',
    name: 'Meridian Telecom',
    debtKind: 'consumer',
    countries: EVERYWHERE,
    weight: 30,
    products: [['telecom', 1]],
  },
  {
    externalId: 'atlas-health',
    name: 'Atlas Health Services',
    debtKind: 'consumer',
    countries: ['US'],
    weight: 25,
    products: [['medical', 1]],
  },
  {
    externalId: 'cobalt-receivables',
    name: 'Cobalt Receivables Fund',
    debtKind: 'consumer',
    countries: ['US', 'GB', 'DE'],
    weight: 20,
    products: [
      ['credit_card', 0.6],
      ['auto_deficiency', 0.4],
    ],
    originalCreditors: ['Bluebird Finance', 'Harbor Auto Credit', 'Lakeside Wireless', 'Pioneer Retail Card'],
  },
  {
    externalId: 'summit-wholesale',
    name: 'Summit Wholesale Supply',
    debtKind: 'commercial',
    countries: EVERYWHERE,
    weight: 75,
    products: [['trade_invoice', 1]],
  },
  {
    externalId: 'meridian-telecom',
    name: 'Meridian Telecom',
    debtKind: 'commercial',
    countries: EVERYWHERE,
    weight: 25,
    products: [['business_telecom', 1]],
  },
]

const byKindAndCountry = new Map<string, (readonly [DemoClient, number])[]>()
for (const client of DEMO_CLIENTS) {
  for (const country of client.countries) {
    const key = `${client.debtKind}|${country}`
    const list = byKindAndCountry.get(key) ?? []
    list.push([client, client.weight])
    byKindAndCountry.set(key, list)
  }
}

/** A client placing a debt of this kind in this country, in proportion to the clients' volumes. */
export function pickDemoClient(
  rng: Prng,
  debtKind: 'consumer' | 'commercial',
  country: DemoCountry,
): DemoClient {
  const candidates = byKindAndCountry.get(`${debtKind}|${country}`)
  if (!candidates) throw new Error(`no demo client for ${debtKind} debt in ${country}`)
  return rng.weighted(candidates)
}
