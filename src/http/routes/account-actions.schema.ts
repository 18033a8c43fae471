import { errorResponseSchema } from '../error.schema.ts'
import { amountField, dateField, reasonField, tenantParam } from '../schema-fields.ts'
import { accountPath, nullableString } from './records.schema.ts'

/**
 * The money acts on one account over HTTP (plans, promises, settlement offers, disputes, hardship
 * pauses, write-off, charge-off, close): the bodies of the use cases in src/app/money, with the CLI's
 * error codes for bad amounts, dates, reasons and instants.
 */

const instantField = (description: string) =>
  ({
    type: 'string',
    format: 'date-time',
    maxLength: 40,
    'x-error-code': 'invalid_instant',
    description,
  }) as const
const shortText = (code: string, description: string) =>
  ({ type: 'string', minLength: 1, maxLength: 100, 'x-error-code': code, description }) as const

const actErrors = {
  400: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  422: errorResponseSchema,
} as const

function act<B extends object, R extends Record<string, object>>(
  summary: string,
  description: string,
  body: B,
  result: R,
  required: readonly string[] = [],
) {
  return {
    summary,
    description,
    tags: ['accounts'],
    params: accountPath,
    body: { type: 'object', additionalProperties: false, required: [...required], properties: body },
    response: {
      201: {
        type: 'object',
        properties: { account: { type: 'string', description: 'account external id' }, ...result },
      },
      ...actErrors,
    },
  } as const
}

export interface AccountActRequest<B> {
  Params: { tenant: string; account: string }
  Body: B
}

export const createPlanSchema = act(
  'Create a payment plan',
  'A plan within the tenant policy (an exception needs `approverRole`): give `instalments` (a count) or ' +
    '`instalmentAmount`. Amounts are decimals in the account currency. The account is re-decided.',
  {
    total: amountField('what the plan collects, down payment included (default: the balance)'),
    downPayment: amountField('paid first'),
    downPaymentOn: dateField('day of the down payment'),
    frequency: { type: 'string', enum: ['weekly', 'fortnightly', 'monthly'], 'x-error-code': 'invalid_plan' },
    instalments: { type: 'integer', minimum: 1, maximum: 600, 'x-error-code': 'invalid_plan' },
    instalmentAmount: amountField('amount of each instalment'),
    firstDueOn: dateField('first instalment due (default: one period after agreedOn)'),
    agreedOn: dateField("day agreed (default: today in the tenant's zone)"),
    approverRole: shortText(
      'invalid_plan',
      "to approve an exception to the policy: the policy's approver role, which the caller must hold",
    ),
  },
  {
    planId: { type: 'integer' },
    exception: { type: 'boolean', description: 'outside the policy, approved by approverRole' },
    schedule: {
      type: 'object',
      properties: {
        currency: { type: 'string' },
        totalMinor: { type: 'integer' },
        frequency: { type: 'string' },
        instalments: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              seq: { type: 'integer' },
              dueOn: { type: 'string' },
              amountMinor: { type: 'integer' },
            },
          },
        },
      },
    },
  },
)

export const recordPromiseSchema = act(
  'Record a promise to pay',
  'A promise of `amount` by `dueOn`, taken on `channel` (by `takenBy`, default the caller). The playbooks ' +
    'wait while it is open.',
  {
    amount: amountField('decimal in the account currency'),
    dueOn: dateField('the day it is due'),
    channel: shortText('invalid_request', 'phone, email, portal, letter...'),
    takenBy: shortText('invalid_request', 'who took it (default: the caller)'),
    takenOn: dateField("day taken (default: today in the tenant's zone)"),
  },
  { promiseId: { type: 'integer' } },
  ['amount', 'dueOn', 'channel'],
)

export const offerSettlementSchema = act(
  'Offer a settlement',
  '`amount` settles the whole debt if paid by `expiresOn`, within the tenant bounds; one live offer per account.',
  {
    amount: amountField('decimal in the account currency'),
    expiresOn: dateField('last day to pay'),
    createdOn: dateField("day of the offer (default: today in the tenant's zone)"),
  },
  { settlementId: { type: 'integer' }, discountMinor: { type: 'integer' } },
  ['amount', 'expiresOn'],
)

