import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { DatabaseConfig } from '../../src/config/database-config.ts'
import { openStore, type Store } from '../../src/store/connect.ts'

/** PostgreSQL server for `--db postgres` (BENCH_DATABASE_URL overrides). */
export const BENCH_POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** A fresh, migrated database for one measurement, dropped again by `dispose`. */
export async function freshBenchStore(
  kind: 'sqlite' | 'postgres',
): Promise<{ store: Store; config: DatabaseConfig; dispose(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'recoup-bench-'))
    const config: DatabaseConfig = { kind: 'sqlite', file: join(dir, 'bench.sqlite') }
    const store = await openStore(config)
    return {
      store,
      config,
      dispose: async () => {
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`
  const config: DatabaseConfig = { kind: 'postgres', url: BENCH_POSTGRES_URL, schema }
  const store = await openStore(config)
  return {
    store,
    config,
    dispose: async () => {
      await store.close()
      const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL })
      await client.connect()
      await client.query(`drop schema if exists ${schema} cascade`)
      await client.end()
    },
  }
}

/** Wall-clock seconds of `work`. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ seconds: number; value: T }> {
  const start = process.hrtime.bigint()
  const value = await work()
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, value }
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Prints a figure on stderr so the LAST stdout line stays the JSON result. */
export function report(message: string): void {
  process.stderr.write(`${message}\n`)
}

/** A figure rounded to 4 significant digits for the result line (small runs take microseconds). */
export function round(value: number): number {
  return Number(value.toPrecision(4))
}
