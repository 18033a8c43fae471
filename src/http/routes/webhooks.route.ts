import type { FastifyInstance } from 'fastify'
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  updateWebhookEndpoint,
} from '../../app/webhooks/manage-webhook-endpoints.ts'
import { listWebhookDeliveries, replayWebhookDelivery } from '../../app/webhooks/webhook-deliveries.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  createdWebhookEndpoint,
  createEndpointBody,
  type DeliveriesQuery,
  deliveriesPage,
  deliveriesQuery,
  deliveryParams,
  type EndpointBody,
  endpointParams,
  tenantParams,
  type UpdateBody,
  updateEndpointBody,
  webhookDelivery,
  webhookEndpoint,
  webhookErrors,
} from './webhooks.schema.ts'

const BASE = '/api/v1/tenants/:tenant/webhooks'
interface TenantParams {
  Params: { tenant: string }
}
interface EndpointParams {
  Params: { tenant: string; id: number }
}
const tags = ['webhooks']

/** Registers the webhook endpoints, their delivery log and replay (docs/webhooks.md). */
export function registerWebhookRoutes(app: FastifyInstance): void {
  app.get<TenantParams>(
    BASE,
    {
      schema: {
        summary: "List the tenant's webhook endpoints",
        description: 'A disabled endpoint says why (`disabledReason`); secrets are never listed.',
        tags,
        params: tenantParams,
        response: { 200: { type: 'array', items: webhookEndpoint }, ...webhookErrors },
      },
    },
    async (request) => listWebhookEndpoints(requestContext(request)),
  )
  app.post<TenantParams & { Body: EndpointBody }>(
    BASE,
    {
      schema: {
        summary: 'Register a webhook endpoint',
        description:
          'The answer holds the signing secret (`secret`) once. Events are POSTed signed per the ' +
          'Standard Webhooks specification (webhook-id, webhook-timestamp, webhook-signature).',
        tags,
        params: tenantParams,
        body: createEndpointBody,
        response: { 201: createdWebhookEndpoint, ...webhookErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createWebhookEndpoint(requestContext(request), request.body)),
  )
  app.get<EndpointParams>(
    `${BASE}/:id`,
    {
      schema: {
        summary: 'Get a webhook endpoint',
        tags,
        params: endpointParams,
        response: { 200: webhookEndpoint, ...webhookErrors },
      },
    },
    async (request) => getWebhookEndpoint(requestContext(request), { id: request.params.id }),
  )
  app.patch<EndpointParams & { Body: UpdateBody }>(
    `${BASE}/:id`,
    {
      schema: {
        summary: 'Change a webhook endpoint (url, events, enabled)',
        tags,
        params: endpointParams,
        body: updateEndpointBody,
        response: { 200: webhookEndpoint, ...webhookErrors },
      },
    },
    async (request) =>
      updateWebhookEndpoint(requestContext(request), { id: request.params.id, ...request.body }),
  )
  app.delete<EndpointParams>(
    `${BASE}/:id`,
    {
      schema: {
        summary: 'Delete a webhook endpoint and its delivery log',
        tags,
        params: endpointParams,
        response: {
          200: {
            type: 'object',
            required: ['deleted'],
            additionalProperties: false,
            properties: { deleted: { type: 'boolean', const: true } },
          },
          ...webhookErrors,
        },
      },
    },
    async (request) => deleteWebhookEndpoint(requestContext(request), { id: request.params.id }),
  )
  app.get<EndpointParams & { Querystring: DeliveriesQuery }>(
    `${BASE}/:id/deliveries`,
    {
      schema: {
        summary: "A webhook endpoint's delivery log, newest first",
        tags,
        params: endpointParams,
        querystring: deliveriesQuery,
        response: { 200: deliveriesPage, ...webhookErrors },
      },
    },
    async (request) =>
      listWebhookDeliveries(requestContext(request), { endpointId: request.params.id, ...request.query }),
  )
  app.post<{ Params: { tenant: string; id: number; delivery: number } }>(
    `${BASE}/:id/deliveries/:delivery/replay`,
    {
      schema: {
        summary: 'Send a delivery again',
        description: 'Queued now with fresh attempts and the same webhook-id.',
        tags,
        params: deliveryParams,
        response: { 200: webhookDelivery, ...webhookErrors },
      },
    },
    async (request) =>
      replayWebhookDelivery(requestContext(request), {
        endpointId: request.params.id,
        deliveryId: request.params.delivery,
      }),
  )
}
