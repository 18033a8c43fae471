import { once } from 'node:events'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

/** A value COPY can take: text, a number, or null (SQL NULL, never the empty string). */
export type CopyValue = string | number | null | undefined

const SPECIAL = /[\\\t\n\r]/

/**
 * One field in PostgreSQL's COPY text format: null and undefined are `\N`; a backslash, tab, newline
 * or carriage return is backslash-escaped so it cannot end the field or the row; everything else
 * (quotes, commas, any Unicode) goes as it is, UTF-8 encoded by the driver's connection.
 */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N'
  if (typeof value === 'number') return String(value)
  if (!SPECIAL.test(value)) return value
  let out = ''
  for (const char of value) {
    if (char === '\\') out += '\\\\'
    else if (char === '\t') out += '\\t'
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else out += char
  }
  return out
}

/** One row in COPY text format, newline included. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = copyField(values[0])
  for (let i = 1; i < values.length; i++) line += `\t${copyField(values[i])}`
  return `${line}\n`
}

const CHUNK_CHARS = 1 << 20

/**
 * `COPY table (columns) FROM STDIN` of already-formatted text (`copyLine` rows) on the client's
 * connection, so it belongs to whatever transaction the client has open: a failure aborts that
 * transaction like any failed statement. Returns the rows PostgreSQL took.
 */
export async function copyText(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: readonly string[],
  text: string,
): Promise<number> {
  if (text.length === 0) return 0
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`))
  const done = new Promise<void>((resolve, reject) => {
    stream.once('finish', resolve)
    stream.once('error', reject)
  })
  done.catch(() => {})
  for (let start = 0; start < text.length; start += CHUNK_CHARS) {
    if (!stream.write(text.slice(start, start + CHUNK_CHARS)))
      await Promise.race([once(stream, 'drain'), done])
  }
  stream.end()
  await done
  return stream.rowCount
}

/** `copyText` of rows given as value arrays. */
export async function copyRows(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<number> {
  let text = ''
  for (const row of rows) text += copyLine(row)
  return copyText(client, table, columns, text)
}
