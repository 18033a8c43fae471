import type { FastifyInstance } from 'fastify'
import { issuePortalLink } from '../../app/portal/issue-portal-link.ts'
import type { PortalLinkSettings } from '../../core/portal/portal-link.ts'
import { requestContext } from '../auth/request-context.ts'
import { portalLinkSchema } from './portal.schema.ts'

/** Registers POST /api/v1/tenants/:tenant/accounts/:account/portal-link (staff: `portal.links`). */
export function registerPortalLinkRoute(app: FastifyInstance, settings: () => PortalLinkSettings): void {
  app.post<{ Params: { tenant: string; account: string } }>(
    '/api/v1/tenants/:tenant/accounts/:account/portal-link',
    { schema: portalLinkSchema },
    async (request, reply) => {
      const link = await issuePortalLink(requestContext(request), {
        account: request.params.account,
        settings: settings(),
      })
      return reply.status(201).send(link)
    },
  )
}
