import { errorResponseSchema } from '../error.schema.ts'
import { type PageQuery, pageQueryProperties, pageResponse } from '../pagination.schema.ts'
import { dateField, tenantParam } from '../schema-fields.ts'

const tenantParams = { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } } as const

const eventItem = {
  type: 'object',
  required: ['seq', 'type', 'actor', 'occurredAt', 'subject'],
  additionalProperties: false,
  properties: {
    seq: { type: 'integer', description: "the event's place in the tenant's hash chain" },
    type: { type: 'string', description: 'e.g. payment.posted, playbook.activated' },
    actor: { type: 'string', description: 'who acted: user:<id>, api_key:<id>, system:<process>' },
    occurredAt: { type: 'string' },
    subject: { type: ['string', 'null'], description: 'what it happened to (e.g. account:12)' },
  },
} as const

export interface ListEventsRequest {
  Params: { tenant: string }
  Querystring: PageQuery & { type?: string; actor?: string; from?: string; to?: string }
}

/** GET /api/v1/tenants/:tenant/audit/events */
export const listEventsSchema = {
  summary: 'Audit journal events',
  description:
    "The tenant's audit journal in chain order, filtered by event type, actor and UTC days (from/to " +
    'inclusive). Payloads are left out: they may hold personal data.',
  tags: ['audit'],
  params: tenantParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...pageQueryProperties(['seq']),
      type: {
        type: 'string',
        minLength: 1,
        maxLength: 100,
        pattern: '^[^\\u0000-\\u001f\\u007f]+$',
        description: 'event type',
      },
      actor: {
        type: 'string',
        minLength: 1,
        maxLength: 100,
        pattern: '^[^\\u0000-\\u001f\\u007f]+$',
        description: 'journal label of the actor',
      },
      from: dateField('first UTC day'),
      to: dateField('last UTC day'),
    },
  },
  response: {
    200: { ...pageResponse(eventItem), description: 'A page of events' },
    400: { ...errorResponseSchema, description: 'A bad filter, limit, sort or cursor' },
    403: { ...errorResponseSchema, description: 'The role may not read the journal' },
    404: { ...errorResponseSchema, description: 'No such tenant' },
  },
} as const

export interface VerifyRequest {
  Params: { tenant: string }
}

const breakSchema = {
  anyOf: [
    { type: 'null' },
    {
      type: 'object',
      required: ['seq', 'eventId', 'reason'],
      additionalProperties: false,
      properties: {
        seq: { type: ['integer', 'null'] },
        eventId: { type: ['integer', 'null'] },
        reason: { type: 'string' },
      },
    },
  ],
} as const

/** POST /api/v1/tenants/:tenant/audit/verify */
export const verifySchema = {
  summary: "Verify the tenant's journal",
  description:
    'Checks the hash chain and that every ledger line and payment matches the event that recorded it ' +
    '(`recoup audit verify --tenant`). A broken journal is a result (`intact: false`), not an error.',
  tags: ['audit'],
  params: tenantParams,
  response: {
    200: {
      description: 'The verdict',
      type: 'object',
      required: ['intact', 'tenants'],
      additionalProperties: false,
      properties: {
        intact: { type: 'boolean' },
        tenants: {
          type: 'array',
          items: {
            type: 'object',
            required: ['tenant', 'events', 'rowsChecked', 'firstBreak'],
            additionalProperties: false,
            properties: {
              tenant: { type: 'string' },
              events: { type: 'integer' },
              rowsChecked: { type: 'integer' },
              firstBreak: breakSchema,
            },
          },
        },
      },
    },
    403: { ...errorResponseSchema, description: 'The role may not verify the journal' },
    404: { ...errorResponseSchema, description: 'No such tenant' },
  },
} as const
