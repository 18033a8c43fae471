import type { FastifyInstance } from 'fastify'
import { getTenantSettings, updateTenantSettings } from '../../app/tenants/tenant-settings.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  getTenantSettingsSchema,
  type TenantSettingsRequest,
  type UpdateTenantSettingsRequest,
  updateTenantSettingsSchema,
} from './tenant-settings.schema.ts'

/** Registers GET and PATCH /api/v1/tenants/:tenant/settings (docs/settings.md). */
export function registerTenantSettingsRoutes(app: FastifyInstance): void {
  app.get<TenantSettingsRequest>(
    '/api/v1/tenants/:tenant/settings',
    { schema: getTenantSettingsSchema },
    async (request, reply) => {
      const settings = await getTenantSettings(requestContext(request))
      return reply.header('etag', settings.etag).send(settings)
    },
  )
  app.patch<UpdateTenantSettingsRequest>(
    '/api/v1/tenants/:tenant/settings',
    { schema: updateTenantSettingsSchema },
    async (request, reply) => {
      const settings = await updateTenantSettings(requestContext(request), {
        ifMatch: request.headers['if-match'],
        ...request.body,
      })
      return reply.header('etag', settings.etag).send(settings)
    },
  )
}
