import type { FastifyInstance } from 'fastify'
import { checkCompliance } from '../../app/compliance/check-compliance.ts'
import { checkComplianceRequests } from '../../app/compliance/check-compliance-batch.ts'
import { AppError } from '../../core/errors/index.ts'
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
      async (request) => {
        // No body at all (no Content-Type, or an empty one) is a bad request, not a crash.
        const text = typeof request.body === 'string' ? request.body : ''
        if (text.trim() === '')
          throw new AppError(
            'invalid_compliance_request',
            'request body: a ComplianceRequest JSON object, or an array of them, is required',
          )
        return /^\s*\[/.test(text)
          ? checkComplianceRequests({ text, source: 'request body' })
          : checkCompliance({ text, source: 'request body' })
      },
    )
  })
}
