import type { FastifyInstance } from 'fastify'
import { renderAccountDocument } from '../../app/documents/render-account-document.ts'
import { requestContext } from '../auth/request-context.ts'
import { type DocumentRequest, documentSchema } from './documents.schema.ts'

/** Registers GET /api/v1/tenants/:tenant/accounts/:account/documents/:kind.pdf */
export function registerDocumentRoutes(app: FastifyInstance): void {
  app.get<DocumentRequest>(
    '/api/v1/tenants/:tenant/accounts/:account/documents/:kind.pdf',
    { schema: documentSchema },
    async (request, reply) => {
      const { locale, paper, mailingDate } = request.query
      const document = await renderAccountDocument(requestContext(request), {
        kind: request.params.kind,
        account: request.params.account,
        ...(locale !== undefined ? { locale } : {}),
        ...(paper !== undefined ? { paper } : {}),
        ...(mailingDate !== undefined ? { mailingDate } : {}),
      })
      // The file name carries the kind and the mailing date only: the account reference stays out.
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${document.kind}-${document.mailingDate}.pdf"`)
        .header('content-language', document.locale)
        .send(Buffer.from(document.pdf))
    },
  )
}
