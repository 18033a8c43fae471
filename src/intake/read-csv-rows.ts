import { createReadStream } from 'node:fs'
import { CsvParser, type CsvRow } from '../core/intake/csv-parser.ts'
import type { Encoding } from './import-options.ts'
import { createChunkDecoder } from './text-decoder.ts'

/** Large reads: fewer trips through the async iterator per million rows. */
const READ_CHUNK_BYTES = 1024 * 1024

/**
 * Streams a CSV file as arrays of rows (one array per chunk read), so memory stays bounded by the
 * chunk size whatever the file size. `onBytes` reports raw bytes read, for progress by file size.
 */
export async function* readCsvRows(
  path: string,
  encoding: Encoding,
  onBytes: (bytes: number) => void,
): AsyncGenerator<CsvRow[]> {
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })
  const decoder = createChunkDecoder(encoding)
  const parser = new CsvParser()
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      onBytes(chunk.length)
      const rows = parser.push(decoder.write(chunk))
      if (rows.length > 0) yield rows
    }
    const rows = parser.end(parser.push(decoder.end()))
    if (rows.length > 0) yield rows
  } finally {
    stream.destroy()
  }
}
