import type { Kysely, Transaction } from 'kysely'
import type { Database, DisputeDocumentTable } from '../schema.ts'

type Db = Kysely<Database> | Transaction<Database>

/** An uploaded evidence file to record. */
export interface NewDisputeDocument {
  readonly tenantId: number
  readonly accountId: number
  readonly disputeId: number
  readonly storedName: string
  readonly contentType: DisputeDocumentTable['content_type']
  readonly sizeBytes: number
  readonly sha256: string
  readonly uploadedBy: string
}

/** Records an evidence file; answers its id. */
export async function insertDisputeDocument(db: Db, doc: NewDisputeDocument): Promise<number> {
  const row = await db
    .insertInto('dispute_documents')
    .values({
      tenant_id: doc.tenantId,
      account_id: doc.accountId,
      dispute_id: doc.disputeId,
      stored_name: doc.storedName,
      content_type: doc.contentType,
      size_bytes: doc.sizeBytes,
      sha256: doc.sha256,
      uploaded_by: doc.uploadedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/** The dispute of this account with this id, if it is one (another account's dispute: undefined). */
export async function disputeOfAccount(db: Db, tenantId: number, accountId: number, disputeId: number) {
  return db
    .selectFrom('disputes')
    .select(['id', 'resolved_at'])
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .where('id', '=', disputeId)
    .executeTakeFirst()
}

/** How many evidence files each of the account's disputes has. */
export async function disputeDocumentCounts(db: Db, tenantId: number, accountId: number) {
  const rows = await db
    .selectFrom('dispute_documents')
    .select(['dispute_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .groupBy('dispute_id')
    .execute()
  return new Map(rows.map((r) => [Number(r.dispute_id), Number(r.n)]))
}

/** An evidence file as staff see it (the stored name stays inside the store and the use case). */
export interface DisputeDocumentRow {
  readonly id: number
  readonly disputeId: number
  readonly storedName: string
  readonly contentType: DisputeDocumentTable['content_type']
  readonly sizeBytes: number
  readonly sha256: string
  readonly uploadedBy: string
  readonly uploadedAt: string
}

function documentQuery(db: Db, tenantId: number, accountId: number) {
  return db
    .selectFrom('dispute_documents')
    .select([
      'id',
      'dispute_id as disputeId',
      'stored_name as storedName',
      'content_type as contentType',
      'size_bytes as sizeBytes',
      'sha256',
      'uploaded_by as uploadedBy',
      'created_at as uploadedAt',
    ])
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
}

function documentRow(r: {
  id: number
  disputeId: number
  storedName: string
  contentType: DisputeDocumentTable['content_type']
  sizeBytes: number
  sha256: string
  uploadedBy: string
  uploadedAt: string | Date
}): DisputeDocumentRow {
  return {
    ...r,
    id: Number(r.id),
    disputeId: Number(r.disputeId),
    sizeBytes: Number(r.sizeBytes),
    uploadedAt: new Date(r.uploadedAt).toISOString(),
  }
}

/** The evidence files of the account's disputes, oldest first. */
export async function listDisputeDocuments(
  db: Db,
  tenantId: number,
  accountId: number,
): Promise<DisputeDocumentRow[]> {
  const rows = await documentQuery(db, tenantId, accountId).orderBy('id').execute()
  return rows.map(documentRow)
}

/** One evidence file of the account's disputes (another account's: undefined). */
export async function disputeDocumentOfAccount(
  db: Db,
  tenantId: number,
  accountId: number,
  id: number,
): Promise<DisputeDocumentRow | undefined> {
  const row = await documentQuery(db, tenantId, accountId).where('id', '=', id).executeTakeFirst()
  return row ? documentRow(row) : undefined
}
