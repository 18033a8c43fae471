import type { IntakeBatchResult, IntakeRecord } from '../../core/intake/intake-record.ts'
import type { Store } from '../connect.ts'
import { type BatchJournal, DEFAULT_BATCH_JOURNAL } from './intake-plan.ts'
import { PostgresIntakeWriter } from './postgres-intake-writer.ts'
import { SqliteIntakeWriter } from './sqlite-intake-writer.ts'

/** Writes validated intake records for one tenant, a batch per transaction, idempotently. */
export interface IntakeWriter {
  write(records: readonly IntakeRecord[]): Promise<IntakeBatchResult>
}

export interface IntakeWriterOptions {
  /** Marks created accounts so a later batch of the same run can tell a duplicate row from an old account. */
  readonly importRunId?: number | null
  /** The event each committed batch appends, in the same transaction (default: intake.batch_committed). */
  readonly journal?: BatchJournal
}

/**
 * The intake writer for the store's database. Records must have distinct account ids within one batch
 * (the caller drops in-batch duplicates). Every batch that writes anything journals one event with its
 * counts inside its own transaction.
 */
export function createIntakeWriter(
  store: Store,
  tenantId: number,
  options: IntakeWriterOptions = {},
): IntakeWriter {
  const importRunId = options.importRunId ?? null
  const journal = options.journal ?? DEFAULT_BATCH_JOURNAL
  if (store.dialect === 'postgres')
    return new PostgresIntakeWriter(store.native, tenantId, importRunId, journal)
  const writer = new SqliteIntakeWriter(store.native, tenantId, importRunId, journal)
  return { write: async (records) => writer.write(records) }
}