export const openDisputeSchema = act(
  'Open a dispute',
  'Collection of the disputed debt stops; a written dispute carries the verification duty. `amount` omitted ' +
    'disputes the whole debt.',
  {
    reason: reasonField('what the debtor said'),
    written: { type: 'boolean', description: 'received in writing' },
    channel: shortText('invalid_dispute', 'how it came (default: letter if written, else phone)'),
    amount: amountField('disputed part, decimal in the account currency'),
    receivedAt: instantField('when it was received (default: now)'),
  },
  { disputeId: { type: 'integer' } },
  ['reason', 'written'],
)

export const addHardshipSchema = act(
  'Pause collection for hardship',
  'Collection contacts stop from `from` to `to` (both inclusive); scheduled messages are cancelled.',
  { reason: reasonField('why'), from: dateField('first day'), to: dateField('last day') },
  { pauseId: { type: 'integer' }, cancelledActions: { type: 'integer' } },
  ['reason', 'from', 'to'],
)

export const writeOffSchema = act(
  'Write off an account',
  '`amount` omitted writes off everything outstanding and closes the account; a partial write-off re-decides it.',
  {
    amount: amountField('decimal in the account currency'),
    reason: reasonField('why'),
    on: dateField("value date (default: today in the tenant's zone)"),
  },
  {
    writtenOffMinor: { type: 'integer' },
    full: { type: 'boolean' },
    closed: { type: 'boolean' },
    cancelledActions: { type: 'integer' },
  },
  ['reason'],
)

export const chargeOffSchema = act(
  'Record the charge-off day',
  'The day the creditor charged the account off (default today); it changes no balance.',
  { on: dateField("charge-off day (default: today in the tenant's zone)") },
  { chargeOffOn: { type: 'string' } },
)

export const closeAccountSchema = act(
  'Close an account',
  'Closes an open account (recalled, sold...) and cancels its pending actions; `closed: false` when it was ' +
    'not open.',
  { reason: reasonField('why'), on: dateField("day closed (default: today in the tenant's zone)") },
  { closed: { type: 'boolean' }, cancelledActions: { type: 'integer' } },
  ['reason'],
)

const disputePath = {
  type: 'object',
  required: ['tenant', 'dispute'],
  properties: {
    tenant: tenantParam,
    dispute: { type: 'integer', minimum: 1, maximum: 9007199254740991, description: 'dispute id' },
  },
} as const

export interface DisputeActRequest<B> {
  Params: { tenant: string; dispute: number }
  Body: B
}

export const resolveDisputeSchema = {
  summary: 'Resolve a dispute',
  description:
    'For the debtor (the disputed amount is credited; the account may close) or for the creditor (the debt ' +
    'stands and collection resumes).',
  tags: ['accounts'],
  params: disputePath,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['for'],
    properties: {
      for: { type: 'string', enum: ['debtor', 'creditor'], 'x-error-code': 'invalid_resolution' },
      resolvedAt: instantField('default: now'),
    },
  },
  response: {
    201: {
      type: 'object',
      properties: {
        account: { type: 'string' },
        disputeId: { type: 'integer' },
        for: { type: 'string' },
        creditedMinor: { type: 'integer' },
        closed: { type: 'boolean' },
      },
    },
    ...actErrors,
  },
} as const

export const verificationSentSchema = {
  summary: 'Record that dispute verification was sent',
  description: 'The dispute stays open; the verification duty is met.',
  tags: ['accounts'],
  params: disputePath,
  body: {
    type: 'object',
    additionalProperties: false,
    properties: { sentAt: instantField('default: now') },
  },
  response: {
    201: {
      type: 'object',
      properties: { account: { type: 'string' }, disputeId: { type: 'integer' }, sentAt: nullableString },
    },
    ...actErrors,
  },
} as const
