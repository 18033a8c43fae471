import { AppError } from '../errors/index.ts'
import type { AttributeType, ImportMapping, IntakeField, MappingContext } from './import-mapping.ts'

/** A field resolved against the header: the column index (-1 for a constant) and what to report. */
export interface CompiledSource {
  readonly index: number
  /** The column name as the file spells it (or the field name for a constant), for error reports. */
  readonly label: string
  readonly prefix: string
  /** The constant, or the default for an empty cell. */
  readonly fallback: string
}

/** A mapping bound to one file's header, ready to map rows without any lookups by name. */
export interface CompiledMapping {
  readonly mapping: ImportMapping
  readonly context: MappingContext
  readonly header: readonly string[]
  readonly fields: Readonly<Partial<Record<IntakeField, CompiledSource>>>
  readonly attributes: readonly {
    readonly name: string
    readonly index: number
    readonly label: string
    readonly type: AttributeType
  }[]
}

function columnIndex(header: readonly string[]): (column: string) => number | 'ambiguous' | undefined {
  const byName = new Map<string, number | 'ambiguous'>()
  header.forEach((name, index) => {
    const key = name.trim().toLowerCase()
    if (key !== '') byName.set(key, byName.has(key) ? 'ambiguous' : index)
  })
  return (column) => byName.get(column.trim().toLowerCase())
}

/**
 * Binds a mapping to a header (names match trimmed and case-insensitively). A column the mapping
 * needs but the header lacks, or that the header has twice, fails the whole file before any row is
 * read, so a wrong preset never half-imports.
 */
export function compileMapping(
  mapping: ImportMapping,
  header: readonly string[],
  context: MappingContext,
): CompiledMapping {
  const find = columnIndex(header)
  let missing: string[] = []
  let ambiguous: string[] = []
  const resolve = (column: string, optional: boolean | undefined): number | undefined => {
    const index = find(column)
    if (index === 'ambiguous') ambiguous.push(column)
    else if (index === undefined && !optional) missing.push(column)
    return typeof index === 'number' ? index : undefined
  }
  const fields: Partial<Record<IntakeField, CompiledSource>> = {}
  for (const [field, source] of Object.entries(mapping.fields) as [
    IntakeField,
    ImportMapping['fields'][IntakeField],
  ][]) {
    if (!source) continue
    if ('value' in source) {
      fields[field] = { index: -1, label: field, prefix: '', fallback: source.value }
      continue
    }
    const index = resolve(source.column, source.optional)
    if (index === undefined) continue
    fields[field] = {
      index,
      label: header[index]?.trim() ?? source.column,
      prefix: source.prefix ?? '',
      fallback: source.default ?? '',
    }
  }
  const attributes: CompiledMapping['attributes'][number][] = []
  for (const [name, source] of Object.entries(mapping.attributes)) {
    const index = resolve(source.column, source.optional)
    if (index !== undefined) {
      attributes.push({ name, index, label: header[index]?.trim() ?? source.column, type: source.type })
    }
  }
  if (missing.length > 0 || ambiguous.length > 0) {
    missing = [...new Set(missing)]
    ambiguous = [...new Set(ambiguous)]
    const parts = [
      missing.length > 0 ? `columns absent from the header: ${missing.join(', ')}` : '',
      ambiguous.length > 0 ? `columns the header has twice: ${ambiguous.join(', ')}` : '',
    ].filter(Boolean)
    throw new AppError(
      'mapping_columns_missing',
      `mapping "${mapping.name}" uses ${parts.join('; ')} (the file's columns: ${header.join(', ')}); is it the right preset or mapping file?`,
      { missing, ambiguous },
    )
  }
  return { mapping, context, header, fields, attributes }
}

/** The text of a field in a row: trimmed cell with its prefix, else the default or constant; '' if none. */
export function fieldText(source: CompiledSource | undefined, row: readonly string[]): string {
  if (!source) return ''
  if (source.index < 0) return source.fallback
  const cell = row[source.index]
  const text = cell === undefined ? '' : cell.trim()
  return text === '' ? source.fallback : source.prefix + text
}
