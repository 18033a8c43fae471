/**
 * Batches of compliance requests (issue #9, part 4): JSON lines for `recoup compliance check --lines`
 * (one request per line in, one verdict per line out, one process) and a JSON array for the HTTP
 * endpoint. Each request is judged on its own: a bad one gets its error in its place, the others their
 * verdicts, so one typo never costs a whole batch.
 */
import type { ComplianceResult } from '../core/compliance/compliance-request.ts'
import { evaluateCompliance } from '../core/compliance/evaluate-compliance.ts'
import { AppError, type ErrorBody } from '../core/errors/index.ts'
import { checkComplianceJson, validateComplianceRequest } from './compliance-check.ts'

/** One item's answer: its verdict, or its error in the house wire format plus where it was. */
export type BatchVerdict = ComplianceResult | (ErrorBody & { line?: number; index?: number })

/** The verdict of one JSON line (`line` is 1-based), never throwing for bad input. */
export function checkComplianceLine(text: string, line: number, source: string): BatchVerdict {
  try {
    return checkComplianceJson(text, `${source} line ${line}`)
  } catch (error) {
    if (error instanceof AppError) return { ...error.toJSON(), line }
    throw error
  }
}

/** The largest batch one HTTP request may carry. */
export const MAX_BATCH = 10_000

/** The verdicts of a JSON array of requests (`text`), in order; text that is no JSON array is one error. */
export function checkComplianceBatch(text: string, source: string): BatchVerdict[] {
  let items: unknown
  try {
    items = JSON.parse(text)
  } catch (error) {
    const message = (error as Error).message
    throw new AppError('invalid_compliance_request', `${source}: not valid JSON: ${message}`, [
      { path: '', message },
    ])
  }
  if (!Array.isArray(items)) {
    throw new AppError('invalid_compliance_request', `${source}: a batch is a JSON array of requests`)
  }
  if (items.length === 0 || items.length > MAX_BATCH) {
    throw new AppError(
      'invalid_compliance_request',
      `${source}: a batch holds 1 to ${MAX_BATCH} requests, not ${items.length}`,
    )
  }
  return items.map((item, index) => {
    try {
      return evaluateCompliance(validateComplianceRequest(item, `${source}[${index}]`))
    } catch (error) {
      if (error instanceof AppError) return { ...error.toJSON(), index }
      throw error
    }
  })
}
