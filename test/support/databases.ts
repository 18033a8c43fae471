import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, inject } from 'vitest'
import type { DatabaseConfig } from '../../src/config/database-config.ts'
import { openStore, type Store } from '../../src/store/connect.ts'
import { TEST_POSTGRES_URL } from './test-postgres-url.ts'

export type TestDatabase = 'sqlite' | 'postgres'

/** A fresh, empty, migrated database of the given kind, plus a way to drop it. */
export async function createTestDatabase(
  kind: TestDatabase,
): Promise<{ config: DatabaseConfig; dispose(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'recoup-test-'))
    return {
      config: { kind: 'sqlite', file: join(dir, 'test.sqlite') },
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    }
  }
  const schema = `t_${randomBytes(6).toString('hex')}`
  return {
    config: { kind: 'postgres', url: TEST_POSTGRES_URL, schema },
    dispose: async () => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL })
      await client.connect()
      await client.query(`drop schema if exists ${schema} cascade`)
      await client.end()
    },
  }
}

/** Context handed to a suite: the open store and its config (for code that opens its own connection). */
export interface DatabaseContext {
  store(): Store
  config(): DatabaseConfig
}

/**
 * Runs the same suite on SQLite and on PostgreSQL, each against a fresh migrated database: the
 * contract every storage adapter must meet. PostgreSQL is skipped (with a notice from global setup)
 * only when no server is reachable outside CI.
 */
export function describeEachDatabase(name: string, suite: (ctx: DatabaseContext) => void): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    const skip = kind === 'postgres' && !inject('postgresAvailable')
    describe.skipIf(skip)(`${name} [${kind}]`, () => {
      let store: Store | undefined
      let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined
      beforeAll(async () => {
        database = await createTestDatabase(kind)
        store = await openStore(database.config)
      })
      afterAll(async () => {
        await store?.close()
        await database?.dispose()
      })
      suite({
        store: () => {
          if (!store) throw new Error('store not open yet')
          return store
        },
        config: () => {
          if (!database) throw new Error('database not created yet')
          return database.config
        },
      })
    })
  }
}
