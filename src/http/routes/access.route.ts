import type { FastifyInstance } from 'fastify'
import { createApiKey, listApiKeys, revokeApiKey } from '../../app/auth/api-keys.ts'
import { createUser, disableUser, listUsers } from '../../app/auth/users.ts'
import { ROLES } from '../../core/auth/permissions.ts'
import { requestContext } from '../auth/request-context.ts'
import { errorResponseSchema } from '../error.schema.ts'

const errors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
} as const
const tenantParams = {
  type: 'object',
  required: ['tenant'],
  properties: { tenant: { type: 'string' } },
} as const

const apiKey = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    prefix: { type: 'string', description: 'the first characters of the key, to tell keys apart' },
    role: { type: 'string', enum: [...ROLES] },
    createdBy: { type: 'string' },
    createdAt: { type: 'string' },
    lastUsedAt: { type: ['string', 'null'] },
    revokedAt: { type: ['string', 'null'] },
  },
} as const

const user = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    status: { type: 'string', enum: ['active', 'disabled'] },
    clients: { type: ['array', 'null'], items: { type: 'string' } },
    lastLoginAt: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
  },
} as const

interface TenantParams {
  Params: { tenant: string }
}

/** Registers the tenant's API keys and users: list, create, revoke / disable (admins only). */
export function registerAccessRoutes(app: FastifyInstance): void {
  app.get<TenantParams>(
    '/api/v1/tenants/:tenant/api-keys',
    {
      schema: {
        summary: "List the tenant's API keys",
        tags: ['auth'],
        params: tenantParams,
        response: { 200: { type: 'array', items: apiKey }, ...errors },
      },
    },
    async (request) => listApiKeys(requestContext(request)),
  )
  app.post<TenantParams & { Body: { name: string; role: string } }>(
    '/api/v1/tenants/:tenant/api-keys',
    {
      schema: {
        summary: 'Create an API key',
        description:
          'The answer holds the key (`key`) once; only its hash is stored. Send it as ' +
          '`Authorization: Bearer <key>`; it acts with `role` in this tenant.',
        tags: ['auth'],
        params: tenantParams,
        body: {
          type: 'object',
          required: ['name', 'role'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100 },
            role: { type: 'string', enum: [...ROLES] },
          },
        },
        response: {
          201: { ...apiKey, properties: { ...apiKey.properties, key: { type: 'string' } } },
          ...errors,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createApiKey(requestContext(request), request.body)),
  )
  app.post<{ Params: { tenant: string; id: number } }>(
    '/api/v1/tenants/:tenant/api-keys/:id/revoke',
    {
      schema: {
        summary: 'Revoke an API key',
        tags: ['auth'],
        params: {
          type: 'object',
          required: ['tenant', 'id'],
          properties: { tenant: { type: 'string' }, id: { type: 'integer', minimum: 1 } },
        },
        response: { 200: apiKey, ...errors },
      },
    },
    async (request) => revokeApiKey(requestContext(request), { id: request.params.id }),
  )
  app.get<TenantParams>(
    '/api/v1/tenants/:tenant/users',
    {
      schema: {
        summary: "List the tenant's users",
        tags: ['auth'],
        params: tenantParams,
        response: { 200: { type: 'array', items: user }, ...errors },
      },
    },
    async (request) => listUsers(requestContext(request)),
  )
  app.post<
    TenantParams & {
      Body: { email: string; name?: string; role: string; password: string; clients?: string[] }
    }
  >(
    '/api/v1/tenants/:tenant/users',
    {
      schema: {
        summary: 'Create a user',
        description: 'Agency tenants: `clients` limits the user to those clients (external ids).',
        tags: ['auth'],
        params: tenantParams,
        body: {
          type: 'object',
          required: ['email', 'role', 'password'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', minLength: 1, maxLength: 254 },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            role: { type: 'string', enum: [...ROLES] },
            password: { type: 'string', minLength: 1, maxLength: 256 },
            clients: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 1000 },
          },
        },
        response: { 201: user, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(requestContext(request), request.body)),
  )
  app.post<{ Params: { tenant: string; id: number } }>(
    '/api/v1/tenants/:tenant/users/:id/disable',
    {
      schema: {
        summary: 'Disable a user',
        description:
          'By user id (never an address in a URL). The user can no longer log in; their sessions end at once.',
        tags: ['auth'],
        params: {
          type: 'object',
          required: ['tenant', 'id'],
          properties: { tenant: { type: 'string' }, id: { type: 'integer', minimum: 1 } },
        },
        response: { 200: user, ...errors },
      },
    },
    async (request) => disableUser(requestContext(request), { id: request.params.id }),
  )
}
