import type { FastifyInstance } from 'fastify'
import { systemActor } from '../../app/actor.ts'
import { applyUnmatchedCredit } from '../../app/payments/apply-unmatched-credit.ts'
import { listUnmatchedCredits } from '../../app/payments/list-unmatched-credits.ts'
import { findTenantOrFail } from '../../app/tenants/find-tenant.ts'
import type { Store } from '../../store/connect.ts'
import {
  type ApplyUnmatchedCreditRequest,
  applyUnmatchedCreditSchema,
  type ListUnmatchedCreditsRequest,
  listUnmatchedCreditsSchema,
} from './unmatched-credits.schema.ts'

/** Registers GET .../unmatched-credits and POST .../unmatched-credits/:reference/apply. */
export function registerUnmatchedCreditsRoutes(app: FastifyInstance, deps: { store: Store }): void {
  const contextFor = async (slug: string) => {
    const tenant = await findTenantOrFail(deps.store, slug)
    return { store: deps.store, actor: systemActor(tenant, 'http') }
  }
  app.get<ListUnmatchedCreditsRequest>(
    '/api/v1/tenants/:tenant/unmatched-credits',
    { schema: listUnmatchedCreditsSchema },
    async (request) => listUnmatchedCredits(await contextFor(request.params.tenant)),
  )
  app.post<ApplyUnmatchedCreditRequest>(
    '/api/v1/tenants/:tenant/unmatched-credits/:reference/apply',
    { schema: applyUnmatchedCreditSchema },
    async (request, reply) => {
      const ctx = await contextFor(request.params.tenant)
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
