import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { systemActor } from '../../src/app/actor.ts'
import { getAgingReport } from '../../src/app/reports/get-aging-report.ts'
import { generateDemoPortfolio } from '../../src/core/demo/generate-demo-portfolio.ts'
import { DEMO_TENANT, loadDemoPortfolio } from '../../src/demo/load-demo-portfolio.ts'
import { verifyJournalChain } from '../../src/store/journal.repository.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { agingTotalsOf, expectedAgingTotals } from './expected-aging.ts'

const AS_OF = '2026-03-15'
const SEED = 11
const ACCOUNTS = 2000

describeEachDatabase('demo portfolio storage', ({ store }) => {
  const records = [...generateDemoPortfolio({ accounts: ACCOUNTS, seed: SEED, asOf: AS_OF })]
  const count = async (table: string) =>
    Number(
      (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store().db)).rows[0]
        ?.n,
    )
  const distinctDebtors = new Map(records.map((r) => [r.debtor.externalId, r.debtor]))

  it('stores exactly what the generator yields, journaling each batch and the whole load', async () => {
    // A small batch size forces many batches (two in flight on PostgreSQL) and debtors split across them.
    const result = await loadDemoPortfolio(store(), {
      accounts: ACCOUNTS,
      seed: SEED,
      asOf: AS_OF,
      batchSize: 150,
    })
    expect(result).toMatchObject({
      accounts: ACCOUNTS,
      accountsCreated: ACCOUNTS,
      accountsExisting: 0,
      debtorsCreated: distinctDebtors.size,
      entriesPosted: records.reduce((n, r) => n + r.entries.length, 0),
      conflicts: 0,
      journaled: true,
    })
    expect(result.tenant).toMatchObject({
      slug: 'demo',
      kind: 'agency',
      time_zone: 'America/New_York',
      default_currency: 'USD',
    })
    expect(await count('accounts')).toBe(ACCOUNTS)
    expect(await count('debtors')).toBe(distinctDebtors.size)
    expect(await count('clients')).toBe(5)
    expect(await count('ledger_entries')).toBe(result.entriesPosted)
    expect(await count('contact_points')).toBe(
      [...distinctDebtors.values()].reduce((n, d) => n + (d.contacts?.length ?? 0), 0),
    )
    expect(await count('account_instalments')).toBe(
      records.reduce((n, r) => n + (r.instalments?.length ?? 0), 0),
    )
    const postal = await store()
      .db.selectFrom('contact_points')
      .select('address_id')
      .where('kind', '=', 'postal')
      .execute()
    expect(postal.every((p) => p.address_id !== null)).toBe(true)
    const events = await store()
      .db.selectFrom('journal_events')
      .selectAll()
      .where('tenant_id', '=', result.tenant.id)
      .execute()
    const batches = events.filter((e) => e.type === 'demo.batch_committed')
    expect(batches.length).toBeGreaterThan(1)
    const batchAccounts = batches.reduce((n, e) => n + JSON.parse(e.payload).accountsCreated, 0)
    expect(batchAccounts).toBe(ACCOUNTS)
    const generated = events.filter((e) => e.type === 'demo.generated')
    expect(generated).toHaveLength(1)
    expect(events.at(-1)?.type).toBe('demo.generated')
    expect(JSON.parse(generated[0]?.payload ?? '{}')).toMatchObject({
      accounts: ACCOUNTS,
      seed: SEED,
      asOf: AS_OF,
    })
  })

  it('adds nothing on a re-run with the same seed, and journals nothing', async () => {
    const again = await loadDemoPortfolio(store(), { accounts: ACCOUNTS, seed: SEED, asOf: AS_OF })
    expect(again).toMatchObject({
      accountsCreated: 0,
      accountsExisting: ACCOUNTS,
      debtorsCreated: 0,
      entriesPosted: 0,
      journaled: false,
    })
    const eventsBefore = await count('journal_events')
    expect(await count('accounts')).toBe(ACCOUNTS)
    expect(await count('debtors')).toBe(distinctDebtors.size)
    expect(await count('journal_events')).toBe(eventsBefore)
    const chain = await verifyJournalChain(store().db, again.tenant.id)
    expect(chain.firstBreak).toBeNull()
  })

  it('adds only the new accounts when a later run asks for more', async () => {
    const more = await loadDemoPortfolio(store(), {
      accounts: ACCOUNTS + 500,
      seed: SEED,
      asOf: AS_OF,
      batchSize: 400,
    })
    expect(more).toMatchObject({ accountsCreated: 500, accountsExisting: ACCOUNTS, conflicts: 0 })
    expect(await count('accounts')).toBe(ACCOUNTS + 500)
  })

  it('ages exactly as the generated ledgers say', async () => {
    const expected = expectedAgingTotals(
      generateDemoPortfolio({ accounts: ACCOUNTS + 500, seed: SEED, asOf: AS_OF }),
      AS_OF,
    )
    const tenant = await store()
      .db.selectFrom('tenants')
      .selectAll()
      .where('slug', '=', DEMO_TENANT.slug)
      .executeTakeFirstOrThrow()
    const report = await getAgingReport(
      { store: store(), actor: systemActor(tenant, 'test') },
      { asOf: AS_OF },
    )
    expect(report.totals.map((t) => t.currency)).toEqual(['AED', 'AUD', 'EUR', 'GBP', 'INR', 'USD'])
    expect(report.totals.map(agingTotalsOf)).toEqual(expected)
  })
})
