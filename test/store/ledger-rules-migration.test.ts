import { type Kysely, type Migration, Migrator, sql } from 'kysely'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { openStore, type Store } from '../../src/store/connect.ts'
import { migrateToLatest } from '../../src/store/migrate.ts'
import * as foundation from '../../src/store/migrations/0001-foundation.ts'
import * as engine from '../../src/store/migrations/0002-engine.ts'
import * as money from '../../src/store/migrations/0003-money.ts'
import { accountsWithDebt } from '../money/money-fixtures.ts'
import { createTestDatabase } from '../support/databases.ts'

const BEFORE: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-engine': engine,
  '0003-money': money,
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe.skipIf(kind === 'postgres' && !inject('postgresAvailable'))(`0004-ledger-rules [${kind}]`, () => {
    let cleanup: (() => Promise<void>) | undefined
    afterEach(async () => cleanup?.())

    it('applies to a database that already holds ledger rows (even a wrong-signed one) and refuses new wrong signs', async () => {
      const database = await createTestDatabase(kind)
      const store: Store = await openStore(database.config, { migrate: false })
      cleanup = async () => {
        await store.close()
        await database.dispose()
      }
      const schema = database.config.kind === 'postgres' ? database.config.schema : undefined
      const migrator = new Migrator({
        db: store.db as Kysely<unknown>,
        provider: { getMigrations: async () => BEFORE },
        ...(schema ? { migrationTableSchema: schema } : {}),
      })
      const { error } = await migrator.migrateToLatest()
      expect(error).toBeUndefined()
      const { tenant, ids } = await accountsWithDebt(store, 'rules', [
        { externalId: 'A', jurisdiction: 'US-NY', currency: 'USD', principal: 1_000 },
      ])
      const accountId = ids.get('A') as number
      const insert = (amount: number, key: string) =>
        sql`insert into ledger_entries (tenant_id, account_id, kind, component, amount_minor, effective_on, posted_at, external_id)
            values (${tenant.id}, ${accountId}, 'payment', 'principal', ${amount}, '2026-03-01', '2026-03-01T00:00:00Z', ${key})`.execute(
          store.db,
        )
      await insert(5, 'legacy-wrong-sign') // written before the rule existed
      expect(await migrateToLatest(store.db as Kysely<unknown>, schema)).toContain('0004-ledger-rules')
      await expect(insert(7, 'new-wrong-sign')).rejects.toThrow(/ledger_sign|ledger_entries_sign/)
      await insert(-7, 'new-right-sign')
      const rows = await store.db
        .selectFrom('ledger_entries')
        .select('external_id')
        .where('account_id', '=', accountId)
        .execute()
      expect(rows.map((r) => r.external_id).sort()).toEqual([
        'legacy-wrong-sign',
        'new-right-sign',
        'principal',
      ])
    })
  })
}
