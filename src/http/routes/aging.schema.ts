import { errorResponseSchema } from '../error.schema.ts'
import { dateField, tenantParam } from '../schema-fields.ts'

/** One currency's row of aging: accounts and balance per bucket and in all. */
export const agingRow = {
  type: 'object',
  required: ['currency', 'buckets', 'accounts', 'balanceMinor'],
  properties: {
    currency: { type: 'string', description: 'ISO 4217 code' },
    buckets: {
      type: 'array',
      items: {
        type: 'object',
        required: ['label', 'accounts', 'balanceMinor'],
        properties: {
          label: { type: 'string' },
          accounts: { type: 'integer' },
          balanceMinor: { type: 'integer', description: 'balance in minor units of the currency' },
        },
      },
    },
    accounts: { type: 'integer' },
    balanceMinor: { type: 'integer' },
  },
} as const

/** Path and query of GET /api/v1/tenants/:tenant/aging, as typed in the handler. */
export interface AgingRequest {
  Params: { tenant: string }
  Querystring: { asOf?: string; buckets?: string }
}

/** GET /api/v1/tenants/:tenant/aging: the aging report as of a date. */
export const agingSchema = {
  summary: 'Aging report',
  description:
    'Accounts and balances per days-past-due bucket, per currency and per client, as of a date ' +
    "(default: today in the tenant's time zone). Balances are integer minor units; currencies never mix.",
  tags: ['reports'],
  params: {
    type: 'object',
    required: ['tenant'],
    properties: {
      tenant: tenantParam,
    },
  },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      asOf: dateField('report date, YYYY-MM-DD'),
      buckets: {
        'x-error-code': 'invalid_buckets',
        type: 'string',
        pattern: '^[0-9]{1,5}(,[0-9]{1,5}){0,19}$',
        description: 'increasing upper bounds of the DPD buckets in days, e.g. 30,60,90,120',
      },
    },
  },
  response: {
    200: {
      description: 'The aging report',
      type: 'object',
      required: ['asOf', 'timeZone', 'bucketLabels', 'totals', 'byClient'],
      properties: {
        asOf: { type: 'string', format: 'date' },
        timeZone: { type: 'string' },
        bucketLabels: { type: 'array', items: { type: 'string' } },
        totals: { type: 'array', items: agingRow },
        byClient: {
          type: 'array',
          items: {
            ...agingRow,
            required: [...agingRow.required, 'clientExternalId', 'clientName'],
            properties: {
              ...agingRow.properties,
              clientExternalId: { type: ['string', 'null'] },
              clientName: { type: ['string', 'null'] },
            },
          },
        },
      },
    },
    400: { ...errorResponseSchema, description: 'A bad date, bucket list or tenant slug' },
    404: { ...errorResponseSchema, description: 'No such tenant' },
  },
} as const
