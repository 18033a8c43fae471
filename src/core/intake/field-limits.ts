import type { CompiledMapping } from './compile-mapping.ts'
import type { IntakeField } from './import-mapping.ts'
import type { FieldError } from './row-reader.ts'

/** Any cell, mapped or not (attributes, notes): longer is a broken export, not data (docs/import.md). */
export const MAX_CELL_CHARS = 2000

/** The longest value each field takes; fields not listed take DEFAULT_FIELD_CHARS. */
export const FIELD_MAX_CHARS: Readonly<Partial<Record<IntakeField, number>>> = {
  debtor_name: 200,
  given_name: 100,
  family_name: 100,
  client_name: 200,
  original_creditor: 200,
  current_creditor: 200,
  // RFC 5321's limit on a forward path.
  email: 254,
  address_line1: 200,
  address_line2: 200,
  city: 100,
  region: 100,
  postal_code: 20,
}

/** Ids, codes, amounts and dates. */
export const DEFAULT_FIELD_CHARS = 100

/**
 * C0 controls other than tab, LF and CR, DEL, and the C1 controls: binary data, or text read in the
 * wrong encoding (windows-1252 read as latin1 gives C1 characters). ESC and CSI would be terminal
 * control sequences if a value holding them were echoed in an error, so such a value is never shown.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/

/** The longest column name a header may have. */
export const MAX_HEADER_CHARS = 200

/** True when the text holds a control character that must never reach a terminal. */
export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTER.test(text)
}

/**
 * What makes a row's cells unusable before any is parsed: control characters, and text past the
 * field's limit. The reasons give lengths, never the value, so nothing oversized or binary is echoed.
 */
export function cellProblems(compiled: CompiledMapping, row: readonly string[]): FieldError[] {
  const problems: FieldError[] = []
  const bad = new Set<number>()
  const label = (index: number) => compiled.header[index] ?? `column ${index + 1}`
  for (let index = 0; index < row.length; index++) {
    const cell = row[index] ?? ''
    if (CONTROL_CHARACTER.test(cell)) {
      bad.add(index)
      problems.push({
        field: label(index),
        reason: 'holds control characters (binary data, or the wrong --encoding); the value is not shown',
      })
    } else if (cell.length > MAX_CELL_CHARS) {
      bad.add(index)
      problems.push({
        field: label(index),
        reason: `is ${cell.length} characters long; a cell may hold at most ${MAX_CELL_CHARS}`,
      })
    }
  }
  for (const [field, source] of Object.entries(compiled.fields) as [IntakeField, { index: number }][]) {
    if (source.index < 0 || bad.has(source.index)) continue
    const length = (row[source.index] ?? '').trim().length
    const limit = FIELD_MAX_CHARS[field] ?? DEFAULT_FIELD_CHARS
    if (length > limit) {
      bad.add(source.index)
      problems.push({
        field: label(source.index),
        reason: `is ${length} characters long; ${field} takes at most ${limit}`,
      })
    }
  }
  return problems
}
