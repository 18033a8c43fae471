import { errorResponseSchema } from '../error.schema.ts'

/** One date a rule computes (ComplianceDeadline); every field named. */
const deadline = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    date: { type: 'string' },
    ruleId: { type: 'string' },
    citation: { type: 'string' },
    debtId: { type: ['string', 'null'] },
  },
  required: ['name', 'date', 'ruleId', 'citation', 'debtId'],
} as const

/**
 * A verdict (ComplianceResult) or, in a batch, one item's error `{ error, index }`; documented in
 * docs/compliance-check.md. Open (`additionalProperties: true`) because the same schema carries both
 * shapes; the verdict's fields are named so the OpenAPI document shows them, `deadlines` included.
 */
const verdict = {
  type: 'object',
  additionalProperties: true,
  properties: {
    outcome: { type: 'string', enum: ['allow', 'block'] },
    reasons: { type: 'array', items: { type: 'object', additionalProperties: true } },
    earliestAllowedAt: { type: ['string', 'null'] },
    packs: { type: 'array', items: { type: 'object', additionalProperties: true } },
    checks: { type: 'array', items: { type: 'object', additionalProperties: true } },
    deadlines: { type: 'array', items: deadline },
  },
} as const

/** POST /api/v1/compliance/check: one request answers one verdict; an array answers an array, in order. */
export const complianceCheckSchema = {
  summary: 'Check one proposed action, or a batch of them, against the compliance packs',
  description:
    'Body: a ComplianceRequest (docs/compliance-check.md), or a JSON array of 1 to 10,000 of them. One ' +
    'request answers its decision: allow or block, every reason with its rule id and citation, ' +
    'earliestAllowedAt, the packs and the families consulted, and the deadlines the rules compute (name, ' +
    'date, rule id, citation, debt); a bad request is a 400. A batch answers an ' +
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
