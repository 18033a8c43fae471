/**
 * GET /api/v1/tenants/:tenant/sink/messages and .../sink/messages/:id (docs/outreach.md,
 * "Development sinks"): what the development mail and SMS sinks captured for the tenant.
 */
import { SINK_PAGE_MAX } from '../../app/outreach/sink-messages.ts'
import { errorResponseSchema } from '../error.schema.ts'
import { tenantParam } from '../schema-fields.ts'
import { nullableString, pageResponse, record, tenantOnly } from './records.schema.ts'

/** A sink id as the list gives them (a text's: `sms-` and its sid). */
export const SINK_EXAMPLE_ID = 'sms-SM0123456789abcdef0123456789abcdef'

const summaryFields = {
  id: { type: 'string', description: 'the sink id (mail-... or sms-...) for GET .../sink/messages/:id' },
  channel: { type: 'string', enum: ['email', 'sms'] },
  from: { ...nullableString, description: 'the From header (null for texts)' },
  to: { type: 'string', description: 'recipients as sent' },
  subject: nullableString,
  date: { type: 'string', description: 'when the sink received it (ISO instant)' },
  preview: { type: 'string', description: 'the start of the text body (at most 200 characters)' },
  messageId: {
    type: ['integer', 'null'],
    description: 'the outbox message it was sent as (GET .../messages), when known',
  },
  providerMessageId: { ...nullableString, description: 'Message-ID (mail) or sid (SMS)' },
} as const

/** GET .../sink/messages as typed in the handler. */
export interface ListSinkMessagesRequest {
  Params: { tenant: string }
  Querystring: { limit?: number; cursor?: string }
}

/** GET .../sink/messages/:id as typed in the handler. */
export interface SinkMessageRequest {
  Params: { tenant: string; id: string }
}

const sinkErrors = { 400: errorResponseSchema, 404: errorResponseSchema } as const

export const listSinkMessagesSchema = {
  summary: 'Mail and texts the development sinks captured',
  description:
    "The tenant's captured mail (the mail sink on 127.0.0.1:2525) and texts (the SMS sink), newest " +
    'first, cursor-paged. Only on a server whose mail or texts go to the sinks (development): ' +
    'otherwise 404 `sink_not_configured`. Admins and managers.',
  tags: ['outreach'],
  params: tenantOnly,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: SINK_PAGE_MAX,
        'x-error-code': 'invalid_option',
        description: `messages per page (default 20, at most ${SINK_PAGE_MAX})`,
      },
      cursor: {
        type: 'string',
        maxLength: 1000,
        'x-error-code': 'invalid_cursor',
        description: 'the nextCursor of the previous page',
      },
    },
  },
  response: { 200: pageResponse(record(summaryFields)), ...sinkErrors },
} as const

export const getSinkMessageSchema = {
  summary: 'One captured mail or text with its bodies',
  description:
    'The text and the HTML part (a string: show it in a sandboxed iframe) and the attachments ' +
    "(names, types, sizes). Another tenant's message answers 404 `sink_message_not_found`.",
  tags: ['outreach'],
  params: {
    type: 'object',
    required: ['tenant', 'id'],
    properties: {
      tenant: tenantParam,
      id: {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        description: 'the sink id from the list',
        examples: [SINK_EXAMPLE_ID],
      },
    },
  },
  response: {
    200: record({
      ...summaryFields,
      text: { type: 'string' },
      html: { ...nullableString, description: 'the HTML part as sent (null: none, or a text)' },
      attachments: {
        type: 'array',
        items: record({
          filename: nullableString,
          contentType: { type: 'string' },
          size: { type: 'integer' },
        }),
      },
    }),
    ...sinkErrors,
  },
} as const
