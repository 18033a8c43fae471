import { describe, expect, it } from 'vitest'
import type { Encoding } from '../../src/intake/import-options.ts'
import { createChunkDecoder } from '../../src/intake/text-decoder.ts'

/** Decodes bytes delivered in the given pieces. */
function decode(encoding: Encoding, ...pieces: number[][]): string {
  const decoder = createChunkDecoder(encoding)
  return pieces.map((piece) => decoder.write(Buffer.from(piece))).join('') + decoder.end()
}

describe('createChunkDecoder', () => {
  it.each<[string, Encoding, number[][], string]>([
    [
      'UTF-8 character split across chunks',
      'utf-8',
      [
        [0x4d, 0xc3],
        [0xbc, 0x6c],
      ],
      'Mül',
    ],
    ['invalid UTF-8 byte becomes U+FFFD', 'utf-8', [[0x4d, 0xfc, 0x6c]], 'M\uFFFDl'],
    ['latin1 is ISO 8859-1: 0xFC is ü', 'latin1', [[0x4d, 0xfc]], 'Mü'],
    ['latin1 keeps 0x80 as the C1 control U+0080', 'latin1', [[0x80]], '\u0080'],
    ['windows-1252 maps 0x80 to the euro sign', 'windows-1252', [[0x80, 0x31]], '€1'],
  ])('%s', (_name, encoding, pieces, text) => {
    expect(decode(encoding, ...pieces)).toBe(text)
  })
})
