import type { FastifyInstance } from 'fastify'
import { listMessages } from '../../app/outreach/list-messages.ts'
import { requestContext } from '../auth/request-context.ts'
import { type MessagesRequest, messagesSchema } from './messages.schema.ts'

/** Registers GET /api/v1/tenants/:tenant/messages. */
export function registerMessagesRoute(app: FastifyInstance): void {
  app.get<MessagesRequest>(
    '/api/v1/tenants/:tenant/messages',
    { schema: messagesSchema },
    async (request) => {
      const ctx = requestContext(request)
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
