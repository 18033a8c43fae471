import { open } from 'node:fs/promises'
import { AppError } from '../core/errors/index.ts'

/** Enough of the start of a file to tell text from binary. */
const SNIFF_BYTES = 64 * 1024

/** Signatures of the binary files most often exported or renamed to .csv by mistake. */
const SIGNATURES: readonly (readonly [string, readonly number[]])[] = [
  ['a zip archive (an .xlsx workbook? name it .xlsx)', [0x50, 0x4b, 0x03, 0x04]],
  ['an old Excel .xls workbook (save it as .xlsx or .csv)', [0xd0, 0xcf, 0x11, 0xe0]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['UTF-16 text (save it as UTF-8)', [0xff, 0xfe]],
  ['UTF-16 text (save it as UTF-8)', [0xfe, 0xff]],
]

/** Control bytes other than tab, LF, CR and form feed: rare in text, common in binary data. */
function isControlByte(byte: number): boolean {
  return (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f
}

/**
 * Refuses a "CSV" that is binary before any of it is parsed, so none of its bytes is ever echoed to a
 * terminal (where control sequences can do harm) in an error about a row. Text never holds NUL bytes
 * in any encoding the importer reads; a few stray control bytes are left to the row checks.
 */
export async function checkTextFile(file: string): Promise<void> {
  const handle = await open(file, 'r').catch(() => {
    throw new AppError('unreadable_file', `cannot read ${file}`)
  })
  let bytes: Buffer
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0)
    bytes = buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
  const refuse = (what: string) =>
    new AppError('binary_file', `${file} is ${what}, not a CSV text file; nothing was imported`)
  for (const [what, signature] of SIGNATURES) {
    if (bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte))
      throw refuse(what)
  }
  let control = 0
  for (const byte of bytes) {
    if (byte === 0) throw refuse('binary (it holds NUL bytes)')
    if (isControlByte(byte)) control++
  }
  if (control > 8 && control * 100 > bytes.length) throw refuse('binary (it holds many control bytes)')
}
