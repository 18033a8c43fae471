import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importFile } from '../src/intake/import-file.ts'
import { ensureTenant } from '../src/store/tenant.repository.ts'
import type { BenchArgs } from './support/bench-args.ts'
import { freshBenchStore, report, round, timed } from './support/bench-database.ts'
import { prepareInsertFloor } from './support/insert-floor.ts'
import { syntheticRecords } from './support/synthetic-portfolio.ts'
import { writeSyntheticCsv } from './support/write-synthetic-csv.ts'

const TENANT = {
  slug: 'bench',
  name: 'Bench',
  kind: 'agency' as const,
  timeZone: 'UTC',
  defaultCurrency: 'USD',
}

/** `npm run bench -- import`: `recoup import` of a generated CSV against a bare insert of the same rows. */
export async function importBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'recoup-bench-import-'))
  try {
    const file = join(dir, 'accounts.csv')
    await writeSyntheticCsv(file, args.rows)
    report(`import bench: ${args.rows} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB CSV, on ${args.db}`)

    const floorDb = await freshBenchStore(args.db)
    let floorSeconds: number
    try {
      const tenant = await ensureTenant(floorDb.store.db, TENANT)
      const records = [...syntheticRecords(args.rows)]
      const floor = await prepareInsertFloor(floorDb.store, tenant.id, records)
      floorSeconds = (await timed(floor)).seconds
      report(
        `  floor (${args.db === 'postgres' ? 'COPY' : 'bare insert'} of the parsed rows): ${floorSeconds.toFixed(2)} s`,
      )
    } finally {
      await floorDb.dispose()
    }

    const importDb = await freshBenchStore(args.db)
    try {
      const tenant = await ensureTenant(importDb.store.db, TENANT)
      const run = await timed(() =>
        importFile(importDb.store, {
          file,
          tenant,
          preset: 'generic',
          rejectsPath: join(dir, 'rejects.csv'),
        }),
      )
      const summary = run.value
      report(
        `  import: ${run.seconds.toFixed(2)} s (${summary.accountsCreated} accounts, ${summary.entriesPosted} entries, ${summary.rejected} rejected)`,
      )
      if (summary.accountsCreated !== args.rows || summary.rejected !== 0)
        throw new Error('import did not take every row')
      return {
        bench: 'import',
        db: args.db,
        rows: args.rows,
        seconds: round(run.seconds),
        floor_seconds: round(floorSeconds),
        ratio: round(run.seconds / floorSeconds),
      }
    } finally {
      await importDb.dispose()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
