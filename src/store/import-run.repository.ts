import type { Kysely } from 'kysely'
import { appendJournalEvent } from './journal.repository.ts'
import type { Database } from './schema.ts'

/** An import's running totals as the run records them (ImportCounts in src/intake). */
type RunCounts = object

/** What identifies an import run: the tenant, the file (path and content hash) and the mapping used. */
export interface NewImportRun {
  readonly tenantId: number
  readonly fileName: string
  readonly fileSha256: string
  /** The mapping as JSON, so a run can be explained later even if the preset changes. */
  readonly mapping: string
}

/**
 * Records a new run as `running`. Earlier runs of the same file content for the tenant still marked
 * running were cut off by a crash or a kill (a live run would be writing the same rows anyway): they
 * are closed as failed, the new run being the re-run that completes them.
 */
export async function startImportRun(db: Kysely<Database>, run: NewImportRun): Promise<number> {
  const now = new Date().toISOString()
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('import_runs')
      .set({ status: 'failed', finished_at: now, counts: JSON.stringify({ interrupted: true }) })
      .where('tenant_id', '=', run.tenantId)
      .where('file_sha256', '=', run.fileSha256)
      .where('status', '=', 'running')
      .execute()
    const inserted = await trx
      .insertInto('import_runs')
      .values({
        tenant_id: run.tenantId,
        file_name: run.fileName,
        file_sha256: run.fileSha256,
        mapping: run.mapping,
        status: 'running',
        started_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return Number(inserted.id)
  })
}

/**
 * Marks a run completed and appends its one `import.completed` journal event in the same transaction,
 * so the journal never claims an import the runs table does not show, nor the reverse.
 */
export async function completeImportRun(
  db: Kysely<Database>,
  run: { id: number; tenantId: number; actor: string; payload: Record<string, unknown> },
  counts: RunCounts,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('import_runs')
      .set({ status: 'completed', finished_at: new Date().toISOString(), counts: JSON.stringify(counts) })
      .where('id', '=', run.id)
      .execute()
    await appendJournalEvent(trx, {
      tenantId: run.tenantId,
      type: 'import.completed',
      actor: run.actor,
      subject: `import_run:${run.id}`,
      payload: { ...run.payload, ...counts },
    })
  })
}

/** Marks a run failed with the counts reached and why; the batches already committed stay. */
export async function failImportRun(
  db: Kysely<Database>,
  runId: number,
  counts: RunCounts,
  reason: string,
): Promise<void> {
  await db
    .updateTable('import_runs')
    .set({
      status: 'failed',
      finished_at: new Date().toISOString(),
      counts: JSON.stringify({ ...counts, reason }),
    })
    .where('id', '=', runId)
    .execute()
}
