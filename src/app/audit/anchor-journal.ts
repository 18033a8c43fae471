import { type AnchorKey, type JournalAnchor, signAnchor } from '../../core/journal/journal-anchor.ts'
import { listJournalHeads } from '../../store/journal.repository.ts'
import type { AppContext } from '../app-context.ts'

export interface AnchorJournalInput {
  /** The signing key (from configuration: src/config/audit-key-config.ts). */
  readonly key: AnchorKey
  readonly now?: Date
}

/**
 * Signs every tenant's current chain head (tenant, seq, hash, time). Kept outside the database, the
 * anchor lets `verifyJournal` prove later that nothing up to those heads was rewritten or cut off,
 * which the chain alone cannot: whoever can write the database can rebuild a consistent chain.
 */
export async function anchorJournal(
  ctx: Pick<AppContext, 'store'>,
  input: AnchorJournalInput,
): Promise<JournalAnchor> {
  const heads = await listJournalHeads(ctx.store.db)
  return signAnchor(heads, input.key, input.now ?? new Date())
}
