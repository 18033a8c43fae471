/**
 * The credit-control routes (docs/credit-control.md, docs/api.md "Credit control"): clients' terms,
 * debtors' limits and terms, a debtor's credit, the early-warning list and the credit check.
 */
import { errorResponseSchema } from '../error.schema.ts'
import { amountField, tenantParam } from '../schema-fields.ts'
import {
  nullableInteger,
  nullableString,
  pageResponse,
  record,
  recordPageQuery,
  tenantOnly,
} from './records.schema.ts'

const SOURCES = ['debtor', 'client', 'default']
const OUTCOMES = ['approve', 'refer', 'decline']
const WARNING_CODES = ['over_limit', 'late_payer', 'rising_days_to_pay']

const currencyField = {
  type: 'string',
  pattern: '^[A-Z]{3}$',
  'x-error-code': 'invalid_currency',
  description: 'ISO 4217 currency',
} as const

const termsDaysField = {
  type: 'integer',
  minimum: 0,
  maximum: 365,
  'x-error-code': 'invalid_credit_terms',
  description: 'payment terms: whole days from the invoice date, 0 to 365',
} as const

/**
 * A limit as sent. The amount and currency are checked by the use case (src/core/credit/credit-terms.ts),
 * so a float, a negative amount or an unknown currency answers `invalid_amount` / `invalid_currency`
 * naming `limit.amount` / `limit.currency`, as on the CLI.
 */
const limitInput = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['amount', 'currency'],
  'x-error-code': 'invalid_amount',
  properties: {
    amount: { type: 'string', description: 'the limit, decimal text in the currency ("5000.00")' },
    currency: { type: 'string', description: 'ISO 4217 currency' },
  },
  description: 'a credit limit in one currency; null removes it',
} as const

const clientField = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  description: "client external id (absent: the debtor's only client, or the own book)",
} as const

const limitView = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['limitMinor', 'currency'],
  properties: { limitMinor: { type: 'integer' }, currency: { type: 'string' } },
} as const

const LINE_EXAMPLE = {
  debtor: 'DEB-0417',
  debtorName: 'Avery Trading GmbH',
  client: 'north',
  termsDays: 30,
  termsSource: 'client',
  limit: { limitMinor: 400000, currency: 'EUR' },
  limitSource: 'debtor',
  exposures: [{ currency: 'EUR', exposureMinor: 500000, openAccounts: 2 }],
  standing: {
    currency: 'EUR',
    limitMinor: 400000,
    exposureMinor: 500000,
    availableMinor: -100000,
    overLimit: true,
    utilisationPercent: '125.0',
  },
  paymentHistory: { paidInvoices: 2, meanDaysToPay: '55.0', late: true, trend: null },
  conduct: { brokenPromises: 0, disputes: 0, openDisputes: 0, writtenOffAccounts: 0 },
  warnings: [
    {
      code: 'over_limit',
      message: 'exposure 5000.00 EUR is over the limit of 4000.00 EUR by 1000.00 EUR',
      figures: { currency: 'EUR', limit: '4000.00', exposure: '5000.00', over: '1000.00' },
    },
  ],
}

