import type { PaperSize } from '../core/documents/document-model.ts'

/** Points per millimetre and per inch (PDF user space is 1/72 inch). */
const MM = 72 / 25.4
const IN = 72

/** Where the address block sits so it shows through the envelope window; page margins. */
export interface PageLayout {
  readonly size: 'A4' | 'LETTER'
  /** Page height in points. */
  readonly height: number
  readonly margin: number
  /** The window: left and top edge of the address field, its width and height, in points. */
  readonly window: {
    readonly left: number
    readonly top: number
    readonly width: number
    readonly height: number
  }
}

/**
 * A4: DIN 5008 form B (the window envelope DL/C5/6 with the window 20 mm from the left and 45 mm from
 * the top; a 5 mm return line then the 40 mm address). US Letter: the #10 window envelope with the
 * window 7/8 in from the left, the tri-folded sheet's address field 1 3/4 in from the top, 4 x 1 3/8 in.
 */
export const PAGE_LAYOUTS: Readonly<Record<PaperSize, PageLayout>> = {
  A4: {
    size: 'A4',
    height: 297 * MM,
    margin: 20 * MM,
    window: { left: 20 * MM, top: 45 * MM, width: 85 * MM, height: 45 * MM },
  },
  LETTER: {
    size: 'LETTER',
    height: 11 * IN,
    margin: 0.75 * IN,
    window: { left: 0.875 * IN, top: 1.75 * IN, width: 4 * IN, height: 1.375 * IN },
  },
}
