import { Document, Page, renderToBuffer, StyleSheet, Text, View } from '@react-pdf/renderer'
import { createElement as h, type ReactElement } from 'react'
import type { DocumentBlock, DocumentModel, PaperSize } from '../core/documents/document-model.ts'
import { FONT_FAMILIES, registerDocumentFonts } from './document-fonts.ts'
import { PAGE_LAYOUTS } from './page-layout.ts'

/** Options of one rendering. */
export interface PdfOptions {
  readonly paper: PaperSize
}

/** Page numbers of each letter in a rendered batch (first and last page, 1-based). */
export type PageSpans = Map<number, { first: number; last: number }>

/** Hebrew and Arabic letters: a line holding one is laid out right to left in an RTL document. */
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/

/**
 * A number with inner separators (10000-42, 2026-12-30, 12:30): in a right-to-left line the engine
 * reverses its parts, so a left-to-right mark goes in front and keeps it in order (it draws nothing).
 */
const SEPARATED_NUMBER = /(?<![\p{L}\p{N}])(\d+(?:[-/:]\d+)+)/gu

/**
 * Where a run of Arabic script starts (not after an Arabic letter or mark). Noto Sans Arabic draws most
 * letters as a dotless body plus a separate dot glyph that maps to no character; when the engine
 * (@react-pdf/textkit 7) cuts a line out of a run that starts with such a letter, it keeps the dot and
 * drops the body, so the first letter of a line or of a word after a font change went missing. An
 * Arabic letter mark (U+061C: right to left like the letter, transparent to joining, drawn with no
 * width) in front gives the run a first glyph of its own, and the cut keeps every letter.
 */
const ARABIC_RUN_START = /(?<![\p{Script=Arabic}\p{M}\u061c])(?=\p{Script=Arabic})/gu

/** The text as the engine gets it: every Arabic run led by an Arabic letter mark (see above). */
export function guardArabicRuns(text: string): string {
  return text.replace(ARABIC_RUN_START, '\u061c')
}

export const styles = StyleSheet.create({
  page: { fontFamily: FONT_FAMILIES, fontSize: 10, lineHeight: 1.35, color: '#111' },
  returnLine: { fontSize: 7, color: '#444', marginBottom: 4 },
  title: { fontSize: 14, fontWeight: 700, marginBottom: 10 },
  heading: { fontSize: 11.5, fontWeight: 700, marginTop: 10, marginBottom: 4 },
  paragraph: { marginBottom: 6 },
  strong: { fontWeight: 700 },
  row: { borderBottomWidth: 0.5, borderBottomColor: '#999', paddingVertical: 2 },
  headerRow: { borderBottomWidth: 1, borderBottomColor: '#111', paddingVertical: 2, fontWeight: 700 },
  totalRow: { borderTopWidth: 1, borderTopColor: '#111', paddingVertical: 2, fontWeight: 700 },
  cell: { flex: 1, paddingHorizontal: 3 },
  box: { width: 9, height: 9, borderWidth: 0.8, borderColor: '#111', marginTop: 2 },
  formLine: { borderBottomWidth: 0.5, borderBottomColor: '#111', height: 18, marginBottom: 4 },
  cut: { borderTopWidth: 1, borderTopColor: '#111', borderStyle: 'dashed', marginTop: 14, paddingTop: 3 },
  footer: { position: 'absolute', fontSize: 7, color: '#555' },
})

/**
 * Renders documents to one PDF: each document starts on a new page, its first page with the address
 * block in the envelope window of the paper size, every page with the footer and "n / m" within the
 * document. `spans` (when given) receives each document's page numbers in the PDF, for a batch manifest.
 */
export async function renderDocumentsPdf(
  models: readonly DocumentModel[],
  options: PdfOptions,
  spans?: PageSpans,
): Promise<Uint8Array> {
  registerDocumentFonts()
  const pages = models.map((model, index) => documentPage(model, options.paper, index, spans))
  const buffer = await renderToBuffer(
    h(Document, { creator: 'Recoup', producer: 'Recoup' }, ...pages) as never,
  )
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

/** Renders one document to a PDF. */
export function renderDocumentPdf(model: DocumentModel, options: PdfOptions): Promise<Uint8Array> {
  return renderDocumentsPdf([model], options)
}

/** The number of pages of a PDF the engine wrote (its page objects are never in object streams). */
export function countPages(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page\b/g) ?? []
  ).length
}

