import type { FastifyInstance } from 'fastify'
import { listJournalEvents, verifyTenantJournal } from '../../app/audit/list-journal-events.ts'
import { requestContext } from '../auth/request-context.ts'
import { type ListEventsRequest, listEventsSchema, type VerifyRequest, verifySchema } from './audit.schema.ts'

/** Registers GET /audit/events and POST /audit/verify. */
export function registerAuditRoutes(app: FastifyInstance): void {
  app.get<ListEventsRequest>(
    '/api/v1/tenants/:tenant/audit/events',
    { schema: listEventsSchema },
    async (request) => listJournalEvents(requestContext(request), request.query),
  )
  app.post<VerifyRequest>(
    '/api/v1/tenants/:tenant/audit/verify',
    { schema: verifySchema },
    async (request) => {
      const result = await verifyTenantJournal(requestContext(request))
      return {
        intact: result.intact,
        tenants: result.tenants.map((t) => ({
          tenant: t.tenant,
          events: t.events,
          rowsChecked: t.rowsChecked,
          firstBreak: t.firstBreak,
        })),
      }
    },
  )
}
