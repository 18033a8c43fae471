import { describe, expect, it } from 'vitest'
import type { DocumentModel } from '../../src/core/documents/document-model.ts'
import { renderDocumentPdf } from '../../src/documents/render-document-pdf.ts'
import { HAS_PDFTOTEXT, pdfText, pdfWords } from './pdf-tools.ts'

const model = (paragraph: string, direction: 'ltr' | 'rtl'): DocumentModel => ({
  kind: 'test',
  locale: direction === 'rtl' ? 'ar' : 'hi',
  direction,
  title: 'T',
  sender: ['S'],
  recipient: ['R'],
  dateLine: 'D',
  references: [],
  blocks: [{ type: 'paragraph', text: paragraph }],
  footer: 'F',
})

// The engine was chosen by this test (issue 10): pdfkit laid Arabic words out left to right and
// reversed digits; pdf-lib left Arabic unshaped. @react-pdf/renderer passes it.
describe.skipIf(!HAS_PDFTOTEXT)('PDF engine: right-to-left order and Indic shaping', () => {
  it('lays an Arabic line out right to left, digits in their own order', async () => {
    const words = ['المبلغ', 'المستحق', 'هو', '1234', 'درهم']
    const drawn = pdfWords(await renderDocumentPdf(model(words.join(' '), 'rtl'), { paper: 'A4' }))
    const arabicY = drawn.find((w) => /[\u0600-\u06ff]/.test(w.text))?.yMin ?? 0
    // The words of that one line (the digits sit a little lower: another font's metrics).
    const line = drawn.filter((w) => Math.abs(w.yMin - arabicY) < 10 && /[\u0600-\u06ff]|^\d+$/.test(w.text))
    // Reading order is right to left: sort by x descending; pdftotext gives each Arabic word's glyphs
    // in visual order, so reverse them to compare with the logical text.
    const read = line
      .sort((a, b) => b.xMin - a.xMin)
      .map((w) => (/^\d+$/.test(w.text) ? w.text : [...w.text].reverse().join('')))
    expect(read).toEqual(words)
  })

  it('reads a right-to-left line from the right even when it starts with a Latin name or a number', async () => {
    const drawn = pdfWords(await renderDocumentPdf(model('Acme Co هو المال لهم', 'rtl'), { paper: 'A4' }))
    const line = drawn
      .filter((w) => /[\u0600-\u06ff]|^(Acme|Co)$/.test(w.text))
      .sort((a, b) => b.xMin - a.xMin)
    // From the right edge: "Acme Co" (so Co first: the name itself runs left to right), then the Arabic
    // words in reading order (glyphs of each
    // Arabic word come back in visual order; the words avoid letters whose dots share a glyph body).
    expect(line.map((w) => w.text)).toEqual(['Co', 'Acme', 'وه', 'لاملا', 'مهل'])
  })

  it('keeps a licence number or ISO date in order inside an Arabic line', async () => {
    const drawn = pdfWords(
      await renderDocumentPdf(model('رقم الترخيص 10000-42 و 2026-12-30', 'rtl'), { paper: 'A4' }),
    )
    const texts = drawn.map((w) => w.text)
    expect(texts).toContain('10000-42')
    expect(texts).toContain('2026-12-30')
  })

  it('shapes Devanagari: the i-matra is drawn before its consonant', async () => {
    const drawn = pdfWords(await renderDocumentPdf(model('कुल बकाया राशि है', 'ltr'), { paper: 'A4' }))
    const texts = drawn.filter((w) => /[\u0900-\u097f]/.test(w.text)).map((w) => w.text)
    expect(texts).toHaveLength(4)
    // Logical "राशि" (ra, aa, sha, i); shaped, the vowel sign i (U+093F) precedes sha on the page.
    expect(texts[2]).toBe('रािश')
    expect(texts[0]).toBe('कुल')
  })

  // Noto Sans Arabic draws فـ and إ as a body plus a mark glyph; the engine dropped the body of the
  // first letter of a run it cut (the start or end of a line, a word after a Latin name), keeping the mark.
  it('keeps the first letter of an Arabic word at the start and end of a line and after a Latin name', async () => {
    const text = pdfText(
      await renderDocumentPdf(
        { ...model('فُرضت عليك لك إشعار', 'rtl'), title: 'إشعار', footer: 'Acme فُرضت' },
        { paper: 'A4' },
      ),
    )
    // pdftotext wraps right-to-left text in embedding controls (U+202A..U+202E).
    const words = text.split(/[\s\u202a-\u202e]+/)
    // Title (a line of one word), paragraph start and end, footer after a Latin word.
    expect(words.filter((w) => w === 'إشعار')).toHaveLength(2)
    // Its feh comes back as qaf (they share a glyph body, and the PDF maps the body to one letter): count.
    expect(words.filter((w) => w.endsWith('ُرضت')).map((w) => [...w].length)).toEqual([5, 5])
    // No word starts with a lone mark (the kept dot or vowel of a dropped letter).
    expect(words.filter((w) => /^[\u064b-\u065f]/.test(w))).toEqual([])
  })
})
