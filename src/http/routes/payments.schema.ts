import { errorResponseSchema } from '../error.schema.ts'
import { amountField, dateField, referenceField, tenantParam } from '../schema-fields.ts'

/** Body and path of POST /api/v1/tenants/:tenant/payments, as typed in the handler. */
export interface PostPaymentRequest {
  Params: { tenant: string }
  Body: {
    account: string
    amount: string
    receivedOn: string
    reference: string
    policy?: string
    acceptLarge?: boolean
  }
}

const allocation = {
  type: 'object',
  properties: {
    policyId: { type: 'string' },
    creditMinor: { type: 'integer', description: 'overpayment kept as a credit balance, minor units' },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          account: { type: 'string', description: 'account external id' },
          component: { type: 'string', enum: ['cost', 'fee', 'interest', 'principal'] },
          dueOn: { type: 'string' },
          amountMinor: { type: 'integer' },
        },
      },
    },
  },
} as const

/** POST /api/v1/tenants/:tenant/payments: record one payment, allocated by the account's policy. */
export const postPaymentSchema = {
  summary: 'Record a payment',
  description:
    "Records a payment on an account (by its external id), split over the account's components by its " +
    "jurisdiction's allocation policy (or `policy`). The reference is the bank or provider transaction " +
    'id: sending the same reference again records nothing and answers 200 with `replayed: true`. In the ' +
    'same transaction the account is re-decided, stale pending messages are cancelled, and an account ' +
    'paid in full is closed.',
  tags: ['payments'],
  params: {
    type: 'object',
    required: ['tenant'],
    properties: { tenant: tenantParam },
  },
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['account', 'amount', 'receivedOn', 'reference'],
    properties: {
      account: { type: 'string', minLength: 1, description: 'account external id' },
      amount: amountField('decimal in the account currency'),
      receivedOn: dateField('value date YYYY-MM-DD'),
      reference: referenceField('source transaction id (trimmed: " A-1 " and "A-1" are the same payment)'),
      policy: {
        type: 'string',
        maxLength: 100,
        description: 'allocation policy id (default: by jurisdiction)',
      },
      acceptLarge: {
        type: 'boolean',
        description: 'accept a payment above ten times what the account owes (refused otherwise, 422)',
      },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        replayed: { type: 'boolean' },
        reference: { type: 'string' },
        account: { type: 'string' },
        currency: { type: 'string' },
        paidInFull: { type: 'boolean' },
      },
    },
    201: {
      type: 'object',
      properties: {
        replayed: { type: 'boolean' },
        reference: { type: 'string' },
        account: { type: 'string' },
        paymentId: { type: 'integer' },
        currency: { type: 'string' },
        allocation,
        paidInFull: { type: 'boolean' },
        forwarded: {
          type: 'object',
          description:
            'the account was sold (docs/debt-sale.md): the payment is recorded as forwarded to the buyer, not booked',
          additionalProperties: false,
          properties: {
            saleId: { type: 'integer' },
            buyer: { type: 'string' },
            forwardedPaymentId: { type: 'integer' },
          },
        },
      },
    },
    400: errorResponseSchema,
    404: errorResponseSchema,
    409: errorResponseSchema,
    422: errorResponseSchema,
  },
} as const
