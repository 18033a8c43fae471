import { createHash, randomUUID } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../core/errors/index.ts'
import { MAX_UPLOAD_BYTES, sniffUploadType, UPLOAD_TYPES } from '../../core/portal/upload-type.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import {
  disputeDocumentCounts,
  disputeOfAccount,
  insertDisputeDocument,
} from '../../store/portal/dispute-document.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { redecideAccounts } from '../redecide-accounts.ts'
import { portalHeader } from './portal-account.ts'
import { PORTAL_EVIDENCE_PER_DISPUTE } from './portal-limits.ts'

export interface UploadDisputeDocumentInput {
  readonly disputeId: number
  /** The Content-Type the request declared. */
  readonly contentType: string
  readonly bytes: Uint8Array
  /** RECOUP_DATA_DIR: files go to <dir>/disputes/<tenant id>/<random uuid>.<ext>. */
  readonly dataDir: string
}

/**
 * Evidence for one of the account's disputes: a PDF, PNG or JPEG of at most 5 MB, checked by its first
 * bytes (the declared type must be what the bytes are), stored under the data dir by a random name
 * (never the uploader's file name), mode 0600, and recorded in `dispute_documents` with its size and
 * SHA-256, journaled (`dispute.document_added`) and the account re-decided. Another account's dispute
 * answers `dispute_not_found`, like one that does not exist; a resolved dispute takes none, an open one
 * at most PORTAL_EVIDENCE_PER_DISPUTE (`evidence_limit_reached`).
 */
export async function uploadDisputeDocument(ctx: AppContext, input: UploadDisputeDocumentInput) {
  authorize(ctx.actor, 'disputes.open')
  const declared = input.contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (input.bytes.length > MAX_UPLOAD_BYTES)
    throw new AppError('payload_too_large', `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`)
  const sniffed = sniffUploadType(input.bytes)
  if (sniffed === null || sniffed !== declared)
    throw new AppError(
      'unsupported_file_type',
      `the file must be a PDF, PNG or JPEG and its Content-Type must say which (${Object.keys(UPLOAD_TYPES).join(', ')}); these bytes are ${sniffed ?? 'none of them'}`,
    )
  const header = await portalHeader(ctx)
  const { tenant } = ctx.actor
  const dispute = await disputeOfAccount(ctx.store.db, tenant.id, header.id, input.disputeId)
  if (!dispute) throw new AppError('dispute_not_found', `no dispute ${input.disputeId} on this account`)
  if (dispute.resolved_at !== null)
    throw new AppError(
      'dispute_resolved',
      `dispute ${input.disputeId} is resolved: it takes no more evidence`,
    )
  const held = (await disputeDocumentCounts(ctx.store.db, tenant.id, header.id)).get(input.disputeId) ?? 0
  if (held >= PORTAL_EVIDENCE_PER_DISPUTE)
    throw new AppError(
      'evidence_limit_reached',
      `dispute ${input.disputeId} already has ${PORTAL_EVIDENCE_PER_DISPUTE} files; a collector can take more`,
    )
  const folder = join(input.dataDir, 'disputes', String(tenant.id))
  const storedName = `${randomUUID()}.${UPLOAD_TYPES[sniffed].extension}`
  const path = join(folder, storedName)
  await mkdir(folder, { recursive: true, mode: 0o700 })
  await writeFile(path, input.bytes, { mode: 0o600, flag: 'wx' })
  const sha256 = createHash('sha256').update(input.bytes).digest('hex')
  const at = new Date().toISOString()
  try {
    return await inTransaction(ctx, async (trx) => {
      const id = await insertDisputeDocument(trx, {
        tenantId: tenant.id,
        accountId: header.id,
        disputeId: input.disputeId,
        storedName,
        contentType: sniffed,
        sizeBytes: input.bytes.length,
        sha256,
        uploadedBy: actorLabel(ctx.actor),
      })
      const event = await appendJournalEvent(trx, {
        tenantId: tenant.id,
        type: 'dispute.document_added',
        actor: actorLabel(ctx.actor),
        subject: `account:${header.id}`,
        payload: {
          disputeId: input.disputeId,
          documentId: id,
          contentType: sniffed,
          sizeBytes: input.bytes.length,
          sha256,
        },
      })
      await redecideAccounts(trx, tenant, [
        { accountId: header.id, event: { key: `journal:${event.seq}`, at } },
      ])
      return { id, disputeId: input.disputeId, contentType: sniffed, sizeBytes: input.bytes.length, sha256 }
    })
  } catch (error) {
    // Nothing recorded: the file goes too, so the folder holds only files the table names.
    await rm(path, { force: true })
    throw error
  }
}
