import type { FastifyInstance } from 'fastify'
import { reversePayment } from '../../app/payments/reverse-payment.ts'
import { requestContext } from '../auth/request-context.ts'
import { type ReversePaymentRequest, reversePaymentSchema } from './payment-reversal.schema.ts'

/** Registers POST /api/v1/tenants/:tenant/payments/:reference/reverse. */
export function registerPaymentReversalRoute(app: FastifyInstance): void {
  app.post<ReversePaymentRequest>(
    '/api/v1/tenants/:tenant/payments/:reference/reverse',
    { schema: reversePaymentSchema },
    async (request) => {
      const ctx = requestContext(request)
      const { reason, effectiveOn } = request.body
      return reversePayment(ctx, {
        reference: request.params.reference,
        reason,
        ...(effectiveOn !== undefined ? { effectiveOn } : {}),
      })
    },
  )
}
