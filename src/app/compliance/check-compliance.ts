import { checkComplianceJson } from '../../compliance/compliance-check.ts'
import type { ComplianceResult } from '../../core/compliance/compliance-request.ts'

export interface CheckComplianceInput {
  /** The request as JSON text (docs/compliance-check.md). */
  readonly text: string
  /** What to call it in error messages: the file name, "stdin" or "request body". */
  readonly source: string
}

/**
 * Judges one proposed action against the compliance packs: the decision with every reason, or an
 * `invalid_compliance_request` error listing every problem with its path. `recoup compliance check`
 * and POST /api/v1/compliance/check both call this. It reads no tenant data (the request carries every
 * fact), so it needs no store or actor.
 */
export function checkCompliance(input: CheckComplianceInput): ComplianceResult {
  return checkComplianceJson(input.text, input.source)
}
