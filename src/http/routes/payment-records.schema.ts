import { PAYMENT_SORTS } from '../../store/records/payments-read.repository.ts'
import { dateField, referenceField, tenantParam } from '../schema-fields.ts'
import {
  nullableString,
  type PageQuery,
  pageResponse,
  readErrors,
  record,
  recordPageQuery,
  tenantOnly,
} from './records.schema.ts'

const paymentProperties = {
  reference: { type: 'string', description: 'the bank or provider transaction id' },
  account: { type: 'string', description: 'account external id' },
  amountMinor: { type: 'integer' },
  currency: { type: 'string' },
  receivedOn: { type: 'string' },
  source: { type: 'string', enum: ['api', 'cli', 'csv', 'camt.053', 'camt.054'] },
  status: { type: 'string', enum: ['posted', 'reversed'] },
  policyId: { type: 'string', description: 'allocation policy used' },
  creditMinor: { type: 'integer', description: 'overpayment kept as a credit balance' },
  reversedAt: nullableString,
  reversalReason: nullableString,
} as const

/** Path and query of GET /api/v1/tenants/:tenant/payments. */
export interface ListPaymentsRequest {
  Params: { tenant: string }
  Querystring: PageQuery & {
    account?: string
    status?: 'posted' | 'reversed'
    source?: string
    receivedFrom?: string
    receivedTo?: string
  }
}

export const listPaymentsSchema = {
  summary: 'List payments',
  description:
    "The tenant's payments (an agency user's: on their clients' accounts), by account, status, source and " +
    'received dates, cursor-paged, newest first unless `sort` says otherwise.',
  tags: ['payments'],
  params: tenantOnly,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...recordPageQuery(PAYMENT_SORTS),
      account: { type: 'string', minLength: 1, maxLength: 200, description: 'account external id' },
      status: { type: 'string', enum: ['posted', 'reversed'], 'x-error-code': 'invalid_option' },
      source: {
        type: 'string',
        enum: ['api', 'cli', 'csv', 'camt.053', 'camt.054'],
        'x-error-code': 'invalid_option',
      },
      receivedFrom: dateField('received on or after, YYYY-MM-DD'),
      receivedTo: dateField('received on or before, YYYY-MM-DD'),
    },
  },
  response: { 200: pageResponse(record(paymentProperties)), ...readErrors },
} as const

/** Path of GET /api/v1/tenants/:tenant/payments/:reference. */
export interface GetPaymentRequest {
  Params: { tenant: string; reference: string }
}

export const getPaymentSchema = {
  summary: 'Get a payment',
  description: 'One payment by reference, with the ledger entries it wrote (its allocation, and a reversal).',
  tags: ['payments'],
  params: {
    type: 'object',
    required: ['tenant', 'reference'],
    properties: { tenant: tenantParam, reference: referenceField() },
  },
  response: {
    200: record({
      ...paymentProperties,
      entries: {
        type: 'array',
        items: record({
          account: { type: 'string' },
          kind: { type: 'string' },
          component: { type: 'string' },
          amountMinor: { type: 'integer' },
          effectiveOn: { type: 'string' },
        }),
      },
    }),
    ...readErrors,
  },
} as const
