import type { FastifyInstance } from 'fastify'
import { postPayment } from '../../app/payments/post-payment.ts'
import { AppError } from '../../core/errors/index.ts'
import { requestContext } from '../auth/request-context.ts'
import { type PostPaymentRequest, postPaymentSchema } from './payments.schema.ts'

/**
 * Refuses a JSON number where the schema promises a decimal string, before validation: the validator
 * would coerce 120.1 to "120.1" silently, and a binary fraction is not an amount.
 */
export function requireDecimalString(body: unknown, field: string): void {
  const value = (body as Record<string, unknown> | null)?.[field]
  if (value !== undefined && typeof value !== 'string') {
    throw new AppError(
      'invalid_amount',
      `${field} must be a decimal string such as "120.50", not a JSON ${value === null ? 'null' : typeof value}`,
      { field },
    )
  }
}

/** Registers POST /api/v1/tenants/:tenant/payments. */
export function registerPaymentsRoute(app: FastifyInstance): void {
  app.post<PostPaymentRequest>(
    '/api/v1/tenants/:tenant/payments',
    {
      schema: postPaymentSchema,
      preValidation: async (request) => requireDecimalString(request.body, 'amount'),
    },
    async (request, reply) => {
      const ctx = requestContext(request)
      const { account, amount, receivedOn, reference, policy, acceptLarge } = request.body
      const result = await postPayment(ctx, {
        account,
        amount,
        receivedOn,
        reference,
        source: 'api',
        ...(policy !== undefined ? { policy } : {}),
        ...(acceptLarge ? { acceptLarge: true } : {}),
      })
      return reply.status(result.replayed ? 200 : 201).send(result)
    },
  )
}