/** One credit line: a debtor under one client. */
const creditLineSchema = {
  ...record({
    debtor: { type: 'string', description: 'debtor external id' },
    debtorName: { type: 'string' },
    client: { ...nullableString, description: 'client external id; null: the own book' },
    termsDays: { type: 'integer' },
    termsSource: { type: 'string', enum: SOURCES },
    limit: limitView,
    limitSource: { type: 'string', enum: SOURCES },
    exposures: {
      type: 'array',
      description: "per currency: the sum of the open accounts' ledger balances (never converted)",
      items: record({
        currency: { type: 'string' },
        exposureMinor: { type: 'integer' },
        openAccounts: { type: 'integer' },
      }),
    },
    standing: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: [
        'currency',
        'limitMinor',
        'exposureMinor',
        'availableMinor',
        'overLimit',
        'utilisationPercent',
      ],
      properties: {
        currency: { type: 'string' },
        limitMinor: { type: 'integer' },
        exposureMinor: { type: 'integer' },
        availableMinor: { type: 'integer' },
        overLimit: { type: 'boolean' },
        utilisationPercent: nullableString,
      },
    },
    paymentHistory: record({
      paidInvoices: { type: 'integer' },
      meanDaysToPay: nullableString,
      late: { type: 'boolean' },
      trend: {
        type: ['object', 'null'],
        additionalProperties: false,
        required: [
          'recentInvoices',
          'recentMeanDaysToPay',
          'earlierInvoices',
          'earlierMeanDaysToPay',
          'rising',
        ],
        properties: {
          recentInvoices: { type: 'integer' },
          recentMeanDaysToPay: { type: 'string' },
          earlierInvoices: { type: 'integer' },
          earlierMeanDaysToPay: { type: 'string' },
          rising: { type: 'boolean' },
        },
      },
    }),
    conduct: record({
      brokenPromises: { type: 'integer' },
      disputes: { type: 'integer' },
      openDisputes: { type: 'integer' },
      writtenOffAccounts: { type: 'integer' },
    }),
    warnings: {
      type: 'array',
      items: record({
        code: { type: 'string', enum: WARNING_CODES },
        message: { type: 'string' },
        figures: { type: 'object', additionalProperties: { type: ['string', 'integer'] } },
      }),
    },
  }),
  examples: [LINE_EXAMPLE],
} as const

const debtorPath = {
  type: 'object',
  required: ['tenant', 'debtor'],
  properties: {
    tenant: tenantParam,
    debtor: { type: 'string', minLength: 1, maxLength: 200, description: 'debtor external id' },
  },
} as const

const errors = { 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema } as const

export interface SetPolicyRequest {
  Params: { tenant: string }
  Body: { client?: string; termsDays: number; limit?: { amount: string; currency: string } | null }
}

export const setPolicySchema = {
  summary: "Set a client's payment terms and default credit limit",
  description:
    "Replaces the client's policy (no `client`: the own book, accounts held for no client). Journaled as " +
    '`credit.policy_set`. Permission `credit.manage`.',
  tags: ['credit'],
  params: tenantOnly,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['termsDays'],
    properties: { client: clientField, termsDays: termsDaysField, limit: limitInput },
    examples: [{ client: 'north', termsDays: 30, limit: { amount: '10000.00', currency: 'EUR' } }],
  },
  response: {
    200: {
      ...record({
        client: nullableString,
        termsDays: { type: 'integer' },
        limit: limitView,
        updatedBy: { type: 'string' },
        updatedAt: { type: 'string' },
      }),
      examples: [
        {
          client: 'north',
          termsDays: 30,
          limit: { limitMinor: 1000000, currency: 'EUR' },
          updatedBy: 'user:4',
          updatedAt: '2026-12-07T10:00:00.000Z',
        },
      ],
    },
    ...errors,
  },
} as const

export interface SetDebtorTermsRequest {
  Params: { tenant: string; debtor: string }
  Body: {
    client?: string
    termsDays?: number | null
    limit?: { amount: string; currency: string } | null
  }
}

export const setDebtorTermsSchema = {
  summary: "Set a debtor's own credit limit and payment terms",
  description:
    "Overrides the client's terms and limit on one credit line, field by field: an absent field keeps " +
    "what was set, null goes back to the client's. Answers the line. Journaled as " +
    '`credit.debtor_terms_set`. Permission `credit.manage`.',
  tags: ['credit'],
  params: debtorPath,
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      client: clientField,
      termsDays: { ...termsDaysField, type: ['integer', 'null'] },
      limit: limitInput,
    },
    examples: [{ limit: { amount: '4000.00', currency: 'EUR' }, termsDays: 45 }],
  },
  response: { 200: creditLineSchema, ...errors },
} as const

