import type { FastifyInstance } from 'fastify'
import { checkCompliance } from '../../app/compliance/check-compliance.ts'
import { checkComplianceRequests } from '../../app/compliance/check-compliance-batch.ts'
import { COMPLIANCE_BODY_LIMIT, complianceCheckSchema } from './compliance.schema.ts'

/**
 * Registers POST /api/v1/compliance/check: the `recoup compliance check` contract over HTTP. The body
 * is read as text and validated against docs/compliance-check.schema.json by the same function the CLI
 * uses, so both answer the same errors (with JSON paths) and the same decisions. A JSON array is a batch:
 * one verdict (or item error) per request, in order, like `recoup compliance check --lines`.
 */
export function registerComplianceRoute(app: FastifyInstance): void {
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json')
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    )
    scope.post<{ Body: string }>(
      '/api/v1/compliance/check',
      { schema: complianceCheckSchema, bodyLimit: COMPLIANCE_BODY_LIMIT },
      async (request) =>
        /^\s*\[/.test(request.body)
          ? checkComplianceRequests({ text: request.body, source: 'request body' })
          : checkCompliance({ text: request.body, source: 'request body' }),
    )
  })
}
