import { type BuiltDocument, buildDocument } from '../core/documents/build-document.ts'
import type { DocumentFacts } from '../core/documents/document-facts.ts'
import type { DocumentKind } from '../core/documents/document-kinds.ts'
import type { PaperSize } from '../core/documents/document-model.ts'

/** Options of one document rendering. */
export interface RenderDocumentOptions {
  readonly paper?: PaperSize
  /** A language instead of the debtor's preferred one (same fallback). */
  readonly locale?: string
}

/** A document as a message attachment: what a MessageRenderer port hands a sender. */
export interface DocumentAttachment {
  readonly filename: string
  readonly contentType: 'application/pdf'
  readonly bytes: Uint8Array
}

/**
 * Builds and renders a document from facts: the PDF bytes, the built model (dates, locale choice and
 * content check) and the attachment form. It does not refuse a blocked document: the caller reads
 * `built.check` (the use cases and the dispatcher refuse to send or print one that blocks).
 */
export async function renderDocument(
  kind: DocumentKind,
  facts: DocumentFacts,
  options: RenderDocumentOptions = {},
): Promise<{ built: BuiltDocument; pdf: Uint8Array; attachment: DocumentAttachment }> {
  const built = buildDocument(kind, facts, options.locale)
  // Loaded on first use: @react-pdf and its fonts take a good part of a second to import, and most
  // commands (and a dispatcher sending without attachments) never draw a page.
  const { renderDocumentPdf } = await import('./render-document-pdf.ts')
  const pdf = await renderDocumentPdf(built.model, { paper: options.paper ?? 'A4' })
  const filename = `${kind}-${facts.account.ref.replace(/[^A-Za-z0-9._-]/g, '_')}-${facts.mailingDate}.pdf`
  return { built, pdf, attachment: { filename, contentType: 'application/pdf', bytes: pdf } }
}
