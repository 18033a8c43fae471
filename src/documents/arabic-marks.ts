/**
 * Places Arabic marks (the dots of the letters, hamza, tanween, shadda) where the font's anchors put
 * them, in PDFs drawn by @react-pdf. Its text engine shapes each run left to right (so that fontkit
 * keeps the logical order) and reverses the glyphs of a right-to-left run afterwards. fontkit places a
 * mark relative to the pen after the glyphs before it (its base, in logical order); once reversed, the
 * mark is drawn before its base, so every dot landed one base-width off (docs/documents.md, "Arabic").
 *
 * The fix is applied where the positions are made: fontkit's `layout`, for text with Arabic letters
 * laid out left to right (only the engine's runs are), re-expresses each zero-advance mark's offset
 * for the reversed order: from the pen before its base instead of after it. With `i` the nearest glyph
 * before mark `j` that advances, the base's box starts `adv(i) + 2 * (advances between)` further along
 * in the reversed drawing than the mark's pen, which is what is added.
 */
import type { Font, GlyphPosition } from 'fontkit'

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/
const PATCHED = Symbol.for('recoup.arabic-marks')

/** The offsets of a left-to-right shaped Arabic run, re-expressed for its glyphs drawn reversed. */
export function marksForReversedRun(positions: GlyphPosition[]): void {
  for (let j = 0; j < positions.length; j++) {
    const mark = positions[j] as GlyphPosition
    if (mark.xAdvance !== 0) continue
    let between = 0
    let i = j - 1
    while (i >= 0 && (positions[i] as GlyphPosition).xAdvance === 0) i--
    if (i < 0) continue
    for (let k = i + 1; k < j; k++) between += (positions[k] as GlyphPosition).xAdvance
    mark.xOffset += (positions[i] as GlyphPosition).xAdvance + 2 * between
  }
}

/** Wraps the layout of fontkit's font class (shared by every font @react-pdf loads) once per process. */
export function installArabicMarkPlacement(sample: Font): void {
  let proto: object | null = Object.getPrototypeOf(sample)
  while (proto && !Object.hasOwn(proto, 'layout')) proto = Object.getPrototypeOf(proto)
  if (!proto || (proto as Record<symbol, unknown>)[PATCHED]) return
  const target = proto as Font & Record<symbol, unknown>
  const layout = target.layout
  target.layout = function (this: Font, text, features, script, language, direction) {
    const run = layout.call(this, text, features, script, language, direction)
    if (direction === 'ltr' && ARABIC.test(text)) marksForReversedRun(run.positions)
    return run
  }
  target[PATCHED] = true
}
