import type { Kysely } from 'kysely'
import type { PageRequest } from '../../core/paging/page-cursor.ts'
import { keysetAfter, keysetOrder } from '../paging.ts'
import type { Database } from '../schema.ts'

/** Sort fields of the runs list. */
export const RUN_SORTS = ['asOf', 'startedAt'] as const
export type RunSort = (typeof RUN_SORTS)[number]

export interface RunListRow {
  id: number
  as_of: string
  status: 'running' | 'completed'
  mode: 'full' | 'incremental'
  batch_size: number
  started_at: string
  finished_at: string | null
  counts: string | null
  batches_total: number
  batches_done: number
}

const RUN_COLUMN: Record<RunSort, string> = { asOf: 'r.as_of', startedAt: 'r.started_at' }

function runsQuery(db: Kysely<Database>, tenantId: number) {
  return db
    .selectFrom('runs as r')
    .select([
      'r.id',
      'r.as_of',
      'r.status',
      'r.mode',
      'r.batch_size',
      'r.started_at',
      'r.finished_at',
      'r.counts',
      (eb) =>
        eb
          .selectFrom('run_batches as b')
          .select((b) => b.fn.countAll<number>().as('n'))
          .whereRef('b.run_id', '=', 'r.id')
          .as('batches_total'),
      (eb) =>
        eb
          .selectFrom('run_batches as b')
          .select((b) => b.fn.countAll<number>().as('n'))
          .whereRef('b.run_id', '=', 'r.id')
          .where('b.status', '=', 'done')
          .as('batches_done'),
    ])
    .where('r.tenant_id', '=', tenantId)
}

function runRow(row: Record<string, unknown>): RunListRow {
  return {
    ...(row as unknown as RunListRow),
    id: Number(row.id),
    batch_size: Number(row.batch_size),
    started_at: row.started_at instanceof Date ? row.started_at.toISOString() : String(row.started_at),
    batches_total: Number(row.batches_total ?? 0),
    batches_done: Number(row.batches_done ?? 0),
  }
}

/** One page of the tenant's daily runs (fetches `limit + 1` rows, see src/store/paging.ts). */
export async function listRunsPage(
  db: Kysely<Database>,
  tenantId: number,
  page: PageRequest<RunSort>,
): Promise<RunListRow[]> {
  const column = RUN_COLUMN[page.sort.field]
  const rows = await runsQuery(db, tenantId)
    .where(keysetAfter(column, 'r.id', page))
    .orderBy(keysetOrder(column, 'r.id', page))
    .limit(page.limit + 1)
    .execute()
  return rows.map(runRow)
}

/** The tenant's run with this id, or undefined (another tenant's id is not found either). */
export async function findTenantRun(
  db: Kysely<Database>,
  tenantId: number,
  runId: number,
): Promise<RunListRow | undefined> {
  const row = await runsQuery(db, tenantId).where('r.id', '=', runId).executeTakeFirst()
  return row ? runRow(row) : undefined
}

/** The tenant's run of a day, or undefined. */
export async function findTenantRunOn(
  db: Kysely<Database>,
  tenantId: number,
  asOf: string,
): Promise<RunListRow | undefined> {
  const row = await runsQuery(db, tenantId).where('r.as_of', '=', asOf).executeTakeFirst()
  return row ? runRow(row) : undefined
}

export interface JournalEventFilter {
  readonly type?: string
  readonly actor?: string
  /** Events at or after this instant (ISO). */
  readonly since?: string
  /** Events before this instant (ISO). */
  readonly until?: string
}

export interface JournalEventListRow {
  id: number
  seq: number
  type: string
  actor: string
  occurred_at: string
  subject: string | null
}

/** One page of the tenant's journal events in seq order (fetches `limit + 1` rows). */
export async function listJournalEventsPage(
  db: Kysely<Database>,
  tenantId: number,
  filter: JournalEventFilter,
  page: PageRequest<'seq'>,
): Promise<JournalEventListRow[]> {
  let query = db
    .selectFrom('journal_events as e')
    .select(['e.id', 'e.seq', 'e.type', 'e.actor', 'e.occurred_at', 'e.subject'])
    .where('e.tenant_id', '=', tenantId)
  if (filter.type !== undefined) query = query.where('e.type', '=', filter.type)
  if (filter.actor !== undefined) query = query.where('e.actor', '=', filter.actor)
  if (filter.since !== undefined) query = query.where('e.occurred_at', '>=', filter.since)
  if (filter.until !== undefined) query = query.where('e.occurred_at', '<', filter.until)
  const rows = await query
    .where(keysetAfter('e.seq', 'e.id', page))
    .orderBy(keysetOrder('e.seq', 'e.id', page))
    .limit(page.limit + 1)
    .execute()
  return rows.map((r) => ({ ...r, id: Number(r.id), seq: Number(r.seq) }))
}

export interface ImportRunListRow {
  id: number
  file_name: string
  status: 'running' | 'completed' | 'failed'
  started_at: string
  finished_at: string | null
  counts: string | null
}

function importQuery(db: Kysely<Database>, tenantId: number) {
  return db
    .selectFrom('import_runs as i')
    .select(['i.id', 'i.file_name', 'i.status', 'i.started_at', 'i.finished_at', 'i.counts'])
    .where('i.tenant_id', '=', tenantId)
}

/** One page of the tenant's account imports, by start (fetches `limit + 1` rows). */
export async function listImportRunsPage(
  db: Kysely<Database>,
  tenantId: number,
  page: PageRequest<'startedAt'>,
): Promise<ImportRunListRow[]> {
  const rows = await importQuery(db, tenantId)
    .where(keysetAfter('i.started_at', 'i.id', page))
    .orderBy(keysetOrder('i.started_at', 'i.id', page))
    .limit(page.limit + 1)
    .execute()
  return rows.map((r) => ({ ...r, id: Number(r.id) }))
}

/** The tenant's import run with this id, or undefined. */
export async function findTenantImportRun(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<ImportRunListRow | undefined> {
  const row = await importQuery(db, tenantId).where('i.id', '=', id).executeTakeFirst()
  return row ? { ...row, id: Number(row.id) } : undefined
}
