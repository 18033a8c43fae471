import { TASK_OUTCOMES } from '../../core/tasks/call-outcome.ts'
import { errorResponseSchema } from '../error.schema.ts'
import { type PageQuery, pageQueryProperties, pageResponse } from '../pagination.schema.ts'
import { dateField, tenantParam } from '../schema-fields.ts'

const SORT_FIELDS = ['rank', 'priority', 'dueAt']

const nullableString = { type: ['string', 'null'] } as const

/** A call task as every task endpoint returns it. */
const taskSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'account',
    'debtor',
    'phone',
    'dueAt',
    'status',
    'assignedUserId',
    'balance',
    'expectedValue',
    'risk',
    'currency',
    'script',
    'followsTaskId',
    'offer',
    'outcome',
  ],
  properties: {
    id: { type: 'integer' },
    account: { type: 'string', description: 'account external id' },
    debtor: { type: 'string' },
    phone: { ...nullableString, description: 'the number to call (E.164)' },
    dueAt: { type: 'string', description: 'ISO instant' },
    status: { type: 'string', enum: ['open', 'done', 'cancelled'] },
    assignedUserId: { type: ['integer', 'null'] },
    balance: { type: 'string', description: 'balance when the task was made, decimal in currency' },
    expectedValue: {
      type: 'string',
      description:
        "the balance times the chance of a payment within 30 days from the account's pay_30 score (even odds without one), decimal in currency; the queue's order",
    },
    risk: {
      description: "the account's current risk score, null when it was not scored",
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['score', 'band', 'target'],
          properties: {
            score: { type: 'integer' },
            band: { type: 'string', enum: ['low', 'medium', 'high'] },
            target: {
              type: 'string',
              enum: ['late_payment', 'pay_30'],
              description: 'the model it came from',
            },
          },
        },
      ],
    },
    currency: { type: 'string' },
    script: { type: 'string', description: 'the call script' },
    followsTaskId: { type: ['integer', 'null'], description: 'the task whose call-back this is' },
    offer: {
      description: 'open tasks: the send-time compliance check for a call now',
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['offered', 'nextAllowedAt', 'reasons'],
          properties: {
            offered: { type: 'boolean' },
            nextAllowedAt: { ...nullableString, description: 'when a held-back task may be worked' },
            reasons: { type: 'array', items: { type: 'string' } },
          },
        },
      ],
    },
    outcome: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['outcome', 'note', 'details', 'at', 'by'],
          properties: {
            outcome: { type: 'string', enum: [...TASK_OUTCOMES] },
            note: nullableString,
            details: { type: 'object', additionalProperties: true },
            at: nullableString,
            by: nullableString,
          },
        },
      ],
    },
  },
} as const

export interface ListTasksRequest {
  Params: { tenant: string }
  Querystring: PageQuery & { mine?: boolean; status?: string; includeBlocked?: boolean }
}

/** GET /api/v1/tenants/:tenant/tasks: the collectors' work queue. */
export const listTasksSchema = {
  summary: "The collectors' call tasks (work queue)",
  description:
    'Open call tasks that are due, call-backs first, then highest expected value (balance × chance of payment from the risk score), each re-checked by the send-time compliance ' +
    'evaluator: a task the check refuses now is left out (includeBlocked lists it with nextAllowedAt). ' +
    'Cursor-paginated; a page may hold fewer items than limit when tasks were held back.',
  tags: ['tasks'],
  params: { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...pageQueryProperties(SORT_FIELDS),
      mine: { type: 'boolean', description: 'only tasks assigned to me or to nobody' },
      status: { type: 'string', enum: ['open', 'done', 'cancelled'], description: 'default open' },
      includeBlocked: { type: 'boolean', description: 'also open tasks compliance holds back now' },
    },
  },
  response: { 200: pageResponse(taskSchema), 400: errorResponseSchema, 404: errorResponseSchema },
} as const

export interface GetTaskRequest {
  Params: { tenant: string; id: number }
}

const taskParams = {
  type: 'object',
  required: ['tenant', 'id'],
  properties: { tenant: tenantParam, id: { type: 'integer', minimum: 1 } },
} as const

/** GET /api/v1/tenants/:tenant/tasks/:id. */
export const getTaskSchema = {
  summary: 'One call task with its send-time check',
  tags: ['tasks'],
  params: taskParams,
  response: { 200: taskSchema, 400: errorResponseSchema, 404: errorResponseSchema },
} as const

