import type { LocalDate } from '../calendar/local-date.ts'
import { type CompiledMapping, fieldText } from './compile-mapping.ts'
import { parseDateText } from './field-values.ts'
import type { IntakeField } from './import-mapping.ts'

/** A problem with one field of one row: the column as the file names it, and what is wrong. */
export interface FieldError {
  readonly field: string
  readonly reason: string
}

/**
 * Reads the fields of one row through a compiled mapping and collects every problem, so a row is
 * reported with all that is wrong with it rather than the first thing only.
 */
export class RowReader {
  readonly errors: FieldError[] = []

  constructor(
    readonly compiled: CompiledMapping,
    private readonly row: readonly string[],
  ) {}

  /** The field's text ('' when unmapped or empty and without default). */
  text(field: IntakeField): string {
    return fieldText(this.compiled.fields[field], this.row)
  }

  /** The field's text, reporting it when empty. */
  required(field: IntakeField): string {
    const text = this.text(field)
    if (text === '') this.fail(field, 'is required')
    return text
  }

  /** Records a problem with a field, named by its column. */
  fail(field: IntakeField, reason: string): void {
    const label = this.compiled.fields[field]?.label ?? field
    // Two fields fed by one column (ibm-ar's customerID is id and name) would report the same thing twice.
    if (!this.errors.some((error) => error.field === label && error.reason === reason)) {
      this.errors.push({ field: label, reason })
    }
  }

  /** A date field in the mapping's date format (or ISO); undefined when empty or invalid. */
  date(field: IntakeField, required = false): LocalDate | undefined {
    const text = required ? this.required(field) : this.text(field)
    if (text === '') return undefined
    const result = parseDateText(text, this.compiled.mapping.dateFormat)
    if (result.ok) return result.value
    this.fail(field, result.reason)
    return undefined
  }

  /** Parses an optional field with `parse`, reporting its reason; undefined when empty or invalid. */
  parse<T>(
    field: IntakeField,
    parse: (text: string) => { ok: true; value: T } | { ok: false; reason: string },
    required = false,
  ): T | undefined {
    const text = required ? this.required(field) : this.text(field)
    if (text === '') return undefined
    const result = parse(text)
    if (result.ok) return result.value
    this.fail(field, result.reason)
    return undefined
  }
}
