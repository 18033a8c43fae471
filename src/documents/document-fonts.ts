import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Font } from '@react-pdf/renderer'
import { openSync } from 'fontkit'
import { installArabicMarkPlacement } from './arabic-marks.ts'
import { installGlyphDrawing } from './pdf-glyphs.ts'

/**
 * The embedded fonts: Noto Sans (Latin and Latin Extended), Noto Sans Arabic and Noto Sans Devanagari
 * from the @fontsource npm packages, so a fresh clone renders every template language with no system
 * fonts. The PDF engine falls back glyph by glyph through FONT_FAMILIES and embeds only the glyphs used.
 */
export const FONT_FAMILIES = ['NotoSans', 'NotoSansArabic', 'NotoSansDevanagari', 'NotoSansLatinExt']

const require = createRequire(import.meta.url)
let registered = false

function fontFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'files', file)
}

/** Registers the fonts with the engine once per process. */
export function registerDocumentFonts(): void {
  if (registered) return
  const both = (pkg: string, stem: string) => [
    { src: fontFile(pkg, `${stem}-400-normal.woff`), fontWeight: 400 },
    { src: fontFile(pkg, `${stem}-700-normal.woff`), fontWeight: 700 },
  ]
  Font.register({ family: 'NotoSans', fonts: both('@fontsource/noto-sans', 'noto-sans-latin') })
  Font.register({ family: 'NotoSansLatinExt', fonts: both('@fontsource/noto-sans', 'noto-sans-latin-ext') })
  Font.register({
    family: 'NotoSansArabic',
    fonts: both('@fontsource/noto-sans-arabic', 'noto-sans-arabic-arabic'),
  })
  Font.register({
    family: 'NotoSansDevanagari',
    fonts: both('@fontsource/noto-sans-devanagari', 'noto-sans-devanagari-devanagari'),
  })
  // The text engine draws marks (Arabic dots, hamza, tanween) off their letters; these put them on.
  installGlyphDrawing()
  installArabicMarkPlacement(
    openSync(fontFile('@fontsource/noto-sans-arabic', 'noto-sans-arabic-arabic-400-normal.woff')),
  )
  // Words are never hyphenated: the engine's default hyphenation is for English only.
  Font.registerHyphenationCallback((word) => [word])
  registered = true
}
