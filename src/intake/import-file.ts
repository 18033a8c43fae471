import { basename } from 'node:path'
import { AppError } from '../core/errors/index.ts'
import { type CompiledMapping, compileMapping } from '../core/intake/compile-mapping.ts'
import { type FieldError, mapRow } from '../core/intake/map-row.ts'
import type { Store } from '../store/connect.ts'
import { completeImportRun, failImportRun, startImportRun } from '../store/import-run.repository.ts'
import { createIntakeWriter } from '../store/intake/intake-writer.ts'
import { fileSha256 } from './file-sha256.ts'
import { ImportBatch, type RejectRow } from './import-batch.ts'
import {
  emptyCounts,
  type ImportCounts,
  type ImportOptions,
  type ImportProgress,
  type ImportSummary,
  type RejectedRow,
} from './import-options.ts'
import { openRowSource, type RowSource } from './open-row-source.ts'
import { type ImportPlan, planImport } from './plan-import.ts'
import { RejectFile } from './reject-file.ts'

const FIRST_REJECTS_KEPT = 20

/**
 * Imports a CSV or XLSX file of accounts for one tenant: streams its rows, maps and validates each,
 * writes valid ones in batches (one transaction each, idempotent by external ids) and rejected ones to
 * the reject file. Memory stays bounded by the batch size whatever the file size. Everything that can
 * be wrong with the file as a whole fails before anything is written; a crash or an abort leaves whole
 * batches only, and running the same import again completes it.
 */
export async function importFile(
  store: Store,
  options: ImportOptions,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const startedAt = performance.now()
  const plan = await planImport(options)
  const sha256 = await fileSha256(plan.file)
  const source = await openRowSource(plan.file, { encoding: plan.encoding, sheet: options.sheet })
  const counts = emptyCounts()
  let runId: number | undefined
  try {
    const compiled = compileMapping(plan.mapping, source.header, {
      defaultCurrency: plan.currency,
      creditorName: options.tenant.name,
      decodedAsUtf8: source.format === 'csv' && plan.encoding === 'utf-8',
    })
    runId = await startImportRun(store.db, {
      tenantId: options.tenant.id,
      fileName: plan.file,
      fileSha256: sha256,
      mapping: JSON.stringify(plan.mapping),
    })
    const id = runId
    const report = (phase: ImportProgress['phase']) =>
      onProgress?.({
        phase,
        runId: id,
        bytesRead: source.bytesRead(),
        totalBytes: plan.totalBytes,
        counts: { ...counts },
      })
    report('started')
    const rejects = new RejectFile(plan.rejectsPath, source.header)
    const firstRejects: RejectedRow[] = []
    const reject: RejectRow = async (line, errors, fields) => {
      if (firstRejects.length < FIRST_REJECTS_KEPT) firstRejects.push({ line, errors })
      await rejects.write(line, errors, fields)
    }
    try {
      await importRows(store, runId, { plan, options, source, compiled, counts, reject, report })
    } finally {
      await rejects.close()
    }
    await completeImportRun(
      store.db,
      {
        id: runId,
        tenantId: options.tenant.id,
        actor: options.actor ?? 'system:import',
        payload: {
          importRunId: runId,
          file: basename(plan.file),
          fileSha256: sha256,
          mapping: plan.mapping.name,
        },
      },
      counts,
    )
    report('completed')
    return {
      ...counts,
      runId,
      file: plan.file,
      mapping: plan.mapping.name,
      rejectFile: rejects.written ? plan.rejectsPath : null,
      firstRejects,
      seconds: (performance.now() - startedAt) / 1000,
    }
  } catch (error) {
    if (runId !== undefined) {
      await failImportRun(store.db, runId, counts, (error as Error).message).catch(() => {})
    }
    throw error
  } finally {
    await source.close()
  }
}

interface ImportContext {
  readonly plan: ImportPlan
  readonly options: ImportOptions
  readonly source: RowSource
  readonly compiled: CompiledMapping
  readonly counts: ImportCounts
  readonly reject: RejectRow
  readonly report: (phase: ImportProgress['phase']) => void
}

/** The row loop: map, reject or queue, flush full batches; stops at a batch boundary when aborted. */
async function importRows(store: Store, runId: number, context: ImportContext): Promise<void> {
  const { plan, options, source, compiled, counts, reject, report } = context
  const accountIdLabel = compiled.fields.account_id?.label ?? 'account_id'
  const batch = new ImportBatch(
    createIntakeWriter(store, options.tenant.id, {
      importRunId: runId,
      journal: {
        type: 'import.batch_committed',
        actor: options.actor ?? 'system:import',
        subject: `import_run:${runId}`,
        payload: { importRunId: runId },
      },
    }),
    counts,
    reject,
    accountIdLabel,
  )
  const stopIfAborted = async () => {
    if (!options.signal?.aborted) return
    await batch.settle()
    throw new AppError(
      'import_interrupted',
      `import interrupted: rows up to line ${batch.committedThrough} are saved. Run the same command again to finish; rows already imported are skipped.`,
      { runId, savedThroughLine: batch.committedThrough, counts: { ...counts } },
    )
  }
  try {
    for await (const rows of source.rows()) {
      for (const row of rows) {
        counts.rowsRead++
        let errors: readonly FieldError[] | undefined
        if (row.error) errors = [{ field: 'row', reason: row.error }]
        else {
          const result = mapRow(compiled, row.line, row.fields)
          if (result.ok) {
            const duplicate = batch.add(result.record, row.fields)
            if (duplicate) errors = [duplicate]
          } else errors = result.errors
        }
        if (errors) {
          counts.rejected++
          await batch.rejectRow(row.line, errors, row.fields)
        }
        if (batch.size >= plan.batchSize) {
          await batch.flush(row.line)
          report('batch')
          await stopIfAborted()
        }
      }
      await stopIfAborted()
    }
    await batch.flush(Number.MAX_SAFE_INTEGER)
    await batch.settle()
  } catch (error) {
    // A write still in flight finishes (or fails) before the run is marked failed.
    await batch.settle().catch(() => {})
    throw error
  }
  report('batch')
}
