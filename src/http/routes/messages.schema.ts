import { errorResponseSchema } from '../error.schema.ts'

export interface MessagesRequest {
  Params: { tenant: string }
  Querystring: { account?: string; status?: string; limit?: number }
}

/** GET /api/v1/tenants/:tenant/messages: what `recoup messages` lists. */
export const messagesSchema = {
  summary: 'Messages with their send-time compliance check and status',
  description:
    'Newest first. Status: queued, sending, sent (accepted by the provider), delivered, bounced, failed, ' +
    'suppressed (refused by the send-time compliance check, with the reasons). Receipts and replies are ' +
    'listed under events.',
  tags: ['outreach'],
  params: { type: 'object', required: ['tenant'], properties: { tenant: { type: 'string' } } },
  querystring: {
    type: 'object',
    properties: {
      account: { type: 'string', description: "only this account's messages (external id)" },
      status: { type: 'string' },
      limit: { type: 'integer', minimum: 1, maximum: 10000 },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['messages'],
      properties: { messages: { type: 'array', items: { type: 'object', additionalProperties: true } } },
    },
    400: errorResponseSchema,
    404: errorResponseSchema,
  },
} as const
