import fc from 'fast-check'
import type { Schema } from './openapi-operations.ts'

/** Real values of the tenant a plausible request refers to, by the field or parameter name that asks for them. */
export type Hints = Readonly<Record<string, () => unknown>>

let counter = 0

/** A value the schema accepts, preferring its examples, then a hint for the name, then its type. */
export function plausibleValue(schema: Schema | undefined, name: string, hints: Hints): unknown {
  if (!schema) return 'x'
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0]
  if (schema.example !== undefined) return schema.example
  if (schema.const !== undefined) return schema.const
  const hint = Object.hasOwn(hints, name) ? hints[name] : undefined
  if (hint) return hint()
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0]
  if (schema.default !== undefined) return schema.default
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined
  if (alternatives?.[0]) return plausibleValue(alternatives[0], name, hints)
  const type = [schema.type].flat().find((t) => t !== 'null')
  switch (type) {
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 10, 10))
    case 'boolean':
      return false
    case 'array':
      return schema.minItems > 0 ? [plausibleValue(schema.items, name, hints)] : []
    case 'object':
      return plausibleObject(schema, hints)
    default:
      return plausibleString(schema)
  }
}

/** An object with its required properties, plus the optional ones a hint names. */
export function plausibleObject(schema: Schema, hints: Hints): Record<string, unknown> {
  const required = new Set<string>(schema.required ?? [])
  const value: Record<string, unknown> = {}
  for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, Schema>))
    if (required.has(key) || Object.hasOwn(hints, key)) value[key] = plausibleValue(property, key, hints)
  return value
}

function plausibleString(schema: Schema): string {
  switch (schema.format) {
    case 'date':
      return '2026-03-01'
    case 'date-time':
      return '2026-03-01T12:00:00Z'
    case 'email':
      return `contract-${++counter}@example.test`
    case 'uuid':
      return '00000000-0000-4000-8000-000000000001'
    case 'uri':
      return 'http://127.0.0.1:9/hook'
  }
  if (typeof schema.pattern === 'string') {
    const [sample] = fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { seed: 11, numRuns: 1 })
    if (sample !== undefined && sample.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY)) return sample
  }
  const length = Math.max(schema.minLength ?? 1, Math.min(8, schema.maxLength ?? 8))
  return `v${++counter}`.padEnd(length, 'x').slice(0, Math.max(length, 1))
}
