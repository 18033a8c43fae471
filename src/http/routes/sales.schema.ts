/**
 * The debt sale routes (docs/debt-sale.md): GET/POST /api/v1/tenants/:tenant/sales, GET .../sales/:id,
 * POST .../sales/:id/value|close|cancel|buyback, GET .../sales/:id/file and .../sales/:id/bill-of-sale.pdf.
 */
import { errorResponseSchema } from '../error.schema.ts'
import { dateField, reasonField, tenantParam } from '../schema-fields.ts'
import { nullableInteger, nullableString, record, tenantOnly } from './records.schema.ts'

const text = (description: string, code: 'invalid_sale' | 'invalid_date' = 'invalid_sale') => ({
  type: 'string',
  minLength: 1,
  maxLength: 200,
  'x-error-code': code,
  description,
})

const filterProperties = {
  client: text("only this client's accounts (its external id)"),
  debtKind: { type: 'string', enum: ['consumer', 'commercial'], 'x-error-code': 'invalid_sale' },
  currency: { ...text('ISO 4217; needed for minBalance and maxBalance'), pattern: '^[A-Z]{3}$' },
  chargeOffFrom: dateField('charged off on or after'),
  chargeOffTo: dateField('charged off on or before'),
  minBalance: text('balance at least, decimal text in `currency`'),
  maxBalance: text('balance at most, decimal text in `currency`'),
  status: text('account status (default open)'),
  accounts: {
    type: 'array',
    minItems: 1,
    maxItems: 10_000,
    items: { type: 'string', minLength: 1, maxLength: 200 },
    'x-error-code': 'invalid_sale',
    description: 'explicit accounts by external id',
  },
} as const

const filterSchema = {
  type: 'object',
  additionalProperties: false,
  properties: filterProperties,
  description: 'the portfolio filter (docs/debt-sale.md, "Selecting"); every field narrows',
} as const

const EXAMPLE = {
  id: 12,
  buyer: 'Debt Buyer LLC',
  status: 'draft',
  currency: 'USD',
  filter: { debtKind: 'consumer', chargeOffFrom: '2026-01-01' },
  pricePercent: '12.5',
  recoveryFraction: '0.40',
  buybackDays: 90,
  buybackUntil: null,
  valuedOn: '2026-03-01',
  accounts: 3,
  balanceMinor: 36006,
  expectedMinor: 5040,
  priceMinor: 630,
  createdBy: 'user:7',
  createdAt: '2026-03-01T15:00:00.000Z',
  closedOn: null,
  closedBy: null,
  cancelledAt: null,
  cancelReason: null,
}

const saleProperties = {
  id: { type: 'integer' },
  buyer: { type: 'string' },
  status: { type: 'string', enum: ['draft', 'closed', 'cancelled'] },
  currency: { type: 'string' },
  filter: filterSchema,
  pricePercent: { type: 'string', description: 'exact decimal text' },
  recoveryFraction: { type: 'string', description: 'exact decimal text' },
  buybackDays: { type: 'integer' },
  buybackUntil: { ...nullableString, description: 'closing day + buybackDays (null until closed)' },
  valuedOn: { type: 'string' },
  accounts: { type: 'integer' },
  balanceMinor: { type: 'integer' },
  expectedMinor: { type: 'integer' },
  priceMinor: { type: 'integer' },
  createdBy: { type: 'string' },
  createdAt: { type: 'string' },
  closedOn: nullableString,
  closedBy: nullableString,
  cancelledAt: nullableString,
  cancelReason: nullableString,
} as const

const saleSchema = { ...record(saleProperties), examples: [EXAMPLE] } as const

const lineSchema = record({
  account: { type: 'string' },
  debtor: { type: 'string' },
  status: { type: 'string', enum: ['selected', 'sold', 'bought_back'] },
  balanceMinor: { type: 'integer' },
  basis: { type: 'string', enum: ['score', 'age'] },
  paymentPpm: nullableInteger,
  recoveryRate: { type: 'string' },
  expectedMinor: { type: 'integer' },
  priceMinor: { type: 'integer' },
  soldOn: nullableString,
  boughtBackOn: nullableString,
  buybackReason: nullableString,
})

const forwardedSchema = record({
  id: { type: 'integer' },
  account: { type: 'string' },
  amountMinor: { type: 'integer' },
  currency: { type: 'string' },
  receivedOn: { type: 'string' },
  reference: { type: 'string' },
})

const saleParams = {
  type: 'object',
  required: ['tenant', 'id'],
  properties: {
    tenant: tenantParam,
    id: {
      type: 'integer',
      minimum: 1,
      'x-error-code': 'invalid_sale',
      description: 'the sale id',
      examples: [12],
    },
  },
} as const

const errors = {
  400: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  422: errorResponseSchema,
} as const

export interface SaleFilterBody {
  client?: string
  debtKind?: string
  currency?: string
  chargeOffFrom?: string
  chargeOffTo?: string
  minBalance?: string
  maxBalance?: string
  status?: string
  accounts?: string[]
}

export interface ListSalesRequest {
  Params: { tenant: string }
  Querystring: { status?: string }
}
export interface CreateSaleRequest {
  Params: { tenant: string }
  Body: {
    buyer: string
    pricePercent: string
    recoveryFraction?: string
    buybackDays?: number
    asOf?: string
    filter?: SaleFilterBody
  }
}
export interface SaleRequest {
  Params: { tenant: string; id: number }
}
export interface ValueSaleRequest extends SaleRequest {
  Body: { asOf?: string; pricePercent?: string; recoveryFraction?: string }
}
export interface CloseSaleRequest extends SaleRequest {
  Body: { on?: string }
}
export interface CancelSaleRequest extends SaleRequest {
  Body: { reason: string }
}
export interface BuyBackRequest extends SaleRequest {
  Body: { account: string; reason: string; on?: string }
}
export interface SaleFileRequest extends SaleRequest {
  Querystring: { asOf?: string }
}

