import type { FastifyInstance } from 'fastify'
import { systemActor } from '../../app/actor.ts'
import { listMessages } from '../../app/outreach/list-messages.ts'
import { findTenantOrFail } from '../../app/tenants/find-tenant.ts'
import type { Store } from '../../store/connect.ts'
import { type MessagesRequest, messagesSchema } from './messages.schema.ts'

/** Registers GET /api/v1/tenants/:tenant/messages. */
export function registerMessagesRoute(app: FastifyInstance, deps: { store: Store }): void {
  app.get<MessagesRequest>(
    '/api/v1/tenants/:tenant/messages',
    { schema: messagesSchema },
    async (request) => {
      const tenant = await findTenantOrFail(deps.store, request.params.tenant)
      const ctx = { store: deps.store, actor: systemActor(tenant, 'http') }
      const { account, status, limit } = request.query
      return {
        messages: await listMessages(ctx, {
          ...(account ? { account } : {}),
          ...(status ? { status } : {}),
          ...(limit ? { limit } : {}),
        }),
      }
    },
  )
}
