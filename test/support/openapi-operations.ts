import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type { FastifyInstance } from 'fastify'
import { errorResponseSchema } from '../../src/http/error.schema.ts'

/** A JSON Schema as it appears in the document (loosely typed: the walkers read what is there). */
// biome-ignore lint/suspicious/noExplicitAny: schemas are open-ended JSON
export type Schema = Record<string, any>

export interface Parameter {
  readonly name: string
  readonly in: 'path' | 'query' | 'header' | 'cookie'
  readonly required?: boolean
  readonly schema: Schema
}

/** One operation of the OpenAPI document, as the contract and fuzz tests walk them. */
export interface ApiOperation {
  readonly method: string
  /** The OpenAPI path, `{name}` parameters: `/api/v1/tenants/{tenant}/payments`. */
  readonly path: string
  readonly operationId: string
  /** `security: []`: reached without credentials. */
  readonly isPublic: boolean
  readonly parameters: readonly Parameter[]
  /** The JSON request body's schema, if the operation takes one. */
  readonly body: Schema | undefined
  readonly bodyRequired: boolean
  /** Declared answers by status code: their content types and schemas. */
  readonly responses: Readonly<Record<string, { content?: Record<string, { schema?: Schema }> }>>
}

/** Every operation of the server's own /openapi.json, in document order. */
export async function apiOperations(app: FastifyInstance): Promise<ApiOperation[]> {
  const response = await app.inject('/openapi.json')
  if (response.statusCode !== 200) throw new Error(`GET /openapi.json answered ${response.statusCode}`)
  const doc = response.json() as { paths: Record<string, Record<string, Schema>> }
  const operations: ApiOperation[] = []
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, operation] of Object.entries(methods)) {
      const body = operation.requestBody?.content?.['application/json']?.schema as Schema | undefined
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: String(operation.operationId ?? `${method} ${path}`),
        isPublic: Array.isArray(operation.security) && operation.security.length === 0,
        parameters: (operation.parameters ?? []) as Parameter[],
        body,
        bodyRequired: operation.requestBody?.required === true,
        responses: operation.responses ?? {},
      })
    }
  return operations
}

/** The URL of an operation with its path parameters filled (percent-encoded) and a query string. */
export function urlOf(
  operation: ApiOperation,
  pathValues: Readonly<Record<string, string>>,
  query: Readonly<Record<string, unknown>> = {},
): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(pathValues[name] ?? 'x'),
  )
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) search.append(name, typeof value === 'string' ? value : JSON.stringify(value))
  const text = search.toString()
  return text ? `${path}?${text}` : path
}

/** The resource segment a path parameter addresses: `/payments/{reference}/reverse` -> `payments`. */
export function resourceOf(path: string, parameter: string): string | undefined {
  const parts = path.split('/')
  const at = parts.indexOf(`{${parameter}}`)
  return at > 0 ? parts[at - 1] : undefined
}

/**
 * Checks real answers against the document: the status must be declared, a JSON body must match the
 * declared schema (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses; strict, so `required` naming a
 * property the schema does not declare is itself an error), and every 4xx/5xx body must also be in
 * the error format `{error:{code,message,details?}}`.
 */
export function responseChecker() {
  const ajv = new Ajv2020({
    strict: true,
    strictRequired: true,
    strictTypes: false,
    allErrors: true,
    keywords: ['x-error-code', 'example'],
  })
  addFormats.default(ajv)
  const compiled = new Map<Schema, ValidateFunction>()
  const validator = (schema: Schema) => {
    let validate = compiled.get(schema)
    if (!validate) {
      validate = ajv.compile(schema)
      compiled.set(schema, validate)
    }
    return validate
  }
  const errorFormat = validator(errorResponseSchema as Schema)

  /** What is wrong with this answer to the operation (empty when it keeps the contract). */
  return (
    operation: ApiOperation,
    response: { statusCode: number; headers: Record<string, unknown>; body: string },
  ): string[] => {
    const where = `${operation.method} ${operation.path} -> ${response.statusCode}`
    const declared = operation.responses[String(response.statusCode)]
    if (!declared) return [`${where}: status not declared (declared: ${Object.keys(operation.responses)})`]
    const problems: string[] = []
    const type = String(response.headers['content-type'] ?? '').split(';')[0] ?? ''
    const content = declared.content ?? {}
    if (response.statusCode === 204 || response.body === '') {
      if (Object.keys(content).length > 0 && response.statusCode !== 204)
        problems.push(`${where}: empty body where ${Object.keys(content)} is declared`)
      return problems
    }
    const entry = content[type]
    if (!entry) return [`${where}: content type "${type}" not declared (declared: ${Object.keys(content)})`]
    if (type !== 'application/json') return problems
    let body: unknown
    try {
      body = JSON.parse(response.body)
    } catch {
      return [`${where}: body is not JSON`]
    }
    if (!entry.schema) problems.push(`${where}: no schema declared for the body`)
    else {
      const validate = validator(entry.schema)
      if (!validate(body))
        problems.push(`${where}: ${ajv.errorsText(validate.errors)} in ${response.body.slice(0, 300)}`)
    }
    if (response.statusCode >= 400 && !errorFormat(body))
      problems.push(`${where}: not in the error format: ${response.body.slice(0, 300)}`)
    return problems
  }
}
