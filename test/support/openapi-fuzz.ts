import fc from 'fast-check'
import type { ApiOperation, Schema } from './openapi-operations.ts'

/** Strings that break naive code: empty, huge, control and astral characters, paths, SQL, prototype keys. */
const nastyString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '%00',
    '\u202e\u200b\ufeff',
    '😀🏳️‍🌈𝕏',
    "'; drop table accounts; --",
    '../../../../etc/passwd',
    '__proto__',
    'constructor',
    'toString',
    'NaN',
    '-1',
    '1e309',
    '9007199254740993',
    '2026-02-30',
    '0000-00-00',
    '2026-13-01T25:61:61Z',
    '{}',
    '[]',
    'null',
    'true',
    '%',
    '%zz',
    'a/b',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer({ min: 1_000, max: 70_000 }).map((n) => 'x'.repeat(n)),
)

/** Numbers at the edges: negative, zero, fractions, huge, beyond the safe integers. */
const nastyNumber = fc.oneof(
  fc.constantFrom(0, -1, -0.5, 0.1, 1e21, -1e21, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1.7976931348623157e308),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

/** Any JSON value, nested a little. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(nastyString, nastyNumber), { maxLength: 3 }),
  fc.dictionary(nastyString, fc.oneof(nastyString, nastyNumber), { maxKeys: 3 }),
)

/** A value of the schema's own type (often valid), or of a wrong one. */
function valueFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 3) return anyJson
  const own: fc.Arbitrary<unknown>[] = []
  if (Array.isArray(schema.enum) && schema.enum.length > 0) own.push(fc.constantFrom(...schema.enum))
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined
  if (alternatives?.length) own.push(...alternatives.map((s) => valueFor(s, depth + 1)))
  for (const type of [schema.type].flat()) {
    if (type === 'string') {
      if (schema.format === 'date') own.push(fc.constantFrom('2026-03-01', '1900-01-01', '9999-12-31'))
      if (typeof schema.pattern === 'string') own.push(fc.stringMatching(new RegExp(schema.pattern)))
      own.push(
        fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 50, 50) }),
      )
    } else if (type === 'integer')
      own.push(fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 }))
    else if (type === 'number') own.push(fc.double({ noNaN: true, noDefaultInfinity: true }))
    else if (type === 'boolean') own.push(fc.boolean())
    else if (type === 'array') own.push(fc.array(valueFor(schema.items, depth + 1), { maxLength: 3 }))
    else if (type === 'object') own.push(objectFor(schema, depth + 1))
    else if (type === 'null') own.push(fc.constant(null))
  }
  if (own.length === 0) return anyJson
  return fc.oneof({ arbitrary: fc.oneof(...own), weight: 3 }, { arbitrary: anyJson, weight: 1 })
}

/**
 * An object for the schema: each declared property present or not (required ones mostly present),
 * sometimes an unknown field or a prototype key (`__proto__`, `constructor`) as an own property.
 */
function objectFor(schema: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>)
  const required = new Set<string>(schema.required ?? [])
  const fields = properties.map(([key, property]) =>
    fc
      .tuple(fc.integer({ min: 0, max: 9 }), valueFor(property, depth))
      .map(([roll, value]) => [key, roll < (required.has(key) ? 9 : 5) ? value : undefined] as const),
  )
  const extra = fc.option(
    fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknownField', ''), anyJson),
    { freq: 4 },
  )
  return fc.tuple(fc.tuple(...fields), extra).map(([pairs, more]) => {
    const value: Record<string, unknown> = {}
    for (const [key, field] of pairs) if (field !== undefined) value[key] = field
    // defineProperty: an own "__proto__" key, as JSON.parse makes it, not a prototype change.
    if (more)
      Object.defineProperty(value, more[0], {
        value: more[1],
        enumerable: true,
        writable: true,
        configurable: true,
      })
    return value
  })
}

/**
 * A valid body with one field changed, removed or added: the inputs that get past the schema into the
 * use case, where the bugs are. The body is the plausible one when given, else a schema-shaped one.
 */
