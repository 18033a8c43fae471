import type { FastifyInstance } from 'fastify'
import { applyUnmatchedCredit } from '../../app/payments/apply-unmatched-credit.ts'
import { listUnmatchedCredits } from '../../app/payments/list-unmatched-credits.ts'
import { requestContext } from '../auth/request-context.ts'
import {
  type ApplyUnmatchedCreditRequest,
  applyUnmatchedCreditSchema,
  type ListUnmatchedCreditsRequest,
  listUnmatchedCreditsSchema,
} from './unmatched-credits.schema.ts'

/** Registers GET .../unmatched-credits and POST .../unmatched-credits/:reference/apply. */
export function registerUnmatchedCreditsRoutes(app: FastifyInstance): void {
  app.get<ListUnmatchedCreditsRequest>(
    '/api/v1/tenants/:tenant/unmatched-credits',
    { schema: listUnmatchedCreditsSchema },
    async (request) => listUnmatchedCredits(requestContext(request)),
  )
  app.post<ApplyUnmatchedCreditRequest>(
    '/api/v1/tenants/:tenant/unmatched-credits/:reference/apply',
    { schema: applyUnmatchedCreditSchema },
    async (request, reply) => {
      const ctx = requestContext(request)
      const { account, acceptLarge } = request.body
      const result = await applyUnmatchedCredit(ctx, {
        credit: request.params.reference,
        account,
        ...(acceptLarge ? { acceptLarge: true } : {}),
      })
      return reply.status(201).send(result)
    },
  )
}
