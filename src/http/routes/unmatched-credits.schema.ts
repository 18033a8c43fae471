import { errorResponseSchema } from '../error.schema.ts'
import { referenceField, tenantParam } from '../schema-fields.ts'

/** Path of GET /api/v1/tenants/:tenant/unmatched-credits. */
export interface ListUnmatchedCreditsRequest {
  Params: { tenant: string }
}

/** Path and body of POST /api/v1/tenants/:tenant/unmatched-credits/:reference/apply. */
export interface ApplyUnmatchedCreditRequest {
  Params: { tenant: string; reference: string }
  Body: { account: string; acceptLarge?: boolean }
}

/** GET /api/v1/tenants/:tenant/unmatched-credits: the open queue of bank credits no rule matched. */
export const listUnmatchedCreditsSchema = {
  summary: 'List unmatched bank credits',
  description:
    'Open bank credits no matching rule could place, oldest first, with suggested accounts. Credits are ' +
    "named by the bank's transaction reference and accounts by their external ids.",
  tags: ['payments'],
  params: { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } },
  response: {
    200: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          reference: { type: 'string' },
          amount: { type: 'string', description: 'decimal in `currency`' },
          currency: { type: 'string' },
          bookedOn: { type: 'string' },
          debtorName: { type: ['string', 'null'] },
          statement: { type: ['string', 'null'] },
          remittance: {},
          suggestions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                account: { type: 'string' },
                score: { type: 'number' },
                reason: { type: 'string' },
              },
            },
          },
        },
      },
    },
    404: errorResponseSchema,
  },
} as const

/** POST /api/v1/tenants/:tenant/unmatched-credits/:reference/apply: a person places a credit. */
export const applyUnmatchedCreditSchema = {
  summary: 'Apply an unmatched bank credit to an account',
  description:
    'Posts the credit as a payment on the account (by external id) under the bank reference, allocated ' +
    'and re-decided, and marks the credit matched; journaled. A credit already applied is a 409.',
  tags: ['payments'],
  params: {
    type: 'object',
    required: ['tenant', 'reference'],
    properties: { tenant: tenantParam, reference: referenceField() },
  },
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['account'],
    properties: {
      account: { type: 'string', minLength: 1, maxLength: 200, description: 'account external id' },
      acceptLarge: { type: 'boolean', description: 'accept a credit above ten times what the account owes' },
    },
  },
  response: {
    201: {
      type: 'object',
      properties: {
        credit: { type: 'string' },
        account: { type: 'string' },
        amount: { type: 'string' },
        currency: { type: 'string' },
        paymentId: { type: 'integer' },
        paidInFull: { type: 'boolean' },
      },
    },
    400: errorResponseSchema,
    404: errorResponseSchema,
    409: errorResponseSchema,
    422: errorResponseSchema,
  },
} as const
