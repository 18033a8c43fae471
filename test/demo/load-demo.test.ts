import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { loadDemo } from '../../src/app/demo/load-demo.ts'
import { createTenant } from '../../src/app/tenants/create-tenant.ts'
import { runDaily } from '../../src/engine/run-daily.service.ts'
import { importFile } from '../../src/intake/import-file.ts'
import { loadDefaultPlaybooks } from '../../src/playbook/default-playbooks.ts'
import { demoHistory, tenantHoldings } from '../../src/store/demo.repository.ts'
import { verifyJournalChain } from '../../src/store/journal.repository.ts'
import {
  findTenantBySlug,
  TENANT_ACCESS_TABLES,
  TENANT_TABLES_CHILD_FIRST,
} from '../../src/store/tenant.repository.ts'
import { engineCounts } from '../engine/engine-fixtures.ts'
import { tempDir } from '../intake/import-fixtures.ts'
import { describeEachDatabase } from '../support/databases.ts'

const AS_OF = '2026-03-15'

describeEachDatabase('recoup demo never mixes portfolios', ({ store, config }) => {
  const load = (slug: string, seed: number, extra: { replace?: boolean; accounts?: number } = {}) =>
    loadDemo(store(), {
      accounts: extra.accounts ?? 60,
      seed,
      asOf: AS_OF,
      tenantSlug: slug,
      by: 'test',
      ...extra,
    })
  const accountIds = async (slug: string) => {
    const tenant = await findTenantBySlug(store().db, slug)
    if (!tenant) throw new Error('no tenant')
    return { tenant, holdings: await tenantHoldings(store().db, tenant.id) }
  }

  it('refuses a second load into a tenant holding demo data (demo_exists), whatever the seed', async () => {
    await load('d-twice', 1)
    for (const seed of [1, 2]) {
      await expect(load('d-twice', seed)).rejects.toMatchObject({
        code: 'demo_exists',
        message: expect.stringMatching(
          /already holds a demo portfolio \(60 accounts, seed 1, as of 2026-03-15\); add --replace/,
        ),
      })
    }
    expect((await accountIds('d-twice')).holdings.accounts).toBe(60)
  })

  it('--replace removes the earlier portfolio first: only the new one is left, the journal verifies', async () => {
    const first = await load('d-replace', 1, { accounts: 80 })
    // A daily run leaves decisions, strategy states and outbox rows that the replacement must clear too.
    await runDaily(store(), {
      tenant: first.tenant,
      asOf: AS_OF,
      playbooks: loadDefaultPlaybooks(),
      batchSize: 20,
    })
    expect((await engineCounts(store().db, first.tenant.id)).decisions).toBeGreaterThan(0)
    const result = await load('d-replace', 2, { replace: true, accounts: 50 })
    expect(result.replacedAccounts).toBe(80)
    expect((await engineCounts(store().db, first.tenant.id)).decisions).toBe(0)
    expect(result.accountsCreated).toBe(50)
    const { tenant, holdings } = await accountIds('d-replace')
    expect(holdings.accounts).toBe(50)
    const seeds = await store()
      .db.selectFrom('accounts')
      .select('external_id')
      .where('tenant_id', '=', tenant.id)
      .execute()
    expect(seeds.every((a) => a.external_id.startsWith('demo-s2-'))).toBe(true)
    expect((await demoHistory(store().db, tenant.id)).generated).toMatchObject({ seed: 2, accounts: 50 })
    const types = await store()
      .db.selectFrom('journal_events')
      .select(['seq', 'type', 'actor'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('seq')
      .execute()
    expect(types[0]).toMatchObject({ seq: 1, type: 'demo.replaced', actor: 'system:test' })
    expect(types.at(-1)?.type).toBe('demo.generated')
    expect((await verifyJournalChain(store().db, tenant.id)).firstBreak).toBeNull()
  })

  it('completes an interrupted load with the same seed and date, and refuses another seed', async () => {
    const controller = new AbortController()
    let batches = 0
    await expect(
      loadDemo(store(), {
        accounts: 400,
        seed: 5,
        asOf: AS_OF,
        tenantSlug: 'd-resume',
        batchSize: 50,
        by: 'test',
        signal: controller.signal,
        onProgress: () => {
          if (++batches === 2) controller.abort()
        },
      }),
    ).rejects.toThrow()
    const partial = (await accountIds('d-resume')).holdings.accounts
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(400)
    await expect(load('d-resume', 6, { accounts: 400 })).rejects.toMatchObject({
      code: 'demo_exists',
      message: expect.stringContaining('part of a demo portfolio (400 accounts, seed 5'),
    })
    // Another size is another portfolio, not the completion of this one (review finding).
    await expect(load('d-resume', 5, { accounts: 10 })).rejects.toMatchObject({ code: 'demo_exists' })
    const done = await load('d-resume', 5, { accounts: 400 })
    expect(done.accountsCreated).toBe(400 - partial)
    expect((await accountIds('d-resume')).holdings.accounts).toBe(400)
  })

  it('refuses more accounts than the demo generates', async () => {
    await expect(load('d-huge', 1, { accounts: 10_000_001 })).rejects.toMatchObject({
      code: 'invalid_demo_options',
      message: 'accounts must be a whole number from 0 to 10,000,000',
    })
  })

  it('refuses a tenant holding imported accounts (tenant_not_empty), even with --replace', async () => {
    const tenant = await createTenant(store(), { slug: 'd-real', currency: 'USD' })
    const dir = tempDir('recoup-demo-real-')
    const file = join(dir, 'real.csv')
    writeFileSync(
      file,
      'account_id,debtor_id,debtor_name,amount,opened_on,due_on,jurisdiction\nR1,D1,Ann,10.00,2025-01-01,2025-02-01,US-NY\n',
    )
    await importFile(store(), { file, tenant })
    for (const replace of [false, true]) {
      await expect(load('d-real', 1, { replace })).rejects.toMatchObject({ code: 'tenant_not_empty' })
    }
    expect((await accountIds('d-real')).holdings.accounts).toBe(1)
  })

  it('clearTenant knows every table of the schema', async () => {
    const db = store().db
    const tables =
      config().kind === 'sqlite'
        ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)
        : await sql<{
            name: string
          }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
            db,
          )
    const known = new Set<string>([
      ...TENANT_TABLES_CHILD_FIRST.map(([table]) => table),
      ...TENANT_ACCESS_TABLES,
      'tenants',
    ])
    const ignored = /^(sqlite_|kysely_)/
    expect(tables.rows.map((r) => r.name).filter((name) => !ignored.test(name) && !known.has(name))).toEqual(
      [],
    )
  })
})
