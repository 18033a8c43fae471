import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { openSync } from 'fontkit'
import { expect, it } from 'vitest'
import { registerDocumentFonts } from '../../src/documents/document-fonts.ts'

const require = createRequire(import.meta.url)
const arabicFont = join(
  dirname(require.resolve('@fontsource/noto-sans-arabic/package.json')),
  'files',
  'noto-sans-arabic-arabic-400-normal.woff',
)

/** Where each glyph of a run lands when drawn in reverse (as the PDF engine draws right-to-left runs). */
function drawnReversed(text: string) {
  const run = openSync(arabicFont).layout(text, undefined, undefined, undefined, 'ltr')
  const glyphs = run.positions.map((p, i) => ({ i, ...p })).reverse()
  let pen = 0
  return glyphs.map((g) => {
    const at = { i: g.i, from: pen + g.xOffset, advance: g.xAdvance }
    pen += g.xAdvance
    return at
  })
}

it('puts an Arabic dot on its own letter once the run is drawn right to left', () => {
  registerDocumentFonts()
  // "من": meem, noon (dotless body), and the noon's dot, a mark with no advance.
  const drawn = drawnReversed('من')
  const dot = drawn.find((g) => g.i === 2)
  const noon = drawn.find((g) => g.i === 1)
  if (!dot || !noon) throw new Error('unexpected glyphs')
  expect(dot.advance).toBe(0)
  expect(dot.from).toBeGreaterThan(noon.from)
  expect(dot.from).toBeLessThan(noon.from + noon.advance)
})

it('a tanween after a dotted letter sits on that letter, not on its neighbour', () => {
  registerDocumentFonts()
  // "قًا": qaf with its two dots, then tanween fath, then alef.
  const drawn = drawnReversed('مستحقًا')
  const marks = drawn.filter((g) => g.advance === 0)
  const letters = drawn.filter((g) => g.advance > 0)
  for (const mark of marks) {
    const base = letters.filter((l) => l.i < mark.i).sort((a, b) => b.i - a.i)[0]
    if (!base) throw new Error('a mark without a letter')
    expect(mark.from, `mark ${mark.i} on letter ${base.i}`).toBeGreaterThanOrEqual(base.from - 1)
    expect(mark.from).toBeLessThanOrEqual(base.from + base.advance)
  }
})
