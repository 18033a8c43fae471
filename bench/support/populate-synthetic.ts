import type { Store } from '../../src/store/connect.ts'
import { createIntakeWriter } from '../../src/store/intake/intake-writer.ts'
import { report } from './bench-database.ts'
import { syntheticRecords } from './synthetic-portfolio.ts'

/**
 * Writes `rows` synthetic accounts into the tenant through the intake writer, 5,000 a batch, then
 * refreshes the planner's statistics (what the benches measure against is a database in steady state).
 */
export async function populateSynthetic(store: Store, tenantId: number, rows: number): Promise<void> {
  const writer = createIntakeWriter(store, tenantId)
  let batch = []
  let written = 0
  for (const record of syntheticRecords(rows)) {
    batch.push(record)
    if (batch.length === 5000) {
      await writer.write(batch)
      written += batch.length
      batch = []
      if (written % 200_000 === 0) report(`  populated ${written} accounts`)
    }
  }
  if (batch.length > 0) await writer.write(batch)
  if (store.dialect === 'postgres') await store.native.query('vacuum analyze')
  else store.native.pragma('optimize')
}
