import type { FastifyInstance } from 'fastify'
import { checkCompliance } from '../../app/compliance/check-compliance.ts'
import { errorResponseSchema } from '../error.schema.ts'

/**
 * Registers POST /api/v1/compliance/check: the `recoup compliance check` contract over HTTP. The body
 * is read as text and validated against docs/compliance-check.schema.json by the same function the CLI
 * uses, so both answer the same errors (with JSON paths) and the same decisions.
 */
export function registerComplianceRoute(app: FastifyInstance): void {
  app.register(async (scope) => {
    scope.removeContentTypeParser('application/json')
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    )
    scope.post<{ Body: string }>(
      '/api/v1/compliance/check',
      {
        schema: {
          summary: 'Check one proposed action against the compliance packs',
          description:
            'Body: a ComplianceRequest (docs/compliance-check.md). Answers the decision: allow or block, every ' +
            'reason with its rule id and citation, earliestAllowedAt, the packs and the families consulted.',
          tags: ['compliance'],
          response: { 200: { type: 'object', additionalProperties: true }, 400: errorResponseSchema },
        },
      },
      async (request) => checkCompliance({ text: request.body, source: 'request body' }),
    )
  })
}
