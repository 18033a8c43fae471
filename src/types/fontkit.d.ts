/** The part of fontkit (a dependency of @react-pdf/font) that src/documents/arabic-marks.ts uses. */
declare module 'fontkit' {
  export interface GlyphPosition {
    xAdvance: number
    yAdvance: number
    xOffset: number
    yOffset: number
  }
  export interface GlyphRun {
    readonly positions: GlyphPosition[]
  }
  export interface Font {
    layout(
      text: string,
      features?: unknown,
      script?: string,
      language?: string,
      direction?: 'ltr' | 'rtl',
    ): GlyphRun
  }
  export function openSync(path: string): Font
}

declare module 'pdfkit' {
  const PDFDocument: unknown
  export default PDFDocument
}
