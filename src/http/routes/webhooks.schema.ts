import { WEBHOOK_EVENT_TYPES } from '../../core/webhooks/webhook-events.ts'
import { errorResponseSchema } from '../error.schema.ts'
import { type PageQuery, pageQueryProperties, pageResponse } from '../pagination.schema.ts'

/** Schemas of the webhook endpoints and their delivery log (src/http/routes/webhooks.route.ts). */

export const webhookErrors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
} as const

const id = { type: 'integer', minimum: 1 } as const
export const tenantParams = {
  type: 'object',
  required: ['tenant'],
  properties: { tenant: { type: 'string' } },
} as const
export const endpointParams = {
  type: 'object',
  required: ['tenant', 'id'],
  properties: { tenant: { type: 'string' }, id },
} as const
export const deliveryParams = {
  type: 'object',
  required: ['tenant', 'id', 'delivery'],
  properties: { tenant: { type: 'string' }, id, delivery: id },
} as const

const eventTypes = {
  type: 'array',
  items: { type: 'string', enum: [...WEBHOOK_EVENT_TYPES] },
  maxItems: 100,
  description: 'event types the endpoint receives; empty: every event',
} as const

const endpointProperties = {
  id: { type: 'integer' },
  url: { type: 'string' },
  description: { type: 'string' },
  eventTypes: { type: 'array', items: { type: 'string' } },
  status: { type: 'string', enum: ['enabled', 'disabled'] },
  disabledReason: { type: ['string', 'null'], description: 'why it is disabled; null when enabled' },
  consecutiveFailures: { type: 'integer', description: 'dead deliveries in a row' },
  createdBy: { type: 'string' },
  createdAt: { type: 'string' },
  updatedAt: { type: 'string' },
} as const
const endpointRequired = Object.keys(endpointProperties)

export const webhookEndpoint = {
  type: 'object',
  required: endpointRequired,
  additionalProperties: false,
  properties: endpointProperties,
} as const

export const createdWebhookEndpoint = {
  type: 'object',
  required: [...endpointRequired, 'secret'],
  additionalProperties: false,
  properties: {
    ...endpointProperties,
    secret: { type: 'string', description: 'the signing secret (whsec_...), shown only in this answer' },
  },
} as const

const deliveryProperties = {
  id: { type: 'integer' },
  endpointId: { type: 'integer' },
  eventId: { type: 'string', description: 'the webhook-id header, the same on every attempt' },
  eventType: { type: 'string' },
  status: { type: 'string', enum: ['pending', 'delivered', 'failed', 'dead'] },
  attempts: { type: 'integer' },
  nextAttemptAt: { type: ['string', 'null'] },
  lastStatusCode: { type: ['integer', 'null'] },
  lastError: { type: ['string', 'null'] },
  createdAt: { type: 'string' },
  updatedAt: { type: 'string' },
  deliveredAt: { type: ['string', 'null'] },
  payload: {
    type: 'object',
    description: 'the JSON body as sent: { type, timestamp, data }',
    additionalProperties: true,
  },
} as const

export const webhookDelivery = {
  type: 'object',
  required: Object.keys(deliveryProperties),
  additionalProperties: false,
  properties: deliveryProperties,
} as const

export const createEndpointBody = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: {
    url: { type: 'string', minLength: 1, maxLength: 2000 },
    events: eventTypes,
    description: { type: 'string', maxLength: 200 },
  },
} as const

export const updateEndpointBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    url: { type: 'string', minLength: 1, maxLength: 2000 },
    events: eventTypes,
    description: { type: 'string', maxLength: 200 },
    enabled: { type: 'boolean', description: 'false disables it (deliveries wait); true enables it again' },
  },
} as const

export const deliveriesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: pageQueryProperties(['id']),
} as const

export const deliveriesPage = pageResponse(webhookDelivery)

export interface EndpointBody {
  url: string
  events?: string[]
  description?: string
}
export interface UpdateBody {
  url?: string
  events?: string[]
  description?: string
  enabled?: boolean
}
export type DeliveriesQuery = PageQuery
