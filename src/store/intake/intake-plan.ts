import type { IntakeBatchResult, IntakeRecord } from '../../core/intake/intake-record.ts'
import type { RowCover } from '../../core/journal/row-digest.ts'
import type { NewJournalEvent } from '../journal.repository.ts'

/** Distinct debtors of a batch, first occurrence wins (later rows of the same debtor add accounts only). */
export function distinctDebtors(records: readonly IntakeRecord[]): IntakeRecord['debtor'][] {
  const seen = new Map<string, IntakeRecord['debtor']>()
  for (const record of records) {
    if (!seen.has(record.debtor.externalId)) seen.set(record.debtor.externalId, record.debtor)
  }
  return [...seen.values()]
}

/** Distinct clients named by a batch. */
export function distinctClients(records: readonly IntakeRecord[]): { externalId: string; name: string }[] {
  const seen = new Map<string, string>()
  for (const { account } of records) {
    const id = account.clientExternalId
    if (id && !seen.has(id)) seen.set(id, account.clientName ?? id)
  }
  return [...seen].map(([externalId, name]) => ({ externalId, name }))
}

/** An existing account matches an incoming record only when debtor and currency agree. */
export function existingAccountConflict(
  existing: { debtor_id: number; currency: string; import_run_id: number | null },
  debtorId: number,
  record: IntakeRecord,
  importRunId: number | null,
): string | null {
  if (importRunId !== null && existing.import_run_id === importRunId) {
    return `duplicate account id ${record.account.externalId}: an earlier row of this file has it`
  }
  if (existing.currency !== record.account.currency) {
    return `account ${record.account.externalId} already exists in ${existing.currency}, not ${record.account.currency}`
  }
  if (existing.debtor_id !== debtorId) {
    return `account ${record.account.externalId} already exists for another debtor`
  }
  return null
}

/** A result with nothing written yet. */
export function emptyBatchResult(): IntakeBatchResult {
  return { debtorsCreated: 0, accountsCreated: 0, accountsExisting: 0, entriesPosted: 0, conflicts: [] }
}

/** JSON text for the attributes column, or null when there are none. */
export function attributesJson(record: IntakeRecord): string | null {
  const attributes = record.account.attributes
  return attributes && Object.keys(attributes).length > 0 ? JSON.stringify(attributes) : null
}

/**
 * SQL for a postal contact point's address: the debtor's primary (else first) address. Two parameters:
 * the contact kind and the debtor id. Used by both writers so a postal contact always points at a row.
 */
export const POSTAL_ADDRESS_ID = `(case when ? = 'postal' then (select a.id from debtor_addresses a
  where a.debtor_id = ? order by a.is_primary desc, a.id limit 1) end)`

/**
 * Why a record cannot be re-applied to its existing account: one of its ledger entries was posted
 * before under the same external id with another kind or amount (the source changed since the last
 * import). Null when every entry is either new or identical.
 */
export function changedEntryConflict(
  record: IntakeRecord,
  posted: ReadonlyMap<string, { kind: string; amount_minor: number }>,
): string | null {
  for (const entry of record.entries) {
    const before = posted.get(entry.externalId)
    if (before && (before.kind !== entry.kind || Number(before.amount_minor) !== entry.amountMinor)) {
      return (
        `account ${record.account.externalId} changed since it was imported: entry ${entry.externalId} was ` +
        `${before.kind} ${before.amount_minor}, now ${entry.kind} ${entry.amountMinor}; post an adjustment instead`
      )
    }
  }
  return null
}

/** How a writer journals each batch it commits: the event type, actor and payload to add the counts to. */
export interface BatchJournal {
  readonly type: string
  readonly actor: string
  readonly subject?: string
  readonly payload?: Readonly<Record<string, unknown>>
}

/** The default for writers whose caller names no event: bulk intake by the system. */
export const DEFAULT_BATCH_JOURNAL: BatchJournal = { type: 'intake.batch_committed', actor: 'system:intake' }

/**
 * The journal event for a committed batch, or null when it wrote nothing (a pure re-run changes no
 * state, so it records none). One event per batch keeps the journal's promise (every change is
 * journaled in its own transaction) without an event per row on the million-row path. `coverage`
 * is the digest of the ledger lines the batch posted, so the event vouches for their amounts.
 */
export function batchJournalEvent(
  tenantId: number,
  journal: BatchJournal,
  records: readonly IntakeRecord[],
  result: IntakeBatchResult,
  coverage: readonly RowCover[] = [],
): NewJournalEvent | null {
  if (result.debtorsCreated + result.accountsCreated + result.entriesPosted === 0) return null
  return {
    tenantId,
    type: journal.type,
    actor: journal.actor,
    subject: journal.subject ?? null,
    payload: {
      ...journal.payload,
      firstLine: records[0]?.line ?? null,
      lastLine: records[records.length - 1]?.line ?? null,
      debtorsCreated: result.debtorsCreated,
      accountsCreated: result.accountsCreated,
      entriesPosted: result.entriesPosted,
    },
    coverage,
  }
}
