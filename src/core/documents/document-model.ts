import type { DocumentLocale, TextDirection } from './document-locale.ts'

/** The printed paper sizes; each has its window-envelope address position (src/documents/page-layout.ts). */
export const PAPER_SIZES = ['A4', 'LETTER'] as const
export type PaperSize = (typeof PAPER_SIZES)[number]

/** One block of a document's flow, laid out top to bottom (start to end of line in the locale). */
export type DocumentBlock =
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'paragraph'; readonly text: string; readonly strong?: boolean }
  | {
      readonly type: 'table'
      readonly columns: readonly string[]
      readonly rows: readonly (readonly string[])[]
      /** Columns holding figures (aligned to the line's end). */
      readonly numeric: readonly number[]
      readonly total?: readonly string[]
      /** Relative column widths (default: equal). */
      readonly widths?: readonly number[]
    }
  /** Label and value pairs: the figures of a notice. */
  | { readonly type: 'fields'; readonly rows: readonly (readonly [string, string])[] }
  /** Boxes a reader ticks (the dispute prompts, the reply form). */
  | { readonly type: 'checkboxes'; readonly items: readonly string[] }
  /** Blank lines to write on, each with its label. */
  | { readonly type: 'form'; readonly labels: readonly string[] }
  /** A dashed cut line with its caption: what follows is the tear-off response form. */
  | { readonly type: 'tearOff'; readonly caption: string }
  | { readonly type: 'pageBreak' }

/**
 * A document ready to print: who writes, to whom (the window-envelope address block), its date and
 * reference, and its blocks. Everything is already text in the reader's language; the PDF engine only
 * lays it out. Builders in this folder make one from an account's facts.
 */
export interface DocumentModel {
  readonly kind: string
  readonly locale: DocumentLocale
  readonly direction: TextDirection
  readonly title: string
  /** The sender's name and address, printed small above the recipient (the return line). */
  readonly sender: readonly string[]
  /** The recipient's name and postal address lines, in the envelope window. */
  readonly recipient: readonly string[]
  /** The date line as printed ("March 2, 2026"). */
  readonly dateLine: string
  /** "Account: A-1" and similar, printed under the date. */
  readonly references: readonly string[]
  readonly blocks: readonly DocumentBlock[]
  /** Printed at the foot of every page, with the page number. */
  readonly footer: string
}

/** The whole text of a model in reading order, for content checks and tests. */
export function documentText(model: DocumentModel): string {
  const parts: string[] = [model.title, ...model.references]
  for (const block of model.blocks) {
    if (block.type === 'heading' || block.type === 'paragraph') parts.push(block.text)
    else if (block.type === 'table')
      parts.push(block.columns.join(' '), ...block.rows.map((r) => r.join(' ')))
    else if (block.type === 'fields') parts.push(...block.rows.map(([k, v]) => `${k} ${v}`))
    else if (block.type === 'checkboxes') parts.push(...block.items)
    else if (block.type === 'form') parts.push(...block.labels)
    else if (block.type === 'tearOff') parts.push(block.caption)
  }
  parts.push(model.footer)
  return parts.join('\n\n')
}
