import { errorResponseSchema } from '../error.schema.ts'

/** A verdict (ComplianceResult) or, in a batch, one item's error; documented in docs/compliance-check.md. */
const verdict = { type: 'object', additionalProperties: true } as const

/** POST /api/v1/compliance/check: one request answers one verdict; an array answers an array, in order. */
export const complianceCheckSchema = {
  summary: 'Check one proposed action, or a batch of them, against the compliance packs',
  description:
    'Body: a ComplianceRequest (docs/compliance-check.md), or a JSON array of 1 to 10,000 of them. One ' +
    'request answers its decision: allow or block, every reason with its rule id and citation, ' +
    'earliestAllowedAt, the packs and the families consulted; a bad request is a 400. A batch answers an ' +
    'array in the same order, each item the decision or, for a bad item, `{ "error": {...}, "index": N }` ' +
    '(the others are still judged).',
  tags: ['compliance'],
  response: {
    200: { anyOf: [verdict, { type: 'array', items: verdict }] },
    400: errorResponseSchema,
  },
} as const

/** Bytes a batch body may take: 10,000 requests of a few hundred bytes each, with room. */
export const COMPLIANCE_BODY_LIMIT = 32 * 1024 * 1024