export interface ShowDebtorCreditRequest {
  Params: { tenant: string; debtor: string }
}

export const showDebtorCreditSchema = {
  summary: "A debtor's credit",
  description:
    'Per client: the effective terms and limit and where they come from, the exposure per currency ' +
    "from the ledger, the limit's standing, the payment history and the early warnings that hold " +
    '(docs/credit-control.md). Permission `credit.read`.',
  tags: ['credit'],
  params: debtorPath,
  response: {
    200: {
      ...record({
        debtor: { type: 'string' },
        name: { type: 'string' },
        lines: { type: 'array', items: creditLineSchema },
      }),
      examples: [{ debtor: 'DEB-0417', name: 'Avery Trading GmbH', lines: [LINE_EXAMPLE] }],
    },
    ...errors,
  },
} as const

export interface ListWarningsRequest {
  Params: { tenant: string }
  Querystring: { limit?: number; cursor?: string; code?: string }
}

const page = recordPageQuery([])

export const listWarningsSchema = {
  summary: 'The early-warning list',
  description:
    'Credit lines over their limit, paying later than their terms, or with rising days to pay, by ' +
    'debtor, each with its figures. Cursor-paginated (a page may hold fewer than `limit` lines and ' +
    'still have a next one). Permission `credit.read`.',
  tags: ['credit'],
  params: tenantOnly,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      limit: page.limit,
      cursor: page.cursor,
      code: {
        type: 'string',
        enum: WARNING_CODES,
        'x-error-code': 'invalid_option',
        description: 'only this warning',
      },
    },
  },
  response: {
    200: { ...pageResponse(creditLineSchema), examples: [{ items: [LINE_EXAMPLE], nextCursor: null }] },
    ...errors,
  },
} as const

export interface CreditCheckRequestHttp {
  Params: { tenant: string; debtor: string }
  Body: { client?: string; currency?: string; amount?: string }
}

export const creditCheckSchema = {
  summary: 'Run a credit check',
  description:
    'The built-in rules-based check of one credit line (docs/credit-control.md, "Credit checks"): ' +
    'approve, refer or decline, a recommended limit, and the reasons with their rule ids. `amount` is ' +
    'new credit asked for on top of the exposure. Writes nothing. Permission `credit.read`.',
  tags: ['credit'],
  params: debtorPath,
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      client: clientField,
      currency: currencyField,
      amount: amountField('new credit asked for, decimal text in the currency'),
    },
    examples: [{ amount: '500.00' }],
  },
  response: {
    200: {
      ...record({
        debtor: { type: 'string' },
        client: nullableString,
        currency: { type: 'string' },
        exposureMinor: { type: 'integer' },
        requestedMinor: { type: 'integer' },
        limitMinor: nullableInteger,
        decision: record({
          provider: { type: 'string' },
          outcome: { type: 'string', enum: OUTCOMES },
          recommendedLimit: record({ minor: { type: 'integer' }, currency: { type: 'string' } }),
          reasons: {
            type: 'array',
            items: record({
              ruleId: { type: 'string' },
              outcome: { type: 'string', enum: OUTCOMES },
              message: { type: 'string' },
            }),
          },
        }),
      }),
      examples: [
        {
          debtor: 'DEB-0417',
          client: 'north',
          currency: 'EUR',
          exposureMinor: 0,
          requestedMinor: 50000,
          limitMinor: null,
          decision: {
            provider: 'rules',
            outcome: 'refer',
            recommendedLimit: { minor: 10000, currency: 'EUR' },
            reasons: [
              {
                ruleId: 'credit.days-late',
                outcome: 'refer',
                message: 'pays in 55.0 days on average against terms of 30 (25.0 days late)',
              },
            ],
          },
        },
      ],
    },
    ...errors,
  },
} as const
