import { AppError } from '../../core/errors/index.ts'
import {
  type AnchoredHead,
  type AnchorKey,
  anchorKeyId,
  anchorSignatureValid,
  parseAnchor,
} from '../../core/journal/journal-anchor.ts'
import { type JournalBreak, verifyJournalChain } from '../../store/journal.repository.ts'
import { listTenants } from '../../store/tenant.repository.ts'
import type { AppContext } from '../app-context.ts'

export interface VerifyJournalInput {
  /** Verify only this tenant (slug); every tenant otherwise. */
  readonly tenant?: string
  /** An anchor file's text and where it came from (for messages). */
  readonly anchor?: { readonly text: string; readonly source: string }
  /** The key that verifies the anchor; required with `anchor`. */
  readonly key?: AnchorKey
}

/** One tenant's verdict. */
export interface TenantVerdict {
  readonly tenant: string
  readonly events: number
  /** Ledger lines and payments found exactly as their events recorded them. */
  readonly rowsChecked: number
  /** The anchored head this tenant was held to, if the anchor has one. */
  readonly anchored: { readonly seq: number } | null
  readonly firstBreak: JournalBreak | null
}

export interface VerifyJournalResult {
  readonly tenants: readonly TenantVerdict[]
  /** True when every tenant verified (a negative verdict is a result, not an error: exit 1). */
  readonly intact: boolean
  readonly anchor: { readonly createdAt: string; readonly keyId: string } | null
}

/**
 * Verifies the journal of every tenant (or one): the hash chain, every ledger line and payment against
 * the digest of the event that recorded it, that no such row exists without an event, and, given a
 * signed anchor, that each chain still holds the anchored hash at the anchored seq (so a rewrite or a
 * cut before the anchor is found). A malformed anchor or a bad signature is an error, not a verdict.
 */
export async function verifyJournal(
  ctx: Pick<AppContext, 'store'>,
  input: VerifyJournalInput = {},
): Promise<VerifyJournalResult> {
  const anchor = input.anchor ? checkedAnchor(input.anchor, input.key) : null
  const all = await listTenants(ctx.store.db)
  const tenants = all.filter((t) => !input.tenant || t.slug === input.tenant)
  if (input.tenant && tenants.length === 0) {
    throw new AppError('tenant_not_found', `no tenant "${input.tenant}"`)
  }
  const verdicts: TenantVerdict[] = []
  for (const head of anchor?.heads ?? []) {
    if (input.tenant && head.tenant !== input.tenant) continue
    const tenant = all.find((t) => t.id === head.tenantId)
    if (tenant?.slug !== head.tenant) {
      verdicts.push(lostTenant(head, tenant?.slug))
    }
  }
  for (const tenant of tenants) {
    const anchored = anchor?.heads.find((h) => h.tenantId === tenant.id && h.tenant === tenant.slug)
    const result = await verifyJournalChain(ctx.store.db, tenant.id, {
      coverage: true,
      ...(anchored && anchored.seq > 0 ? { anchor: anchored } : {}),
    })
    verdicts.push({
      tenant: tenant.slug,
      events: result.events,
      rowsChecked: result.rowsChecked,
      anchored: anchored ? { seq: anchored.seq } : null,
      firstBreak: result.firstBreak,
    })
  }
  return {
    tenants: verdicts,
    intact: verdicts.every((v) => v.firstBreak === null),
    anchor: anchor ? { createdAt: anchor.createdAt, keyId: anchor.keyId } : null,
  }
}

function checkedAnchor(file: { text: string; source: string }, key: AnchorKey | undefined) {
  const anchor = parseAnchor(file.text, file.source)
  if (!key)
    throw new AppError('audit_key_missing', 'verifying an anchor needs the audit key it was signed with')
  if (!anchorSignatureValid(anchor, key)) {
    const keyId = anchorKeyId(key)
    const which =
      anchor.keyId === keyId && anchor.algorithm === key.algorithm
        ? 'the file was altered after signing'
        : `it was signed with ${anchor.algorithm} key ${anchor.keyId}, the configured key is ${key.algorithm} ${keyId}`
    throw new AppError(
      'anchor_signature_invalid',
      `the signature of ${file.source} does not verify: ${which}`,
    )
  }
  return anchor
}

/** A tenant the anchor names that is gone (or renamed): its whole chain went with it. */
function lostTenant(head: AnchoredHead, slugNow: string | undefined): TenantVerdict {
  const reason =
    slugNow === undefined
      ? `the anchor holds tenant ${head.tenant} at seq ${head.seq}, but the tenant no longer exists`
      : `the anchor holds tenant ${head.tenant} (id ${head.tenantId}), but that id is now tenant ${slugNow}`
  return {
    tenant: head.tenant,
    events: 0,
    rowsChecked: 0,
    anchored: { seq: head.seq },
    firstBreak: { seq: null, eventId: null, reason },
  }
}
