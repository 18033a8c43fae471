/**
 * How PDFs draw a run of shaped glyphs, installed on the pdfkit document @react-pdf renders with (its
 * `renderGlyphs` hands a run to `ctx.glyphs` when the document has one). @react-pdf's own drawing
 * scales the glyph offsets by the font size a second time, so a mark positioned by the font (an
 * Arabic dot, hamza or tanween; a Devanagari vowel sign placed by GPOS) was drawn at its pen position,
 * off its letter. This one draws each glyph at pen + offset in points, and runs without offsets as one
 * TJ with only the advance corrections (docs/documents.md, "Arabic"). With src/documents/arabic-marks.ts,
 * which restates Arabic mark offsets for the reversed drawing order.
 */
import PDFDocument from 'pdfkit'

interface Glyph {
  readonly id: number
  readonly advanceWidth: number
  readonly codePoints: readonly number[]
}
interface Position {
  readonly xAdvance: number
  readonly xOffset: number
  readonly yOffset: number
}
interface EmbeddedFont {
  readonly id: string
  readonly font?: { readonly unitsPerEm?: number }
  readonly scale?: number
  readonly subset?: { includeGlyph(id: number): number }
  readonly widths?: (number | undefined)[]
  readonly unicode?: (readonly number[] | undefined)[]
  ref(): unknown
}
interface Document {
  _font: EmbeddedFont
  _fontSize: number
  page: { height: number; fonts: Record<string, unknown> }
  save(): void
  restore(): unknown
  transform(a: number, b: number, c: number, d: number, e: number, f: number): void
  addContent(text: string): void
}

function number(n: number): number {
  if (!Number.isFinite(n)) throw new Error(`a glyph position is not a number: ${n}`)
  return Math.round(n * 1e6) / 1e6
}

/** The glyph's code in the font's encoding (an embedded font subsets it and records width and text). */
function encode(font: EmbeddedFont, glyph: Glyph): string {
  if (!font.subset) return `00${glyph.id.toString(16)}`.slice(-2)
  const gid = font.subset.includeGlyph(glyph.id)
  if (font.widths && font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * (font.scale ?? 1)
  if (font.unicode && font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints
  return `0000${gid.toString(16)}`.slice(-4)
}

function drawGlyphs(
  this: Document,
  glyphs: readonly Glyph[],
  positions: readonly Position[],
  x: number,
  y: number,
) {
  const font = this._font
  const size = this._fontSize
  const toText = 1000 / size
  const unitsPerEm = font.font?.unitsPerEm || 1000
  this.save()
  // Text space with y up, as PDF text wants it (the page's own coordinates run down).
  this.transform(1, 0, 0, -1, 0, this.page.height)
  const baseY = this.page.height - y
  if (this.page.fonts[font.id] == null) this.page.fonts[font.id] = font.ref()
  this.addContent('BT')
  this.addContent(`1 0 0 1 ${number(x)} ${number(baseY)} Tm`)
  this.addContent(`/${font.id} ${number(size)} Tf`)
  let items: string[] = []
  const flush = () => {
    if (items.length > 0) this.addContent(`[${items.join(' ')}] TJ`)
    items = []
  }
  let pen = 0
  for (let i = 0; i < glyphs.length; i++) {
    const glyph = glyphs[i] as Glyph
    const p = positions[i] as Position
    const code = encode(font, glyph)
    if (p.xOffset !== 0 || p.yOffset !== 0) {
      flush()
      this.addContent(`1 0 0 1 ${number(x + pen + p.xOffset)} ${number(baseY + p.yOffset)} Tm`)
      this.addContent(`<${code}> Tj`)
      this.addContent(`1 0 0 1 ${number(x + pen + p.xAdvance)} ${number(baseY)} Tm`)
    } else {
      items.push(`<${code}>`)
      // TJ numbers move the pen back by thousandths of the font size: the layout's advance wins.
      const natural = (glyph.advanceWidth * 1000) / unitsPerEm
      const correction = natural - p.xAdvance * toText
      if (Math.abs(correction) > 1e-6) items.push(String(number(correction)))
    }
    pen += p.xAdvance
  }
  flush()
  this.addContent('ET')
  this.restore()
}

/** Installs `drawGlyphs` as the `glyphs` method of pdfkit documents, once per process. */
export function installGlyphDrawing(): void {
  const proto = (PDFDocument as unknown as { prototype: Record<string, unknown> }).prototype
  if (proto.glyphs !== drawGlyphs) proto.glyphs = drawGlyphs
}
