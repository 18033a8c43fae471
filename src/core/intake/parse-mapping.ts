import type { DateFormat } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import {
  ATTRIBUTE_TYPES,
  type AttributeSource,
  type AttributeType,
  type FieldSource,
  type ImportMapping,
  INTAKE_FIELDS,
  type IntakeField,
} from './import-mapping.ts'

const DATE_FORMATS: readonly DateFormat[] = ['iso', 'm/d/yyyy', 'd/m/yyyy', 'd.m.yyyy']
const SOURCE_KEYS = new Set(['column', 'prefix', 'default', 'optional', 'value'])

type Problems = string[]

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function fieldSource(field: string, raw: unknown, problems: Problems): FieldSource | undefined {
  if (typeof raw === 'string' && raw !== '') return { column: raw }
  if (!isObject(raw)) {
    problems.push(`fields.${field} must be a column name or an object`)
    return undefined
  }
  for (const key of Object.keys(raw)) {
    if (!SOURCE_KEYS.has(key)) problems.push(`fields.${field} has an unknown key "${key}"`)
  }
  if ('value' in raw) {
    if (typeof raw.value !== 'string') problems.push(`fields.${field}.value must be a string`)
    if ('column' in raw) problems.push(`fields.${field} has both "value" and "column"`)
    return { value: String(raw.value) }
  }
  const { column, prefix, optional } = raw
  if (typeof column !== 'string' || column === '') {
    problems.push(`fields.${field}.column must be a non-empty string`)
    return undefined
  }
  if (prefix !== undefined && typeof prefix !== 'string')
    problems.push(`fields.${field}.prefix must be a string`)
  if (raw.default !== undefined && typeof raw.default !== 'string') {
    problems.push(`fields.${field}.default must be a string`)
  }
  if (optional !== undefined && typeof optional !== 'boolean') {
    problems.push(`fields.${field}.optional must be true or false`)
  }
  return {
    column,
    ...(typeof prefix === 'string' ? { prefix } : {}),
    ...(typeof raw.default === 'string' ? { default: raw.default } : {}),
    ...(optional === true ? { optional } : {}),
  }
}

function attributeSource(name: string, raw: unknown, problems: Problems): AttributeSource | undefined {
  if (typeof raw === 'string' && raw !== '') return { column: raw, type: 'string' }
  if (!isObject(raw) || typeof raw.column !== 'string' || raw.column === '') {
    problems.push(`attributes.${name} must be a column name or { "column": ..., "type": ... }`)
    return undefined
  }
  const type = raw.type ?? 'string'
  if (!ATTRIBUTE_TYPES.includes(type as AttributeType)) {
    problems.push(`attributes.${name}.type must be one of ${ATTRIBUTE_TYPES.join(', ')}`)
    return undefined
  }
  return {
    column: raw.column,
    type: type as AttributeType,
    ...(raw.optional === true ? { optional: true } : {}),
  }
}

/**
 * Checks a mapping file's parsed JSON and turns it into an ImportMapping; every problem is listed in
 * one AppError so the user fixes the file in one go. Columns are checked later, against the header.
 */
export function parseMapping(json: unknown, name: string): ImportMapping {
  const problems: Problems = []
  if (!isObject(json)) throw new AppError('invalid_mapping', `mapping ${name} must be a JSON object`)
  for (const key of Object.keys(json)) {
    if (!['dateFormat', 'fields', 'attributes', '$comment'].includes(key))
      problems.push(`unknown key "${key}"`)
  }
  const dateFormat = json.dateFormat ?? 'iso'
  if (!DATE_FORMATS.includes(dateFormat as DateFormat)) {
    problems.push(`dateFormat must be one of ${DATE_FORMATS.join(', ')}`)
  }
  const fields: Partial<Record<IntakeField, FieldSource>> = {}
  if (!isObject(json.fields)) problems.push('"fields" must be an object of intake field → column')
  else {
    for (const [field, raw] of Object.entries(json.fields)) {
      if (!INTAKE_FIELDS.includes(field as IntakeField)) {
        problems.push(`fields.${field} is not an intake field (see docs/import.md)`)
        continue
      }
      const source = fieldSource(field, raw, problems)
      if (source) fields[field as IntakeField] = source
    }
  }
  const attributes: Record<string, AttributeSource> = {}
  if (json.attributes !== undefined && !isObject(json.attributes))
    problems.push('"attributes" must be an object')
  for (const [attribute, raw] of Object.entries(isObject(json.attributes) ? json.attributes : {})) {
    const source = attributeSource(attribute, raw, problems)
    if (source) attributes[attribute] = source
  }
  if (problems.length > 0) {
    throw new AppError('invalid_mapping', `mapping ${name} is invalid: ${problems.join('; ')}`, { problems })
  }
  return { name, dateFormat: dateFormat as DateFormat, fields, attributes }
}