export interface TaskOutcomeRequest {
  Params: { tenant: string; id: number }
  Body: {
    outcome: string
    amount?: string
    currency?: string
    date?: string
    note?: string
    at?: string
    from?: string
    to?: string
    calledAt?: string
  }
}

/** POST /api/v1/tenants/:tenant/tasks/:id/outcome. */
export const taskOutcomeSchema = {
  summary: 'Record the outcome of a call task',
  description:
    'Closes the task and, in one transaction, records the call (counted by the call-frequency caps), a ' +
    'promise (promise_to_pay: amount, currency, date), a dispute (dispute), a restriction ' +
    '(attorney_named: note; inconvenient_time: from, to), an undeliverable phone (not_in_service) or ' +
    'the next task (call_back: at); re-decides the account; journaled. A legal case task is closed ' +
    'with outcome done instead: no call is recorded and nothing follows.',
  tags: ['tasks'],
  params: taskParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['outcome'],
    properties: {
      outcome: { type: 'string', enum: [...TASK_OUTCOMES] },
      amount: { type: 'string', maxLength: 40, description: 'promise_to_pay: decimal amount' },
      currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'promise_to_pay: ISO currency' },
      date: { type: 'string', maxLength: 10, description: 'promise_to_pay: YYYY-MM-DD' },
      note: { type: 'string', maxLength: 2000 },
      at: { type: 'string', maxLength: 40, description: 'call_back: ISO instant' },
      from: { type: 'string', maxLength: 5, description: 'inconvenient_time: local HH:MM' },
      to: { type: 'string', maxLength: 5, description: 'inconvenient_time: local HH:MM' },
      calledAt: { type: 'string', maxLength: 40, description: 'when the call was made (default now)' },
    },
  },
  response: {
    200: {
      type: 'object',
      additionalProperties: false,
      required: ['task', 'promiseId', 'disputeId', 'restrictionId', 'nextTaskId'],
      properties: {
        task: taskSchema,
        promiseId: { type: ['integer', 'null'] },
        disputeId: { type: ['integer', 'null'] },
        restrictionId: { type: ['integer', 'null'] },
        nextTaskId: { type: ['integer', 'null'] },
      },
    },
    400: errorResponseSchema,
    403: errorResponseSchema,
    404: errorResponseSchema,
    409: errorResponseSchema,
    422: errorResponseSchema,
  },
} as const

/** GET /api/v1/tenants/:tenant/follow-ups */
export interface ListFollowUpsRequest {
  Params: { tenant: string }
  Querystring: { limit?: number; asOf?: string }
}

const followUp = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'account', 'debtorName', 'on', 'amountMinor', 'currency'],
  properties: {
    kind: { type: 'string', enum: ['promise_due', 'plan_broken'] },
    id: { type: 'integer', description: 'the promise or plan id' },
    account: { type: 'string', description: 'account external id' },
    debtorName: { type: 'string' },
    on: { type: 'string', description: "the promise's due day or the day the plan broke" },
    amountMinor: { type: 'integer', description: "what was promised, or the plan's total, minor units" },
    currency: { type: 'string' },
  },
} as const

export const listFollowUpsSchema = {
  summary: 'Promises due and broken plans to follow up',
  description:
    'Beside the call tasks: open promises due by the day and unpaid, and plans broken in the last 14 days ' +
    'with no new plan since, on open accounts, the largest amount first (at most `limit`, default 50).',
  tags: ['tasks'],
  params: { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      limit: { type: 'integer', minimum: 1, maximum: 200, 'x-error-code': 'invalid_option' },
      asOf: dateField('the day (default today in the tenant zone)'),
    },
  },
  response: {
    200: {
      type: 'object',
      additionalProperties: false,
      required: ['asOf', 'items'],
      properties: { asOf: { type: 'string' }, items: { type: 'array', items: followUp } },
      examples: [
        {
          asOf: '2026-03-15',
          items: [
            {
              kind: 'promise_due',
              id: 4,
              account: 'ACC-1',
              debtorName: 'Ada Lovelace',
              on: '2026-03-14',
              amountMinor: 5000,
              currency: 'USD',
            },
          ],
        },
      ],
    },
    400: errorResponseSchema,
    404: errorResponseSchema,
  },
} as const
