import { errorResponseSchema } from '../error.schema.ts'
import { tenantParam } from '../schema-fields.ts'
import { accountParam, accountPath, record } from './records.schema.ts'

export interface DisputeEvidenceListRequest {
  Params: { tenant: string; account: string }
}

export interface DisputeEvidenceFileRequest {
  Params: { tenant: string; account: string; id: number }
}

const evidenceSchema = record({
  id: { type: 'integer' },
  disputeId: { type: 'integer' },
  contentType: { type: 'string', enum: ['application/pdf', 'image/png', 'image/jpeg'] },
  sizeBytes: { type: 'integer' },
  sha256: { type: 'string', description: 'SHA-256 of the bytes, hex, recorded at upload' },
  uploadedBy: { type: 'string', description: 'who uploaded it (portal:ACCOUNT for a debtor)' },
  uploadedAt: { type: 'string', description: 'ISO instant' },
  fileName: { type: 'string', description: 'the name a download gets (never the uploader’s file name)' },
})

/** GET /api/v1/tenants/:tenant/accounts/:account/dispute-evidence */
export const listDisputeEvidenceSchema = {
  summary: "The evidence files uploaded to an account's disputes",
  description:
    'Every file a debtor uploaded through the portal to one of the account’s disputes, oldest first: ' +
    'type, size, SHA-256, who and when. Permission accounts.read.',
  tags: ['accounts'],
  params: accountPath,
  response: {
    200: {
      type: 'object',
      additionalProperties: false,
      required: ['items'],
      properties: { items: { type: 'array', items: evidenceSchema } },
    },
    400: errorResponseSchema,
    403: errorResponseSchema,
    404: errorResponseSchema,
  },
} as const

/** GET /api/v1/tenants/:tenant/accounts/:account/dispute-evidence/:id */
export const disputeEvidenceFileSchema = {
  summary: 'One evidence file of an account’s disputes',
  description:
    'The bytes as uploaded, checked against their recorded SHA-256 (a file missing or altered on disk ' +
    'is 503 evidence_unavailable), always as an attachment: an uploaded file is never shown in this ' +
    'origin. Another account’s file is 404 evidence_not_found.',
  tags: ['accounts'],
  params: {
    type: 'object',
    required: ['tenant', 'account', 'id'],
    properties: {
      tenant: tenantParam,
      account: accountParam,
      id: { type: 'integer', minimum: 1, maximum: 9007199254740991 },
    },
  },
  response: {
    200: {
      description: 'The file',
      content: {
        'application/pdf': { schema: { type: 'string', format: 'binary' } },
        'image/png': { schema: { type: 'string', format: 'binary' } },
        'image/jpeg': { schema: { type: 'string', format: 'binary' } },
      },
    },
    400: errorResponseSchema,
    403: errorResponseSchema,
    404: errorResponseSchema,
    503: errorResponseSchema,
  },
} as const
