import type { IntakeBatchResult, IntakeRecord } from '../../core/intake/intake-record.ts'
import type { Store } from '../connect.ts'
import { PostgresIntakeWriter } from './postgres-intake-writer.ts'
import { SqliteIntakeWriter } from './sqlite-intake-writer.ts'

/** Writes validated intake records for one tenant, a batch per transaction, idempotently. */
export interface IntakeWriter {
  write(records: readonly IntakeRecord[]): Promise<IntakeBatchResult>
}

/** The intake writer for the store's database. */
export function createIntakeWriter(store: Store, tenantId: number): IntakeWriter {
  if (store.dialect === 'postgres') return new PostgresIntakeWriter(store.native, tenantId)
  const writer = new SqliteIntakeWriter(store.native, tenantId)
  return { write: async (records) => writer.write(records) }
}
