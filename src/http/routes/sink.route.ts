import type { FastifyInstance } from 'fastify'
import { getSinkMessage, listSinkMessages } from '../../app/outreach/sink-messages.ts'
import type { SinkFolders } from '../../config/outreach-config.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  getSinkMessageSchema,
  type ListSinkMessagesRequest,
  listSinkMessagesSchema,
  type SinkMessageRequest,
} from './sink.schema.ts'

/**
 * Registers GET .../sink/messages and .../sink/messages/:id. Always registered, so a server without
 * sinks answers `sink_not_configured` instead of an unknown path.
 */
export function registerSinkRoutes(app: FastifyInstance, folders: SinkFolders): void {
  app.get<ListSinkMessagesRequest>(
    '/api/v1/tenants/:tenant/sink/messages',
    { schema: listSinkMessagesSchema },
    async (request) => listSinkMessages(requestContext(request), { folders, ...request.query }),
  )
  app.get<SinkMessageRequest>(
    '/api/v1/tenants/:tenant/sink/messages/:id',
    { schema: getSinkMessageSchema },
    async (request) => getSinkMessage(requestContext(request), { folders, id: request.params.id }),
  )
}
