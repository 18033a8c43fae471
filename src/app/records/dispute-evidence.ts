import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../core/errors/index.ts'
import { UPLOAD_TYPES } from '../../core/portal/upload-type.ts'
import {
  type DisputeDocumentRow,
  disputeDocumentOfAccount,
  listDisputeDocuments,
} from '../../store/portal/dispute-document.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { accountInScope } from './scope.ts'

/** An evidence file as staff see it: what it is, never where it is stored. */
export interface DisputeEvidenceView {
  readonly id: number
  readonly disputeId: number
  readonly contentType: DisputeDocumentRow['contentType']
  readonly sizeBytes: number
  readonly sha256: string
  readonly uploadedBy: string
  readonly uploadedAt: string
  /** The name a download gets: the dispute and file ids, never the uploader's file name. */
  readonly fileName: string
}

export function evidenceView(row: DisputeDocumentRow): DisputeEvidenceView {
  return {
    id: row.id,
    disputeId: row.disputeId,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt,
    fileName: `dispute-${row.disputeId}-evidence-${row.id}.${UPLOAD_TYPES[row.contentType].extension}`,
  }
}

/** The evidence files debtors uploaded to the account's disputes (permission `accounts.read`). */
export async function listDisputeEvidence(
  ctx: AppContext,
  input: { account: string },
): Promise<DisputeEvidenceView[]> {
  authorize(ctx.actor, 'accounts.read')
  const account = await accountInScope(ctx, input.account)
  return (await listDisputeDocuments(ctx.store.db, ctx.actor.tenant.id, account.id)).map(evidenceView)
}

/**
 * One evidence file with its bytes, read from the data dir and checked against the SHA-256 recorded at
 * upload: a file removed or altered on disk answers `evidence_unavailable`, never other bytes. Another
 * account's, client's or tenant's file answers `evidence_not_found`, like one that does not exist.
 */
export async function readDisputeEvidence(
  ctx: AppContext,
  input: { account: string; id: number; dataDir: string },
): Promise<{ view: DisputeEvidenceView; bytes: Buffer }> {
  authorize(ctx.actor, 'accounts.read')
  const account = await accountInScope(ctx, input.account)
  const { tenant } = ctx.actor
  const row = await disputeDocumentOfAccount(ctx.store.db, tenant.id, account.id, input.id)
  if (!row)
    throw new AppError('evidence_not_found', `no evidence file ${input.id} on account ${input.account}`)
  const file = await readEvidenceFile(input.dataDir, tenant.id, row)
  if (file.state === 'missing')
    throw new AppError('evidence_unavailable', `evidence file ${row.id} is missing from the data directory`)
  if (file.state !== 'included')
    throw new AppError(
      'evidence_unavailable',
      `evidence file ${row.id} no longer matches its recorded SHA-256`,
    )
  const bytes = file.bytes
  return { view: evidenceView(row), bytes }
}

/**
 * An evidence file's bytes from the data dir, checked against the SHA-256 recorded at upload: `missing`
 * when it cannot be read, `altered` when its bytes changed (never other bytes than were uploaded).
 */
export async function readEvidenceFile(
  dataDir: string,
  tenantId: number,
  row: DisputeDocumentRow,
): Promise<{ state: 'included'; bytes: Buffer } | { state: 'missing' | 'altered' }> {
  let bytes: Buffer
  try {
    bytes = await readFile(join(dataDir, 'disputes', String(tenantId), row.storedName))
  } catch {
    return { state: 'missing' }
  }
  if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) return { state: 'altered' }
  return { state: 'included', bytes }
}
