import { StringDecoder } from 'node:string_decoder'
import type { Encoding } from './import-options.ts'

/** Turns a file's bytes into text chunk by chunk; a character split across chunks is carried over. */
export interface ChunkDecoder {
  write(bytes: Buffer): string
  end(): string
}

/**
 * UTF-8 decodes invalid bytes to U+FFFD (never throws), which the row mapper reports with a hint to
 * use --encoding; StringDecoder rather than TextDecoder because it is several times faster on Node 20.
 * latin1 is ISO 8859-1 proper (every byte is its code point), not the WHATWG alias for windows-1252,
 * which maps 0x80-0x9F to typographic characters instead.
 */
export function createChunkDecoder(encoding: Encoding): ChunkDecoder {
  if (encoding === 'windows-1252') {
    const decoder = new TextDecoder('windows-1252')
    return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() }
  }
  const decoder = new StringDecoder(encoding === 'latin1' ? 'latin1' : 'utf8')
  return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() }
}
