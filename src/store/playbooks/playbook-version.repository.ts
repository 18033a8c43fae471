import { type Kysely, type Selectable, sql, type Transaction } from 'kysely'
import type { PageRequest } from '../../core/paging/page-cursor.ts'
import { dialectOf } from '../dialect.ts'
import { keysetAfter, keysetOrder } from '../paging.ts'
import type { Database, PlaybookVersionTable } from '../schema.ts'

export type PlaybookVersionRow = Selectable<PlaybookVersionTable>

/** Stores a new inactive version. */
export async function insertPlaybookVersion(
  db: Kysely<Database>,
  row: {
    tenantId: number
    playbookId: string
    version: number
    description: string | null
    document: string
    source: string
    createdBy: string
  },
): Promise<PlaybookVersionRow> {
  return db
    .insertInto('playbook_versions')
    .values({
      tenant_id: row.tenantId,
      playbook_id: row.playbookId,
      version: row.version,
      description: row.description,
      document: row.document,
      source: row.source,
      created_by: row.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The tenant's stored version with this row id. */
export async function findPlaybookVersion(
  db: Kysely<Database>,
  tenantId: number,
  id: number,
): Promise<PlaybookVersionRow | undefined> {
  return db
    .selectFrom('playbook_versions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The tenant's stored version of a playbook id and version number. */
export async function findPlaybookVersionByNumber(
  db: Kysely<Database>,
  tenantId: number,
  playbookId: string,
  version: number,
): Promise<PlaybookVersionRow | undefined> {
  return db
    .selectFrom('playbook_versions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('playbook_id', '=', playbookId)
    .where('version', '=', version)
    .executeTakeFirst()
}

/** One page of the tenant's stored versions (optionally of one playbook id), by row id. */
export async function listPlaybookVersionRows(
  db: Kysely<Database>,
  tenantId: number,
  page: PageRequest,
  filter: { playbookId?: string } = {},
): Promise<PlaybookVersionRow[]> {
  let query = db.selectFrom('playbook_versions').selectAll().where('tenant_id', '=', tenantId)
  if (filter.playbookId !== undefined) query = query.where('playbook_id', '=', filter.playbookId)
  return query
    .where(keysetAfter('id', 'id', page))
    .orderBy(keysetOrder('id', 'id', page))
    .limit(page.limit + 1)
    .execute()
}

/** The tenant's active versions, one per playbook id, by playbook id (without the saved text). */
export async function listActivePlaybookVersions(
  db: Kysely<Database>,
  tenantId: number,
): Promise<Omit<PlaybookVersionRow, 'source'>[]> {
  return db
    .selectFrom('playbook_versions')
    .select([
      'id',
      'tenant_id',
      'playbook_id',
      'version',
      'description',
      'document',
      'active',
      'created_by',
      'created_at',
      'activated_at',
      'activated_by',
    ])
    .where('tenant_id', '=', tenantId)
    .where('active', '=', 1)
    .orderBy('playbook_id')
    .execute()
}

/**
 * Makes `id` the active version of its playbook: the one active before (if another) goes inactive in
 * the same statement order, so the partial unique index never sees two. True when this call changed it.
 */
export async function markPlaybookVersionActive(
  db: Kysely<Database>,
  row: Pick<PlaybookVersionRow, 'id' | 'tenant_id' | 'playbook_id'>,
  at: string,
  by: string,
): Promise<boolean> {
  await db
    .updateTable('playbook_versions')
    .set({ active: 0 })
    .where('tenant_id', '=', row.tenant_id)
    .where('playbook_id', '=', row.playbook_id)
    .where('active', '=', 1)
    .where('id', '<>', row.id)
    .execute()
  const result = await db
    .updateTable('playbook_versions')
    .set({ active: 1, activated_at: at, activated_by: by })
    .where('tenant_id', '=', row.tenant_id)
    .where('id', '=', row.id)
    .where('active', '=', 0)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/**
 * Serialises saves and activations of one playbook id: PostgreSQL locks the tenant row (the versions
 * may not exist yet); SQLite takes the database's write lock at once (its transactions already run
 * one at a time in a process, and a second process then waits rather than failing an upgrade).
 */
export async function lockPlaybookVersions(
  trx: Transaction<Database>,
  tenantId: number,
  _playbookId: string,
): Promise<void> {
  if (dialectOf(trx as unknown as Kysely<unknown>) === 'postgres')
    await trx.selectFrom('tenants').select('id').where('id', '=', tenantId).forNoKeyUpdate().execute()
  else await sql`update tenants set id = id where 0 = 1`.execute(trx)
}
