import { AppError } from '../errors/index.ts'

/** One parsed CSV record and the physical line it starts on (1-based; embedded newlines count). */
export interface CsvRow {
  readonly line: number
  readonly fields: string[]
  /** Set when the record is malformed (an unterminated quote, text after a closing quote). */
  readonly error?: string
}

const QUOTE = 34
const COMMA = 44
const CR = 13
const LF = 10

/**
 * A row longer than this is almost surely an unterminated quote swallowing the rest of the file;
 * failing keeps memory bounded instead of buffering the whole file into one field.
 */
export const MAX_ROW_CHARS = 16 * 1024 * 1024

function countNewlines(text: string, from: number, to: number): number {
  let count = 0
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++
  return count
}

/**
 * Streaming RFC 4180 parser: feed it decoded text in chunks of any size, get complete rows back.
 * Quoted fields may hold commas, "" escapes and newlines; rows end with LF or CRLF; a leading BOM
 * is dropped; blank lines are skipped. Unquoted fields are cut with indexOf rather than char by char,
 * and the positions of the next comma and newline are cached across fields, because this is the hot
 * loop of a million-row import.
 */
export class CsvParser {
  private buffer = ''
  private line = 1
  private started = false

  /** Parses every row `chunk` completes into `out`; an unfinished row waits for the next chunk. */
  push(chunk: string, out: CsvRow[] = []): CsvRow[] {
    if (!this.started && chunk.length > 0) {
      this.started = true
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
    }
    this.buffer = this.buffer.length === 0 ? chunk : this.buffer + chunk
    this.parse(false, out)
    return out
  }

  /** Parses what is left once the input has ended (a last row without a newline, say). */
  end(out: CsvRow[] = []): CsvRow[] {
    this.parse(true, out)
    return out
  }

  private parse(final: boolean, out: CsvRow[]): void {
    const text = this.buffer
    const n = text.length
    let pos = 0
    let line = this.line
    let comma = -2
    let newline = -2
    while (pos < n) {
      const rowStart = pos
      const rowLine = line
      const fields: string[] = []
      let error: string | undefined
      let complete = false
      for (;;) {
        if (newline < pos && newline !== -1) newline = text.indexOf('\n', pos)
        if (text.charCodeAt(pos) === QUOTE) {
          let value = ''
          let p = pos + 1
          let closed = false
          for (;;) {
            const q = text.indexOf('"', p)
            if (q === -1) break
            if (text.charCodeAt(q + 1) === QUOTE) {
              value += text.slice(p, q + 1)
              p = q + 2
              continue
            }
            value += text.slice(p, q)
            p = q + 1
            closed = true
            break
          }
          if (!closed) {
            if (!final) break
            fields.push(value + text.slice(p))
            error = 'unterminated quoted field'
            if (newline !== -1) line += countNewlines(text, newline, n)
            pos = n
            complete = true
            break
          }
          // Newlines inside the quotes are rare: counted only when the cached next newline falls inside.
          if (newline !== -1 && newline < p) line += countNewlines(text, newline, p)
          let c = text.charCodeAt(p)
          const crlf = c === CR && (text.charCodeAt(p + 1) === LF || (final && p + 1 === n))
          if (p < n && c !== COMMA && c !== LF && !crlf) {
            if (c === CR && p + 1 === n) break
            // Lenient like most readers, but the row is flagged: `"abc"def` is not valid CSV.
            error = 'text after a closing quote'
            const stop = nextDelimiter(text, p)
            if (stop === -1 && !final) break
            const end = stop === -1 ? n : stop
            value += text.slice(p, end)
            p = end
            c = text.charCodeAt(p)
          }
          fields.push(value)
          if (c === COMMA) {
            pos = p + 1
            continue
          }
          if (p >= n) {
            if (!final) break
            pos = n
          } else {
            pos = c === CR ? p + 2 : p + 1
            line++
          }
          complete = true
          break
        }
        if (comma < pos && comma !== -1) comma = text.indexOf(',', pos)
        if (comma !== -1 && (newline === -1 || comma < newline)) {
          fields.push(text.slice(pos, comma))
          pos = comma + 1
          continue
        }
        if (newline === -1) {
          if (!final) break
          fields.push(text.slice(pos, text.charCodeAt(n - 1) === CR ? n - 1 : n))
          pos = n
        } else {
          const end = newline > pos && text.charCodeAt(newline - 1) === CR ? newline - 1 : newline
          fields.push(text.slice(pos, end))
          pos = newline + 1
          line++
        }
        complete = true
        break
      }
      if (!complete) {
        this.keep(text.slice(rowStart), rowLine)
        return
      }
      const blank = fields.length === 1 && fields[0] === '' && text.charCodeAt(rowStart) !== QUOTE
      if (!blank) out.push(error ? { line: rowLine, fields, error } : { line: rowLine, fields })
    }
    this.keep('', line)
  }

  private keep(rest: string, line: number): void {
    if (rest.length > MAX_ROW_CHARS) {
      throw new AppError(
        'csv_row_too_long',
        `the CSV row starting at line ${line} is longer than ${MAX_ROW_CHARS} characters: probably an unterminated quote`,
        { line },
      )
    }
    this.buffer = rest
    this.line = line
  }
}

function nextDelimiter(text: string, from: number): number {
  const comma = text.indexOf(',', from)
  const newline = text.indexOf('\n', from)
  if (comma === -1)
    return newline === -1 ? -1 : newline > from && text[newline - 1] === '\r' ? newline - 1 : newline
  if (newline === -1 || comma < newline) return comma
  return text[newline - 1] === '\r' ? newline - 1 : newline
}
