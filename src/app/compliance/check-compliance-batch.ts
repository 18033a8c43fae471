import {
  type BatchVerdict,
  checkComplianceBatch,
  checkComplianceLine,
} from '../../compliance/compliance-batch.ts'

export type { BatchVerdict }

/**
 * Judges one JSON line of a `recoup compliance check --lines` stream: its verdict, or its error with the
 * line number (bad input never stops the stream). Reads no tenant data, like checkCompliance.
 */
export function checkComplianceJsonLine(input: { text: string; line: number; source: string }): BatchVerdict {
  return checkComplianceLine(input.text, input.line, input.source)
}

/** Judges a batch (a JSON array, the HTTP endpoint's batch body): one verdict or error per item, in order. */
export function checkComplianceRequests(input: { text: string; source: string }): BatchVerdict[] {
  return checkComplianceBatch(input.text, input.source)
}
