import { errorResponseSchema } from '../error.schema.ts'
import { dateField, reasonField, referenceField, tenantParam } from '../schema-fields.ts'

/** Path and body of POST /api/v1/tenants/:tenant/payments/:reference/reverse. */
export interface ReversePaymentRequest {
  Params: { tenant: string; reference: string }
  Body: { reason: string; effectiveOn?: string }
}

/** POST /api/v1/tenants/:tenant/payments/:reference/reverse: undo a payment (chargeback, bounced cheque). */
export const reversePaymentSchema = {
  summary: 'Reverse a payment',
  description:
    'Reverses the payment recorded under `reference` (its own transaction id, or its end-to-end id when ' +
    'that names one payment): every line of its split gets its exact opposite, an account it had closed ' +
    'reopens and is re-decided. Reversing a reversed payment answers 200 with `reversed: false`.',
  tags: ['payments'],
  params: {
    type: 'object',
    required: ['tenant', 'reference'],
    properties: {
      tenant: tenantParam,
      reference: referenceField(),
    },
  },
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['reason'],
    properties: {
      reason: reasonField('why, e.g. "MD06 chargeback"'),
      effectiveOn: dateField('value date (default: today, tenant zone)'),
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        reversed: { type: 'boolean' },
        reference: { type: 'string' },
        accounts: { type: 'array', items: { type: 'string' }, description: 'account external ids' },
      },
    },
    400: errorResponseSchema,
    404: errorResponseSchema,
    409: errorResponseSchema,
    422: errorResponseSchema,
  },
} as const
