import { buildDocument } from '../../core/documents/build-document.ts'
import type { DocumentModel } from '../../core/documents/document-model.ts'
import { AppError } from '../../core/errors/index.ts'
import { renderLetterBatch } from '../../documents/letter-batch.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { documentFactsFor, type RenderDocumentInput } from './render-account-document.ts'

/** A print-and-mail batch: one kind of letter for several accounts, all mailed on one day. */
export interface LetterBatchInput extends Omit<RenderDocumentInput, 'account'> {
  readonly accounts: readonly string[]
}

/** One letter that was not put in the batch, and why. */
export interface LetterSkipped {
  readonly account: string
  readonly code: string
  readonly message: string
}

/** The batch PDF, its manifest and the letters left out. */
export interface LetterBatch {
  readonly pdf: Uint8Array
  readonly manifestCsv: string
  readonly letters: number
  readonly skipped: readonly LetterSkipped[]
  readonly mailingDate: string
}

/**
 * Builds a print-and-mail batch: every letter in one PDF (each from a new page, the address in the
 * envelope window) and a manifest CSV (sequence, account, pages, recipient and address) for the print
 * house. An account with no postal address, or whose letter does not apply or fails a content check, is
 * left out and reported,
 * never printed. The mailing date is journalled per account (`letters.batch_exported`), because it
 * starts legal clocks (validation period, NI Act, Pre-Action Protocol).
 */
export async function exportLetterBatch(ctx: AppContext, input: LetterBatchInput): Promise<LetterBatch> {
  if (input.accounts.length === 0) throw new AppError('missing_option', 'name at least one account')
  const models: { account: string; model: DocumentModel; dates: Record<string, string> }[] = []
  const skipped: LetterSkipped[] = []
  let mailingDate = input.mailingDate ?? ''
  for (const account of input.accounts) {
    try {
      const { facts, kind } = await documentFactsFor(ctx, { ...input, account })
      mailingDate = facts.mailingDate
      if (facts.debtor.addressLines.length <= 1) {
        skipped.push({ account, code: 'missing_document_facts', message: 'no postal address on file' })
        continue
      }
      const built = buildDocument(kind, facts, input.locale)
      if (built.check.outcome === 'block') {
        skipped.push({ account, code: 'document_blocked', message: built.check.reasons[0]?.message ?? '' })
        continue
      }
      models.push({ account: facts.account.ref, model: built.model, dates: { ...built.dates } })
    } catch (error) {
      // Malformed options stop the batch; an account the letter does not fit is left out and reported.
      const perAccount =
        error instanceof AppError && (error.kind !== 'bad_input' || error.code === 'missing_document_facts')
      if (!perAccount) throw error
      skipped.push({ account, code: error.code, message: error.message })
    }
  }
  const paper = (input.paper ?? 'A4').toUpperCase() as 'A4' | 'LETTER'
  const { pdf, manifestCsv } = await renderLetterBatch(
    models.map((m) => ({ account: m.account, model: m.model, mailingDate })),
    paper,
  )
  if (models.length > 0)
    await inTransaction(ctx, (trx) =>
      appendJournalEvent(trx, {
        tenantId: ctx.actor.tenant.id,
        type: 'letters.batch_exported',
        actor: actorLabel(ctx.actor),
        payload: {
          kind: input.kind,
          mailingDate,
          paper,
          letters: models.map((m) => ({ account: m.account, dates: m.dates })),
        },
      }),
    )
  return { pdf, manifestCsv, letters: models.length, skipped, mailingDate }
}
