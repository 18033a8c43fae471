/**
 * The JSON adapter of the compliance evaluator: text in (a file or stdin), ComplianceResult out. The text
 * is checked against docs/compliance-check.schema.json first, so every shape problem is reported at once
 * with its path; rule-level problems (an unknown debt id, zone or pack) then come from the core as-is.
 */
import { readFileSync } from 'node:fs'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import type { ComplianceRequest, ComplianceResult } from '../core/compliance/compliance-request.ts'
import { evaluateCompliance } from '../core/compliance/evaluate-compliance.ts'
import { AppError } from '../core/errors/index.ts'

/** One problem in a compliance request, as listed in the `invalid_compliance_request` error's details. */
export interface ComplianceRequestProblem {
  /** The field, e.g. `debts[0].accrualOn` (empty for the whole document or a syntax error). */
  path: string
  message: string
  /** JSON syntax errors only: where the text stops being JSON (1-based). */
  line?: number
  column?: number
}

/** Where the schema lives: the contract is documented and enforced by the same file. */
export const COMPLIANCE_SCHEMA_URL = new URL('../../docs/compliance-check.schema.json', import.meta.url)

let validator: ValidateFunction | undefined

function schemaValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(COMPLIANCE_SCHEMA_URL, 'utf8'))
    validator = new Ajv2020({ allErrors: true, strict: true }).compile(schema)
  }
  return validator
}

/** Parses and validates `text` (named `source` in messages) and evaluates it: the decision as JSON data. */
export function checkComplianceJson(text: string, source: string): ComplianceResult {
  return evaluateCompliance(parseComplianceRequest(text, source))
}

/** The request in `text`, or an `invalid_compliance_request` AppError listing every problem. */
export function parseComplianceRequest(text: string, source: string): ComplianceRequest {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const { line, column } = syntaxPosition(text, (error as Error).message)
    const message = (error as Error).message
    throw new AppError(
      'invalid_compliance_request',
      `${source}: not valid JSON at line ${line}, column ${column}: ${message}`,
      [{ path: '', message, line, column }] satisfies ComplianceRequestProblem[],
    )
  }
  return validateComplianceRequest(data, source)
}

/** `data` (parsed JSON) as a request, or an `invalid_compliance_request` AppError listing every problem. */
export function validateComplianceRequest(data: unknown, source: string): ComplianceRequest {
  const validate = schemaValidator()
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map(problemOf)
    const first = problems[0]
    const where = first ? `${first.path || '(document)'}: ${first.message}` : 'does not match the schema'
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''
    throw new AppError('invalid_compliance_request', `${source}: ${where}${more}`, problems)
  }
  return data as ComplianceRequest
}

/** Line and column (1-based) of a JSON.parse error: V8 reports a position or a line and column. */
function syntaxPosition(text: string, message: string): { line: number; column: number } {
  const lineColumn = /line (\d+) column (\d+)/.exec(message)
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
  const position = /position (\d+)/.exec(message)
  const offset = position ? Number(position[1]) : text.length
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }
}

function problemOf(e: ErrorObject): ComplianceRequestProblem {
  const p = e.params as Record<string, unknown>
  if (e.keyword === 'required') {
    return { path: displayPath(`${e.instancePath}/${p.missingProperty}`), message: 'is required' }
  }
  if (e.keyword === 'additionalProperties') {
    return {
      path: displayPath(`${e.instancePath}/${p.additionalProperty}`),
      message: 'is not a known property',
    }
  }
  const allowed = e.keyword === 'enum' ? `: ${(p.allowedValues as unknown[]).join(', ')}` : ''
  return { path: displayPath(e.instancePath), message: `${e.message ?? 'is invalid'}${allowed}` }
}

/** `/debts/0/accrualOn` → `debts[0].accrualOn`. */
function displayPath(pointer: string): string {
  let out = ''
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    out += /^\d+$/.test(seg) ? `[${seg}]` : out === '' ? seg : `.${seg}`
  }
  return out
}
