import { randomUUID } from 'node:crypto'
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { AppError } from '../../core/errors/index.ts'
import { type Page, pageOf, pageRequest } from '../../core/paging/page-cursor.ts'
import type { ImportCounts, ImportProgress } from '../../intake/import-options.ts'
import {
  findTenantImportRun,
  type ImportRunListRow,
  listImportRunsPage,
} from '../../store/operations/operations.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'
import { importAccountsFile } from './import-accounts-file.ts'

/** An account import as the API shows it. */
export interface ImportView {
  readonly id: number
  readonly status: 'running' | 'completed' | 'failed'
  readonly startedAt: string
  readonly finishedAt: string | null
  /** Bytes of the file read so far and in all (while this server runs it; null otherwise). */
  readonly progress: { readonly bytesRead: number; readonly totalBytes: number } | null
  readonly counts: ImportCounts | null
  /** Why a failed import stopped. */
  readonly failure: string | null
}

/** The latest progress of the imports this process is working, by import run id. */
const progressOf = new Map<number, ImportProgress>()

function uploadDir(dataDir: string, tenantId: number): string {
  return join(dataDir, 'uploads', String(tenantId))
}

function importView(row: ImportRunListRow): ImportView {
  const stored = row.counts ? (JSON.parse(row.counts) as Record<string, unknown>) : null
  const live = progressOf.get(row.id)
  const n = (key: keyof ImportCounts) =>
    live ? live.counts[key] : typeof stored?.[key] === 'number' ? (stored[key] as number) : 0
  const hasCounts = live !== undefined || (stored !== null && typeof stored.rowsRead === 'number')
  return {
    id: row.id,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    progress: live ? { bytesRead: live.bytesRead, totalBytes: live.totalBytes } : null,
    counts: hasCounts
      ? {
          rowsRead: n('rowsRead'),
          debtorsCreated: n('debtorsCreated'),
          accountsCreated: n('accountsCreated'),
          accountsExisting: n('accountsExisting'),
          entriesPosted: n('entriesPosted'),
          rejected: n('rejected'),
        }
      : null,
    failure:
      row.status === 'failed'
        ? typeof stored?.reason === 'string'
          ? stored.reason
          : stored?.interrupted
            ? 'interrupted; import the file again to complete it'
            : 'failed'
        : null,
  }
}

export interface UploadImportInput {
  readonly bytes: Uint8Array
  readonly format: 'csv' | 'xlsx'
  /** Built-in mapping (default generic). */
  readonly preset?: string
  readonly currency?: string
  /** The folder uploads are kept under (src/config/upload-config.ts). */
  readonly dataDir: string
  readonly onError?: (error: unknown) => void
}

/**
 * Stores an uploaded accounts file under a random name in the tenant's upload folder (never the
 * client's file name) and imports it in the background; answers as soon as the import run exists.
 * A file wrong as a whole (no header, unknown columns, bad mapping) is refused here, before any row.
 */
export async function uploadImport(
  ctx: AppContext,
  input: UploadImportInput,
): Promise<{ import: ImportView; finished: Promise<void> }> {
  authorize(ctx.actor, 'accounts.import')
  requireAllClients(ctx.actor, 'import accounts')
  const dir = uploadDir(input.dataDir, ctx.actor.tenant.id)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const file = join(dir, `${randomUUID()}.${input.format}`)
  await writeFile(file, input.bytes, { mode: 0o600, flag: 'wx' })
  let started: (id: number) => void = () => {}
  const runId = new Promise<number>((resolve) => {
    started = resolve
  })
  let failure: unknown
  let startedId: number | undefined
  const finished = importAccountsFile(ctx, {
    file,
    rejectsPath: `${file}.rejects.csv`,
    ...(input.preset !== undefined ? { preset: input.preset } : {}),
    ...(input.currency !== undefined ? { currency: input.currency } : {}),
    onProgress: (progress) => {
      if (progress.phase === 'started') {
        startedId = progress.runId
        started(progress.runId)
      }
      if (progress.phase === 'completed') progressOf.delete(progress.runId)
      else progressOf.set(progress.runId, progress)
    },
  }).then(
    (summary) => {
      progressOf.delete(summary.runId)
    },
    (error: unknown) => {
      failure = error
      if (startedId !== undefined) progressOf.delete(startedId)
      input.onError?.(error)
    },
  )
  const first = await Promise.race([runId, finished.then(() => undefined)])
  if (first === undefined) {
    await unlink(file).catch(() => {})
    throw failure ?? new AppError('import_not_found', 'the import did not start')
  }
  return { import: await getImport(ctx, { id: first }), finished }
}

/** One account import of the tenant: status, progress while it runs, counts. */
export async function getImport(ctx: AppContext, input: { id: number }): Promise<ImportView> {
  authorize(ctx.actor, 'imports.read')
  requireAllClients(ctx.actor, 'read account imports')
  const row = await findTenantImportRun(ctx.store.db, ctx.actor.tenant.id, input.id)
  if (!row) throw new AppError('import_not_found', `no import ${input.id} in this tenant`, { id: input.id })
  return importView(row)
}

/** The tenant's account imports, newest first by default. */
export async function listImports(
  ctx: AppContext,
  input: { limit?: number; cursor?: string; sort?: string } = {},
): Promise<Page<ImportView>> {
  authorize(ctx.actor, 'imports.read')
  requireAllClients(ctx.actor, 'read account imports')
  const page = pageRequest(input, ['startedAt'] as const, { field: 'startedAt', direction: 'desc' })
  const rows = await listImportRunsPage(ctx.store.db, ctx.actor.tenant.id, page)
  const cut = pageOf(rows, page, (r) => ({ value: r.started_at, id: r.id }))
  return { items: cut.items.map(importView), nextCursor: cut.nextCursor }
}

/**
 * The reject file of an uploaded import (`line,field,reason` then the row's columns); only the
 * header when no row was rejected. Read only from the tenant's own upload folder.
 */
export async function importRejects(
  ctx: AppContext,
  input: { id: number; dataDir: string },
): Promise<string> {
  authorize(ctx.actor, 'imports.read')
  requireAllClients(ctx.actor, 'read account imports')
  const row = await findTenantImportRun(ctx.store.db, ctx.actor.tenant.id, input.id)
  if (!row) throw new AppError('import_not_found', `no import ${input.id} in this tenant`, { id: input.id })
  const dir = uploadDir(input.dataDir, ctx.actor.tenant.id) + sep
  if (!row.file_name.startsWith(dir))
    throw new AppError('import_not_found', `import ${input.id} was not uploaded over the API`, {
      id: input.id,
    })
  try {
    return await readFile(`${row.file_name}.rejects.csv`, 'utf8')
  } catch {
    return 'line,field,reason\r\n'
  }
}
