/**
 * The playbooks a tenant's daily run applies: the shipped ones (src/playbook/default-playbooks.ts),
 * each replaced by the tenant's active stored version of the same id, plus the tenant's active
 * playbooks of other ids (docs/playbooks.md, "Stored versions").
 */
import type { Kysely } from 'kysely'
import type { PlaybookDocument } from '../core/playbook/playbook-document.ts'
import {
  listActivePlaybookVersions,
  type PlaybookVersionRow,
} from '../store/playbooks/playbook-version.repository.ts'
import type { Database } from '../store/schema.ts'
import { defaultPlaybooksStamp, loadDefaultPlaybooks } from './default-playbooks.ts'

/** One playbook of the set, and where it comes from. */
export interface EffectivePlaybook {
  readonly document: PlaybookDocument
  readonly origin: 'shipped' | 'tenant'
  /** The stored version's row id (null for a shipped playbook). */
  readonly versionId: number | null
}

/** The shipped playbooks with the active rows laid over them by id (shipped order, then new ids). */
export function mergePlaybooks(
  shipped: readonly PlaybookDocument[],
  active: readonly Pick<PlaybookVersionRow, 'id' | 'playbook_id' | 'document'>[],
): EffectivePlaybook[] {
  const byId = new Map(active.map((row) => [row.playbook_id, row]))
  const set: EffectivePlaybook[] = shipped.map((document) => {
    const row = byId.get(document.id)
    if (!row) return { document, origin: 'shipped', versionId: null }
    byId.delete(document.id)
    return {
      document: JSON.parse(row.document) as PlaybookDocument,
      origin: 'tenant',
      versionId: Number(row.id),
    }
  })
  for (const row of byId.values())
    set.push({
      document: JSON.parse(row.document) as PlaybookDocument,
      origin: 'tenant',
      versionId: Number(row.id),
    })
  return set
}

/** The tenant's effective playbooks now. */
export async function tenantPlaybooks(db: Kysely<Database>, tenantId: number): Promise<EffectivePlaybook[]> {
  return mergePlaybooks(loadDefaultPlaybooks(), await listActivePlaybookVersions(db, tenantId))
}

/**
 * The same as documents with a key that changes whenever their content does (the shipped files'
 * stamps and the active row ids, which are immutable), for the compiled-playbook cache.
 */
export async function tenantPlaybookSet(
  db: Kysely<Database>,
  tenantId: number,
): Promise<{ key: string; documents: () => PlaybookDocument[] }> {
  const active = await listActivePlaybookVersions(db, tenantId)
  return {
    key: `tenant:${defaultPlaybooksStamp()}:${active.map((row) => row.id).join(',')}`,
    documents: () => mergePlaybooks(loadDefaultPlaybooks(), active).map((p) => p.document),
  }
}
