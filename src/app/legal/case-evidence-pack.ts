import { caseCaption } from '../../core/legal/case-caption.ts'
import type { AppContext } from '../app-context.ts'
import {
  type BuildEvidencePackInput,
  buildEvidencePack,
  type EvidencePack,
} from '../evidence/build-evidence-pack.ts'
import { showCase } from './show-case.ts'

/**
 * A legal case's evidence pack (docs/legal-cases.md): the pack of the case's accounts under the case's
 * caption. Needs `cases.read` (the case, in the actor's scope) and `evidence.export` (the pack, journaled).
 */
export async function buildCaseEvidencePack(
  ctx: AppContext,
  input: { readonly id: number } & Omit<BuildEvidencePackInput, 'accounts' | 'header'>,
): Promise<EvidencePack> {
  const { id, ...options } = input
  const view = await showCase(ctx, { id })
  const header = caseCaption({
    id: view.id,
    kind: view.kind,
    status: view.status,
    caseNumber: view.caseNumber,
    forum: view.forum,
    parties: view.parties,
    currency: view.currency,
    claimTotalMinor: view.claim.totalMinor,
    filedOn: view.filedOn,
  })
  return buildEvidencePack(ctx, { ...options, accounts: view.accounts, header })
}