function nearlyValid(
  operation: ApiOperation,
  plausibleBody: Record<string, unknown> | undefined,
): fc.Arbitrary<unknown> {
  if (!operation.body) return anyJson
  const properties = (operation.body.properties ?? {}) as Record<string, Schema>
  const names = Object.keys(properties)
  if (!plausibleBody || names.length === 0) return objectFor(operation.body)
  return fc.tuple(fc.constantFrom(...names), fc.integer({ min: 0, max: 3 })).chain(([name, how]) => {
    if (how === 0) return fc.constant(plausibleBody)
    if (how === 1)
      return fc.constant(Object.fromEntries(Object.entries(plausibleBody).filter(([k]) => k !== name)))
    return valueFor(properties[name]).map((value) => ({ ...plausibleBody, [name]: value }))
  })
}

/** One generated request for an operation: path values, query and body (a JSON value or raw text). */
export interface FuzzRequest {
  readonly path: Record<string, string>
  readonly query: Record<string, unknown>
  readonly body: { json: unknown } | { raw: string; contentType: string } | undefined
}

/**
 * Requests for the operation from its own schemas: path parameters real (from `realPath`) or hostile,
 * query parameters of their type or not (sometimes an unknown one), bodies shaped by the body schema
 * with wrong types, missing required fields, extra and prototype keys, or not JSON at all.
 */
export function fuzzRequests(
  operation: ApiOperation,
  realPath: Record<string, string>,
  plausibleBody?: Record<string, unknown>,
): fc.Arbitrary<FuzzRequest> {
  const pathParameters = operation.parameters.filter((p) => p.in === 'path')
  const path = fc.tuple(
    ...pathParameters.map((p) =>
      fc
        .oneof(
          { arbitrary: fc.constant(realPath[p.name] ?? 'x'), weight: 3 },
          { arbitrary: valueFor(p.schema).map(String), weight: 1 },
          { arbitrary: nastyString, weight: 1 },
        )
        .map((value) => [p.name, value.length > 0 ? value : 'x'] as const),
    ),
  )
  const queryParameters = operation.parameters.filter((p) => p.in === 'query')
  const query = fc.tuple(
    fc.tuple(
      ...queryParameters.map((p) =>
        fc.option(valueFor(p.schema), { freq: 2 }).map((v) => [p.name, v] as const),
      ),
    ),
    fc.option(fc.tuple(fc.constantFrom('unknown', '__proto__', 'limit[]'), nastyString), { freq: 6 }),
  )
  const body: fc.Arbitrary<FuzzRequest['body']> = ['GET', 'DELETE', 'HEAD'].includes(operation.method)
    ? fc.constant(undefined)
    : fc.oneof(
        {
          arbitrary: (operation.body ? objectFor(operation.body) : anyJson).map((json) => ({ json })),
          weight: 4,
        },
        { arbitrary: nearlyValid(operation, plausibleBody).map((json) => ({ json })), weight: 4 },
        { arbitrary: anyJson.map((json) => ({ json })), weight: 1 },
        {
          arbitrary: fc
            .oneof(
              fc.constantFrom('{', '{"a":', '[1,', '\u0000', '{"__proto__":{"admin":true}}'),
              nastyString,
            )
            .chain((raw) =>
              fc.constantFrom('application/json', 'text/plain').map((contentType) => ({ raw, contentType })),
            ),
          weight: 1,
        },
        { arbitrary: fc.constant(undefined), weight: 1 },
      )
  return fc.tuple(path, query, body).map(([pathPairs, [queryPairs, extra], generatedBody]) => {
    const queryValues: Record<string, unknown> = {}
    for (const [name, value] of queryPairs)
      if (value !== null && value !== undefined) queryValues[name] = value
    if (extra) queryValues[extra[0]] = extra[1]
    return { path: Object.fromEntries(pathPairs), query: queryValues, body: generatedBody }
  })
}
