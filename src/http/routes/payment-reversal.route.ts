import type { FastifyInstance } from 'fastify'
import { systemActor } from '../../app/actor.ts'
import { reversePayment } from '../../app/payments/reverse-payment.ts'
import { findTenantOrFail } from '../../app/tenants/find-tenant.ts'
import type { Store } from '../../store/connect.ts'
import { type ReversePaymentRequest, reversePaymentSchema } from './payment-reversal.schema.ts'

/** Registers POST /api/v1/tenants/:tenant/payments/:reference/reverse. */
export function registerPaymentReversalRoute(app: FastifyInstance, deps: { store: Store }): void {
  app.post<ReversePaymentRequest>(
    '/api/v1/tenants/:tenant/payments/:reference/reverse',
    { schema: reversePaymentSchema },
    async (request) => {
      const tenant = await findTenantOrFail(deps.store, request.params.tenant)
      const ctx = { store: deps.store, actor: systemActor(tenant, 'http') }
      const { reason, effectiveOn } = request.body
      return reversePayment(ctx, {
        reference: request.params.reference,
        reason,
        ...(effectiveOn !== undefined ? { effectiveOn } : {}),
      })
    },
  )
}
