import type { IntakeBatchResult, IntakeRecord } from '../../core/intake/intake-record.ts'
import type { Store } from '../connect.ts'
import { PostgresIntakeWriter } from './postgres-intake-writer.ts'
import { SqliteIntakeWriter } from './sqlite-intake-writer.ts'

/** Writes validated intake records for one tenant, a batch per transaction, idempotently. */
export interface IntakeWriter {
  write(records: readonly IntakeRecord[]): Promise<IntakeBatchResult>
}

/**
 * The intake writer for the store's database. Records must have distinct account ids within one batch
 * (the caller drops in-batch duplicates); `importRunId` marks created accounts so a later batch of the
 * same run can tell a duplicate row from an account that existed before.
 */
export function createIntakeWriter(
  store: Store,
  tenantId: number,
  importRunId: number | null = null,
): IntakeWriter {
  if (store.dialect === 'postgres') return new PostgresIntakeWriter(store.native, tenantId, importRunId)
  const writer = new SqliteIntakeWriter(store.native, tenantId, importRunId)
  return { write: async (records) => writer.write(records) }
}
