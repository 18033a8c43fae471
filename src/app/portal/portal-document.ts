import { AppError } from '../../core/errors/index.ts'
import { letterPaperOf } from '../../core/outreach/letter-kind.ts'
import type { AppContext } from '../app-context.ts'
import { type RenderedDocument, renderAccountDocument } from '../documents/render-account-document.ts'
import { portalDocuments, portalHeader } from './portal-account.ts'

/**
 * One document of the session's account as PDF: the statement of account (as of today), or a letter
 * mailed about the account, rendered again from the books with its mailing date (the latest of that
 * kind unless `mailingDate` names one). A kind the account was not sent is `document_not_found`: the
 * portal shows a debtor the papers of their own account only.
 */
export async function getPortalDocument(
  ctx: AppContext,
  input: { readonly kind: string; readonly mailingDate?: string },
): Promise<RenderedDocument> {
  const header = await portalHeader(ctx)
  const offered = (await portalDocuments(ctx)).filter(
    (d) => d.kind === input.kind && (input.mailingDate === undefined || d.sentOn === input.mailingDate),
  )
  const chosen = offered.at(-1)
  if (!chosen)
    throw new AppError('document_not_found', `no ${input.kind} document for this account`, {
      kind: input.kind,
    })
  return renderAccountDocument(ctx, {
    kind: chosen.kind,
    account: header.externalId,
    paper: letterPaperOf(header.jurisdiction),
    ...(chosen.sentOn ? { mailingDate: chosen.sentOn } : {}),
  })
}