function documentPage(
  model: DocumentModel,
  paper: PaperSize,
  index: number,
  spans?: PageSpans,
): ReactElement {
  const layout = PAGE_LAYOUTS[paper]
  const rtl = model.direction === 'rtl'
  const align = rtl ? 'right' : 'left'
  const row = rtl ? 'row-reverse' : 'row'
  // The paragraph direction is set, never guessed: an Arabic line that starts with a date or a Latin
  // name still reads from the right; a line with no right-to-left letter (a Latin address, a figure)
  // keeps its own order and is only aligned right.
  const text = (style: object, raw: string, extra: object = {}) => {
    const lineRtl = rtl && RTL_LETTER.test(raw)
    const content = guardArabicRuns(lineRtl ? raw.replace(SEPARATED_NUMBER, '\u200e$1') : raw)
    return h(
      Text,
      {
        style: [{ textAlign: align, direction: lineRtl ? 'rtl' : 'ltr' }, style].flat() as never,
        ...extra,
      },
      content,
    )
  }
  const { window: win, margin } = layout
  // The envelope window is where it is whatever the language; only the text inside aligns to it.
  const addressBlock = h(
    View,
    { style: { position: 'absolute', left: win.left, top: win.top, width: win.width, height: win.height } },
    text(styles.returnLine, model.sender.join(' · ')),
    ...model.recipient.map((line) => text({}, line)),
  )
  const meta = h(
    View,
    {
      style: {
        position: 'absolute',
        top: win.top,
        // Right of the window in every language: the window is on the left of the envelope.
        right: margin,
        width: 160,
      },
    },
    text({ textAlign: 'right' }, model.dateLine),
    ...model.references.map((r) => text({ textAlign: 'right', fontSize: 8.5 }, r)),
  )
  // Placed from the top: the engine drops dynamic (render) text anchored with `bottom` on a page with a
  // relative lineHeight.
  const footer = h(Text, {
    fixed: true,
    style: {
      ...styles.footer,
      top: layout.height - margin / 2 - 9,
      left: margin,
      right: margin,
      textAlign: 'center',
    },
    render: ({ pageNumber, subPageNumber, subPageTotalPages }: Record<string, number | undefined>) => {
      // Called for every page the document spans: its first and last page number in the whole PDF.
      if (spans && pageNumber !== undefined) {
        const span = spans.get(index)
        spans.set(index, {
          first: Math.min(span?.first ?? pageNumber, pageNumber),
          last: Math.max(span?.last ?? pageNumber, pageNumber),
        })
      }
      return `${model.footer} · ${subPageNumber ?? 1} / ${subPageTotalPages ?? 1}`
    },
  })
  return h(
    Page,
    {
      key: index,
      size: layout.size,
      style: [styles.page, { padding: margin, paddingBottom: margin + 8 }],
    },
    addressBlock,
    meta,
    // Keeps the flow of the first page below the address field; later pages start at the margin.
    h(View, { style: { height: win.top + win.height + 12 - margin } }),
    text(styles.title, model.title),
    ...model.blocks.map((block, i) => blockElement(block, i, { text, row, rtl })),
    footer,
  )
}

export interface Kit {
  text: (style: object, content: string, extra?: object) => ReactElement
  row: 'row' | 'row-reverse'
  rtl: boolean
}

export function blockElement(block: DocumentBlock, key: number, kit: Kit): ReactElement {
  const { text, row } = kit
  switch (block.type) {
    case 'heading':
      return text(styles.heading, block.text, { key, minPresenceAhead: 40 })
    case 'paragraph':
      return text(block.strong ? [styles.paragraph, styles.strong] : styles.paragraph, block.text, { key })
    case 'fields':
      return h(
        View,
        { key, style: { marginBottom: 8 } },
        ...block.rows.map(([label, value], i) =>
          h(
            View,
            { key: i, style: [styles.row, { flexDirection: row }], wrap: false },
            text({ flex: 3 }, label),
            text({ flex: 2, textAlign: kit.rtl ? 'left' : 'right', fontWeight: 700 }, value),
          ),
        ),
      )
    case 'table': {
      const cells = (values: readonly string[], style: object, k: number) =>
        h(
          View,
          { key: k, style: [style, { flexDirection: row }] as never, wrap: false },
          ...values.map((v, c) =>
            text(
              [
                styles.cell,
                ...(block.widths?.[c] !== undefined ? [{ flex: block.widths[c] }] : []),
                ...(block.numeric.includes(c) ? [{ textAlign: kit.rtl ? 'left' : 'right' }] : []),
              ],
              v,
              { key: c },
            ),
          ),
        )
      return h(
        View,
        { key, style: { marginBottom: 8 } },
        cells(block.columns, styles.headerRow, -1),
        ...block.rows.map((r, i) => cells(r, styles.row, i)),
        ...(block.total ? [cells(block.total, styles.totalRow, -2)] : []),
      )
    }
    case 'checkboxes':
      return h(
        View,
        { key, style: { marginBottom: 6 } },
        ...block.items.map((item, i) =>
          h(
            View,
            { key: i, style: { flexDirection: row, marginBottom: 4 }, wrap: false },
            h(View, { style: [styles.box, kit.rtl ? { marginLeft: 6 } : { marginRight: 6 }] as never }),
            text({ flex: 1 }, item),
          ),
        ),
      )
    case 'form':
      return h(
        View,
        { key, style: { marginBottom: 6 } },
        ...block.labels.map((label, i) =>
          h(
            View,
            { key: i, style: styles.formLine, wrap: false },
            text({ fontSize: 8, color: '#444' }, label),
          ),
        ),
      )
    case 'tearOff':
      return h(
        View,
        { key, style: styles.cut, wrap: false, minPresenceAhead: 200 },
        text({ fontSize: 8 }, block.caption),
      )
    case 'pageBreak':
      return h(View, { key, break: true })
  }
}
