import PDFDocument from 'pdfkit'
import { expect, it } from 'vitest'
import { installGlyphDrawing } from '../../src/documents/pdf-glyphs.ts'

it('draws a glyph with an offset at pen + offset in points, and the next one back on the pen', () => {
  installGlyphDrawing()
  const content: string[] = []
  const doc = {
    _font: { id: 'F1', font: { unitsPerEm: 1000 }, ref: () => ({}) },
    _fontSize: 10,
    page: { height: 800, fonts: {} as Record<string, unknown> },
    save() {},
    restore() {},
    transform() {},
    addContent: (text: string) => content.push(text),
  }
  const glyphs = (PDFDocument as unknown as { prototype: { glyphs: (...args: unknown[]) => void } }).prototype
    .glyphs
  const glyph = (id: number, advanceWidth: number) => ({ id, advanceWidth, codePoints: [id] })
  glyphs.call(
    doc,
    [glyph(1, 500), glyph(2, 0), glyph(3, 600)],
    [
      { xAdvance: 5, xOffset: 0, yOffset: 0 },
      // A mark 2.5 pt right of its pen and 3 pt up (a dot above).
      { xAdvance: 0, xOffset: 2.5, yOffset: 3 },
      { xAdvance: 6, xOffset: 0, yOffset: 0 },
    ],
    100,
    50,
  )
  // Text space: y up from the page's bottom (800 - 50 = 750).
  expect(content).toEqual([
    'BT',
    '1 0 0 1 100 750 Tm',
    '/F1 10 Tf',
    '[<01>] TJ',
    '1 0 0 1 107.5 753 Tm',
    '<02> Tj',
    '1 0 0 1 105 750 Tm',
    '[<03>] TJ',
    'ET',
  ])
})
