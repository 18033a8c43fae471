import type { FastifyInstance } from 'fastify'
import { renderAccountDocument } from '../../app/documents/render-account-document.ts'
import { requestContext } from '../auth/request-context.ts'
import { type DocumentRequest, documentSchema } from './documents.schema.ts'

/** Registers GET /api/v1/tenants/:tenant/accounts/:account/documents/:kind.pdf */
export function registerDocumentRoutes(app: FastifyInstance): void {
  app.get<DocumentRequest>(
    '/api/v1/tenants/:tenant/accounts/:account/documents/:kind.pdf',
    {
      schema: documentSchema,
      // A preview may be framed by this origin's pages only (the API's answers may be framed by none);
      // this hook runs after the server-wide one that sets the strict headers.
      onSend: async (request, reply) => {
        if (request.query.disposition !== 'inline' || reply.statusCode !== 200) return
        reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'self'")
        reply.header('x-frame-options', 'SAMEORIGIN')
      },
    },
    async (request, reply) => {
      const { locale, paper, mailingDate, disposition } = request.query
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
        .header(
          'content-disposition',
          `${disposition === 'inline' ? 'inline' : 'attachment'}; filename="${document.kind}-${document.mailingDate}.pdf"`,
        )
        .header('content-language', document.locale)
        .send(Buffer.from(document.pdf))
    },
  )
}
