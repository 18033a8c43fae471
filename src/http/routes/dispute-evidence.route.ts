import type { FastifyInstance } from 'fastify'
import { listDisputeEvidence, readDisputeEvidence } from '../../app/records/dispute-evidence.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type DisputeEvidenceFileRequest,
  type DisputeEvidenceListRequest,
  disputeEvidenceFileSchema,
  listDisputeEvidenceSchema,
} from './dispute-evidence.schema.ts'

/** Staff read the evidence debtors upload to disputes (docs/portal.md, "Dispute evidence"). */
export function registerDisputeEvidenceRoutes(app: FastifyInstance, deps: { dataDir: string }): void {
  app.get<DisputeEvidenceListRequest>(
    '/api/v1/tenants/:tenant/accounts/:account/dispute-evidence',
    { schema: listDisputeEvidenceSchema },
    async (request) => ({
      items: await listDisputeEvidence(requestContext(request), { account: request.params.account }),
    }),
  )
  app.get<DisputeEvidenceFileRequest>(
    '/api/v1/tenants/:tenant/accounts/:account/dispute-evidence/:id',
    { schema: disputeEvidenceFileSchema },
    async (request, reply) => {
      const { view, bytes } = await readDisputeEvidence(requestContext(request), {
        account: request.params.account,
        id: request.params.id,
        dataDir: deps.dataDir,
      })
      // Always a download, with the server-wide headers (nosniff, CSP default-src 'none'): a debtor's
      // file is never rendered in this origin.
      return reply
        .type(view.contentType)
        .header('content-disposition', `attachment; filename="${view.fileName}"`)
        .send(bytes)
    },
  )
}
