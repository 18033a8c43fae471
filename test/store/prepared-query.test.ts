import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { preparedQuery } from '../../src/store/prepared-query.ts'
import { describeEachDatabase } from '../support/databases.ts'
import { createTestTenant } from '../support/factories.ts'

// Constants in the builder stay constants; an argument may be bound more than once.
const tenantsNamed = preparedQuery((db, slug: string, pattern: string) =>
  db
    .selectFrom('tenants')
    .select(['slug', 'name'])
    .where((eb) => eb.or([eb('slug', '=', slug), eb('name', 'like', pattern), eb('slug', '=', slug)]))
    .where('kind', '=', 'creditor')
    .orderBy('slug'),
)

// Every column: a table that gains one changes the answer's shape.
const tenantRow = preparedQuery((db, slug: string) =>
  db.selectFrom('tenants').selectAll().where('slug', '=', slug),
)

describeEachDatabase('preparedQuery: compiled once, run with each call’s arguments', ({ store }) => {
  it('binds each call’s arguments in place of the placeholders, with the builder’s constants', async () => {
    await createTestTenant(store().db, 'pq-alpha')
    await createTestTenant(store().db, 'pq-beta')
    expect((await tenantsNamed(store().db, 'pq-alpha', 'nothing%')).map((r) => r.slug)).toEqual(['pq-alpha'])
    expect((await tenantsNamed(store().db, 'pq-beta', 'nothing%')).map((r) => r.slug)).toEqual(['pq-beta'])
    expect(await tenantsNamed(store().db, 'pq-none', 'nothing%')).toEqual([])
  })

  it('inside a transaction it reads what the transaction wrote, and outside it does not', async () => {
    const db = store().db
    let outside: string[] | null = null
    let rolledBack = false
    await db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('tenants')
          .values({
            slug: 'pq-gamma',
            name: 'pq-gamma',
            kind: 'creditor',
            time_zone: 'UTC',
            default_currency: 'EUR',
          })
          .execute()
        expect((await tenantsNamed(trx, 'pq-gamma', 'x')).map((r) => r.slug)).toEqual(['pq-gamma'])
        // Another caller meanwhile, on the store itself: it waits for or does not see the open transaction.
        if (store().dialect === 'postgres')
          outside = (await tenantsNamed(db, 'pq-gamma', 'x')).map((r) => r.slug)
        throw new Error('roll back')
      })
      .catch(() => {
        rolledBack = true
      })
    expect(rolledBack).toBe(true)
    if (outside !== null) expect(outside).toEqual([])
    expect(await tenantsNamed(db, 'pq-gamma', 'x')).toEqual([])
  })

  it('on SQLite a query while another request’s transaction is open waits for it instead of reading into it', async () => {
    if (store().dialect !== 'sqlite') return
    const db = store().db
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const transaction = db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('tenants')
          .values({
            slug: 'pq-delta',
            name: 'pq-delta',
            kind: 'creditor',
            time_zone: 'UTC',
            default_currency: 'EUR',
          })
          .execute()
        await held
        throw new Error('roll back')
      })
      .catch(() => {})
    await new Promise((resolve) => setTimeout(resolve, 20))
    const read = tenantsNamed(db, 'pq-delta', 'x')
    release()
    await transaction
    expect(await read).toEqual([])
  })

  it('refuses a builder that does not bind every argument', async () => {
    const broken = preparedQuery((db, _unused: string) => db.selectFrom('tenants').select('slug'))
    await expect(broken(store().db, 'x')).rejects.toThrow(/every argument/)
  })

  it('answers with the new columns after a table it reads changed (a stale prepared statement is planned anew)', async () => {
    await createTestTenant(store().db, 'pq-epsilon')
    // Every connection of the pool prepares the statement: call it more times than there are connections.
    for (let i = 0; i < 12; i++) expect(await tenantRow(store().db, 'pq-epsilon')).toHaveLength(1)
    await sql`alter table tenants add column pq_extra text`.execute(store().db)
    for (let i = 0; i < 12; i++) {
      const [row] = await tenantRow(store().db, 'pq-epsilon')
      expect(row).toMatchObject({ slug: 'pq-epsilon', pq_extra: null })
    }
  })
})
