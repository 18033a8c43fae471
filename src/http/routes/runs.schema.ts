import { errorResponseSchema } from '../error.schema.ts'
import { type PageQuery, pageQueryProperties, pageResponse } from '../pagination.schema.ts'
import { dateField, tenantParam } from '../schema-fields.ts'

/** A daily run as GET /runs/:id answers it (also the dashboard's runs). */
export const runItem = {
  type: 'object',
  required: [
    'id',
    'asOf',
    'status',
    'mode',
    'batchSize',
    'startedAt',
    'finishedAt',
    'batchesDone',
    'batchesTotal',
    'summary',
    'errors',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    asOf: { type: 'string', format: 'date' },
    status: { type: 'string', enum: ['running', 'completed'] },
    mode: {
      type: 'string',
      enum: ['full', 'incremental'],
      description: 'full: every open account decided; incremental: only the accounts due that day',
    },
    batchSize: { type: 'integer' },
    startedAt: { type: 'string' },
    finishedAt: { type: ['string', 'null'] },
    batchesDone: { type: 'integer' },
    batchesTotal: { type: 'integer' },
    summary: {
      description: 'the counts of the completed run; null while it runs',
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: [
            'accounts',
            'decisions',
            'stageMoves',
            'actionsScheduled',
            'actionsAwaitingApproval',
            'actionsBlocked',
            'errors',
          ],
          additionalProperties: false,
          properties: {
            accounts: { type: 'integer' },
            decisions: { type: 'integer' },
            stageMoves: { type: 'integer' },
            actionsScheduled: { type: 'integer' },
            actionsAwaitingApproval: { type: 'integer' },
            actionsBlocked: { type: 'integer' },
            errors: { type: 'integer', description: 'accounts that could not be decided' },
          },
        },
      ],
    },
    errors: {
      type: 'array',
      description: 'accounts that could not be decided and why (at most 100)',
      items: {
        type: 'object',
        required: ['account', 'reason'],
        additionalProperties: false,
        properties: { account: { type: 'string' }, reason: { type: 'string' } },
      },
    },
  },
} as const

const tenantParams = { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } } as const

export interface StartRunRequest {
  Params: { tenant: string }
  Body: { asOf?: string; batchSize?: number; force?: boolean; full?: boolean } | undefined
}

/** POST /api/v1/tenants/:tenant/runs */
export const startRunSchema = {
  summary: 'Start the daily run',
  description:
    'Starts the daily run of a day (default today in the tenant zone) and answers 202 with the run as ' +
    'soon as it exists; its batches are worked in the background by the server (and by `recoup worker` ' +
    'processes on PostgreSQL). Poll GET /runs/:id for progress. Starting the day of a completed run ' +
    'answers that run; `force` re-evaluates it. A run decides only the accounts due that day when the ' +
    'previous day ran with the same playbooks, else every open account; `full` asks for every open ' +
    'account (with `force`, a completed day is decided again in full). Uses the active playbook ' +
    'versions, else the shipped defaults.',
  tags: ['runs'],
  params: tenantParams,
  body: {
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      asOf: dateField('the day to decide'),
      batchSize: { type: 'integer', minimum: 1, maximum: 100_000, 'x-error-code': 'invalid_option' },
      force: { type: 'boolean', description: 're-evaluate a completed run (it then writes nothing new)' },
      full: { type: 'boolean', description: 'decide every open account, not only those due today' },
    },
  },
  response: {
    202: { ...runItem, description: 'The run, started' },
    400: { ...errorResponseSchema, description: 'A bad date or batch size' },
    403: { ...errorResponseSchema, description: 'The role may not start the daily run' },
    404: { ...errorResponseSchema, description: 'No such tenant' },
  },
} as const

export interface ListRunsRequest {
  Params: { tenant: string }
  Querystring: PageQuery
}

/** GET /api/v1/tenants/:tenant/runs */
export const listRunsSchema = {
  summary: 'Daily runs',
  description: 'The daily runs of the tenant, newest day first unless `sort` says otherwise.',
  tags: ['runs'],
  params: tenantParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: pageQueryProperties(['asOf', 'startedAt']),
  },
  response: {
    200: { ...pageResponse(runItem), description: 'A page of runs' },
    400: { ...errorResponseSchema, description: 'A bad limit, sort or cursor' },
    403: { ...errorResponseSchema, description: 'The role may not read runs' },
    404: { ...errorResponseSchema, description: 'No such tenant' },
  },
} as const

export interface GetRunRequest {
  Params: { tenant: string; id: number }
}

/** GET /api/v1/tenants/:tenant/runs/:id */
export const getRunSchema = {
  summary: 'One daily run',
  description: 'Status, batches done of total, the summary counts once completed, and the accounts in error.',
  tags: ['runs'],
  params: {
    type: 'object',
    required: ['tenant', 'id'],
    properties: { tenant: tenantParam, id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } },
  },
  response: {
    200: { ...runItem, description: 'The run' },
    400: { ...errorResponseSchema, description: 'A bad id' },
    403: { ...errorResponseSchema, description: 'The role may not read runs' },
    404: { ...errorResponseSchema, description: 'No such tenant or run' },
  },
} as const
