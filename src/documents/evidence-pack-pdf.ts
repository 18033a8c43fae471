import { Document, Page, renderToBuffer, Text, View } from '@react-pdf/renderer'
import { createElement as h, type ReactElement } from 'react'
import type { PaperSize } from '../core/documents/document-model.ts'
import type { EvidenceModel } from '../core/evidence/evidence-model.ts'
import { registerDocumentFonts } from './document-fonts.ts'
import { PAGE_LAYOUTS } from './page-layout.ts'
import { blockElement, guardArabicRuns, type Kit, styles } from './render-document-pdf.ts'

/**
 * Lays an evidence pack out as one PDF (docs/evidence-pack.md): the caption (title and the caller's
 * lines), then each section from a new heading, with the blocks of the letters' engine (tables,
 * label-value fields, paragraphs) in the same fonts and margins as the documents, a smaller type, and
 * the footer with "page n / m" on every page. The pack is a record, not a letter: no address window.
 */
export async function renderEvidencePackPdf(
  model: EvidenceModel,
  paper: PaperSize = 'A4',
): Promise<Uint8Array> {
  registerDocumentFonts()
  const layout = PAGE_LAYOUTS[paper]
  const { margin } = layout
  // Names and addresses may be in any script; each line keeps its own order (no right-to-left pack).
  const text = (style: object, raw: string, extra: object = {}) =>
    h(Text, { style: [{ textAlign: 'left' }, style].flat() as never, ...extra }, guardArabicRuns(raw))
  const kit: Kit = { text, row: 'row', rtl: false }
  const footer = h(Text, {
    fixed: true,
    style: {
      ...styles.footer,
      top: layout.height - margin / 2 - 9,
      left: margin,
      right: margin,
      textAlign: 'center',
    },
    render: ({ pageNumber, totalPages }: Record<string, number | undefined>) =>
      `${model.footer} · ${pageNumber ?? 1} / ${totalPages ?? 1}`,
  })
  const caption = h(
    View,
    { style: { borderBottomWidth: 1, borderBottomColor: '#111', paddingBottom: 6, marginBottom: 8 } },
    text([styles.title, { marginBottom: 4 }], model.title),
    ...model.headerLines.map((line, i) => text({ fontSize: 9.5 }, line, { key: i })),
  )
  const blockOf = (block: EvidenceModel['sections'][number]['blocks'][number], i: number) =>
    block.type === 'fields'
      ? // A record reads label then value, both from the left (a letter's figures align right).
        h(
          View,
          { key: i, style: { marginBottom: 6 } },
          ...block.rows.map(([label, value], r) =>
            h(
              View,
              { key: r, style: [styles.row, { flexDirection: 'row' }], wrap: false },
              text({ width: 150, color: '#333', paddingRight: 6 }, label),
              text({ flex: 1 }, value),
            ),
          ),
        )
      : blockElement(block, i, kit)
  const sections = model.sections.map((section) => {
    const heading = text(
      {
        ...styles.heading,
        fontSize: 12,
        marginTop: 12,
        paddingBottom: 2,
        borderBottomWidth: 0.5,
        borderBottomColor: '#555',
      },
      section.heading,
    )
    // The heading never ends a page alone: it keeps its first block (a short one: a paragraph, a
    // sub-heading or a record) with it; a table that follows keeps its header row by its own rules.
    const [first, ...rest] = section.blocks
    const keep = first !== undefined && first.type !== 'table'
    return h(
      View,
      { key: section.id },
      keep
        ? h(View, { wrap: false }, heading, blockOf(first, -1))
        : h(View, { wrap: false, minPresenceAhead: 60 }, heading),
      ...keptTogether(keep ? rest : section.blocks, blockOf),
    )
  })
  const buffer = await renderToBuffer(
    h(
      Document,
      { creator: 'Recoup', producer: 'Recoup', title: model.title },
      h(
        Page,
        {
          size: layout.size,
          style: [styles.page, { fontSize: 8.5, padding: margin, paddingBottom: margin + 8 }],
        },
        caption,
        ...sections,
        footer,
      ),
    ) as never,
  )
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

/**
 * The blocks in order, each sub-heading kept on one page with the short block after it (a record or a
 * paragraph; the engine's own minPresenceAhead let a heading end a page alone).
 */
function keptTogether(
  blocks: EvidenceModel['sections'][number]['blocks'],
  blockOf: (block: EvidenceModel['sections'][number]['blocks'][number], i: number) => ReactElement,
): ReactElement[] {
  const out: ReactElement[] = []
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as (typeof blocks)[number]
    const next = blocks[i + 1]
    if (block.type === 'heading' && next !== undefined && next.type !== 'table' && next.type !== 'heading') {
      out.push(h(View, { key: `k${i}`, wrap: false }, blockOf(block, i), blockOf(next, i + 1)))
      i++
    } else out.push(blockOf(block, i))
  }
  return out
}