export const listSalesSchema = {
  summary: 'Debt sales',
  description: "The tenant's sales, newest first (`recoup sale list`). Permission `sales.read`.",
  tags: ['sales'],
  params: tenantOnly,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      status: { type: 'string', enum: ['draft', 'closed', 'cancelled'], 'x-error-code': 'invalid_option' },
    },
  },
  response: {
    200: { type: 'array', items: saleSchema },
    400: errorResponseSchema,
    403: errorResponseSchema,
    404: errorResponseSchema,
  },
} as const

export const createSaleSchema = {
  summary: 'Create a debt sale',
  description:
    'Selects a portfolio by the filter and values it (docs/debt-sale.md): a draft. Journaled as ' +
    '`sale.created`. Permission `sales.manage`.',
  tags: ['sales'],
  params: tenantOnly,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['buyer', 'pricePercent'],
    properties: {
      buyer: text('the buyer'),
      pricePercent: text('the price as a percentage of expected recovery, exact decimal text ("12.5")'),
      recoveryFraction: text('share of a scored account expected back if it pays (default "0.40")'),
      buybackDays: {
        type: 'integer',
        minimum: 0,
        maximum: 3650,
        'x-error-code': 'invalid_sale',
        description: 'the buy-back window after closing (default 90)',
      },
      asOf: dateField('the valuation day (default today)'),
      filter: filterSchema,
    },
    examples: [
      {
        buyer: 'Debt Buyer LLC',
        pricePercent: '12.5',
        filter: { debtKind: 'consumer', currency: 'USD', minBalance: '5000000.00' },
      },
    ],
  },
  response: { 201: saleSchema, ...errors },
} as const

export const showSaleSchema = {
  summary: 'A debt sale with its accounts',
  description:
    'The sale, its accounts with their valuation, and the payments forwarded to the buyer. `sales.read`.',
  tags: ['sales'],
  params: saleParams,
  response: {
    200: {
      ...record({
        ...saleProperties,
        lines: { type: 'array', items: lineSchema },
        forwarded: { type: 'array', items: forwardedSchema },
      }),
    },
    400: errorResponseSchema,
    403: errorResponseSchema,
    404: errorResponseSchema,
  },
} as const

export const valueSaleSchema = {
  summary: 'Value a draft sale again',
  description:
    'Re-reads balances, scores and ages, optionally at new terms. Journaled `sale.valued`. `sales.manage`.',
  tags: ['sales'],
  params: saleParams,
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      asOf: dateField('the valuation day (default today)'),
      pricePercent: text('a new price percentage'),
      recoveryFraction: text('a new recovery fraction'),
    },
  },
  response: { 200: saleSchema, ...errors },
} as const

export const closeSaleSchema = {
  summary: 'Close a debt sale',
  description:
    'Sells the accounts: balances to zero by a closing adjustment, accounts closed, pending actions ' +
    'cancelled, payments from then on forwarded to the buyer, Metro 2 reports DA. Journaled ' +
    '`sale.closed`. Permission `sales.manage` (managers and admins).',
  tags: ['sales'],
  params: saleParams,
  body: {
    type: 'object',
    additionalProperties: false,
    properties: { on: dateField('the closing day (default today)') },
  },
  response: {
    200: record({ ...saleProperties, cancelledActions: { type: 'integer' } }),
    ...errors,
  },
} as const

export const cancelSaleSchema = {
  summary: 'Cancel a draft sale',
  description: 'Nothing is sold. Journaled `sale.cancelled`. `sales.manage`.',
  tags: ['sales'],
  params: saleParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['reason'],
    properties: { reason: reasonField('why') },
  },
  response: { 200: saleSchema, ...errors },
} as const

export const buyBackSchema = {
  summary: 'Take a sold account back',
  description:
    'Within the buy-back window (closing day + buybackDays): the closing is reversed and the account ' +
    'is open again. Outside it 422 `buyback_not_allowed`. Journaled `sale.account_bought_back`. `sales.manage`.',
  tags: ['sales'],
  params: saleParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['account', 'reason'],
    properties: {
      account: { type: 'string', minLength: 1, maxLength: 200, description: 'the account external id' },
      reason: reasonField('why the buyer puts it back'),
      on: dateField('the put-back day (default today)'),
    },
  },
  response: { 200: lineSchema, ...errors },
} as const

export const saleFileSchema = {
  summary: 'The sale file (CSV)',
  description:
    'One row per account (docs/debt-sale.md, "Sale file"). Journaled `sale.file_exported`. `sales.manage`.',
  tags: ['sales'],
  params: saleParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { asOf: dateField('balances to this day (default the closing or valuation day)') },
  },
  response: {
    200: { description: 'The CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
    400: errorResponseSchema,
    403: errorResponseSchema,
    404: errorResponseSchema,
  },
} as const

export const billOfSaleSchema = {
  summary: 'The bill of sale (PDF)',
  description:
    'Parties, transfer, price, buy-back window and Schedule A; a draft says DRAFT. `sales.manage`.',
  tags: ['sales'],
  params: saleParams,
  response: {
    200: {
      description: 'The PDF',
      content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    },
    400: errorResponseSchema,
    403: errorResponseSchema,
    404: errorResponseSchema,
  },
} as const
