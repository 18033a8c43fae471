import { TARGETS } from '../../core/scoring/score-targets.ts'
import { errorResponseSchema } from '../error.schema.ts'
import { dateField, tenantParam } from '../schema-fields.ts'

/** The analytics reports, as named by `recoup report NAME`. */
export const REPORT_NAMES = [
  'roll-rates',
  'vintages',
  'recovery',
  'cost-to-collect',
  'dso-cei',
  'promises',
  'contacts',
  'channel-effectiveness',
  'compliance-blocks',
  'champion-challenger',
  'score-monitoring',
  'partner-performance',
] as const
export type ReportName = (typeof REPORT_NAMES)[number]

export interface ReportRequest {
  Params: { tenant: string; name: ReportName }
  Querystring: {
    from?: string
    to?: string
    asOf?: string
    target?: string
    withinDays?: number
    format?: 'json' | 'csv'
  }
}

const reportTable = {
  type: 'object',
  required: ['report', 'columns', 'rows', 'notes'],
  additionalProperties: false,
  properties: {
    report: { type: 'string' },
    columns: { type: 'array', items: { type: 'string' } },
    rows: {
      type: 'array',
      items: { type: 'array', items: { type: ['string', 'number'] } },
      description: 'one array per row, in column order; a ratio with no denominator is ""',
    },
    notes: { type: 'array', items: { type: 'string' }, description: 'how to read the report' },
  },
} as const

/** GET /api/v1/tenants/:tenant/reports/:name */
export const reportSchema = {
  summary: 'An analytics report',
  description:
    'One of the reports of `recoup report`: roll-rates, vintages, recovery (recovery and liquidation ' +
    'rates), cost-to-collect, dso-cei (DSO/CEI), promises (promise-kept and plan-completion rates), ' +
    'contacts (right-party-contact rates), channel-effectiveness (payments within N days of a message), ' +
    'compliance-blocks, champion-challenger, score-monitoring, partner-performance (liquidation rate, ' +
    'commission and days to first payment by partner and placement month). ' +
    'JSON by default; `Accept: text/csv` or `?format=csv` answers the table as CSV (header row, no notes). ' +
    'The window reports (roll-rates, vintages, recovery, cost-to-collect, dso-cei, contacts, ' +
    'channel-effectiveness, partner-performance) take from/to; channel-effectiveness takes withinDays (default 7); ' +
    'champion-challenger and score-monitoring take asOf; score-monitoring needs target.',
  tags: ['reports'],
  params: {
    type: 'object',
    required: ['tenant', 'name'],
    properties: {
      tenant: tenantParam,
      name: { type: 'string', enum: REPORT_NAMES, description: 'the report' },
    },
  },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      from: dateField('first month of the window (default: a year before `to`)'),
      to: dateField("report day (default: today in the tenant's time zone)"),
      asOf: dateField("report day (default: today in the tenant's time zone)"),
      target: {
        type: 'string',
        enum: TARGETS,
        'x-error-code': 'invalid_target',
        description: 'model target',
      },
      withinDays: {
        type: 'integer',
        minimum: 0,
        maximum: 365,
        'x-error-code': 'invalid_option',
        description: 'channel-effectiveness: days after a message in which a payment counts (default 7)',
      },
      format: { type: 'string', enum: ['json', 'csv'], 'x-error-code': 'invalid_format' },
    },
  },
  produces: ['application/json', 'text/csv'],
  response: {
    200: {
      description: 'The report table (JSON), or its CSV',
      content: {
        'application/json': { schema: reportTable },
        'text/csv': { schema: { type: 'string' } },
      },
    },
    400: { ...errorResponseSchema, description: 'A bad date, window, target, withinDays or format' },
    403: { ...errorResponseSchema, description: 'The role may not read reports' },
    404: { ...errorResponseSchema, description: 'No such tenant, report or model' },
  },
} as const

const modelSummary = {
  type: 'object',
  required: [
    'target',
    'version',
    'trainedAt',
    'trainedBy',
    'dataAsOf',
    'splitOn',
    'auc',
    'baselineAuc',
    'holdOut',
  ],
  additionalProperties: false,
  properties: {
    target: { type: 'string', enum: TARGETS },
    version: { type: 'integer' },
    trainedAt: { type: 'string' },
    trainedBy: { type: 'string' },
    dataAsOf: { type: 'string', format: 'date' },
    splitOn: { type: 'string', format: 'date' },
    auc: { type: 'number', description: "the scorecard's AUC on the hold-out set" },
    baselineAuc: { type: 'number', description: "the logistic baseline's AUC on the hold-out set" },
    holdOut: { type: 'integer', description: 'accounts in the hold-out set' },
  },
} as const

export interface ModelsRequest {
  Params: { tenant: string }
}

/** GET /api/v1/tenants/:tenant/models */
export const modelsSchema = {
  summary: 'Scoring models',
  description: 'Every trained model version of the tenant with its headline metrics (`recoup model list`).',
  tags: ['reports'],
  params: { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } },
  response: {
    200: {
      description: 'The model versions',
      type: 'object',
      required: ['items'],
      additionalProperties: false,
      properties: { items: { type: 'array', items: modelSummary } },
    },
    403: { ...errorResponseSchema, description: 'The role may not read models' },
    404: { ...errorResponseSchema, description: 'No such tenant' },
  },
} as const

export interface ModelRequest {
  Params: { tenant: string; target: (typeof TARGETS)[number] }
  Querystring: { version?: number }
}

/** GET /api/v1/tenants/:tenant/models/:target */
export const modelSchema = {
  summary: 'One scoring model',
  description:
    'A model of a target (late_payment or pay_30): the latest version, or `?version=`. Its scorecard ' +
    '(points per feature bin), the evaluation on the hold-out set, and example scores (`recoup model show`).',
  tags: ['reports'],
  params: {
    type: 'object',
    required: ['tenant', 'target'],
    properties: {
      tenant: tenantParam,
      target: { type: 'string', enum: TARGETS, 'x-error-code': 'invalid_target' },
    },
  },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      version: { type: 'integer', minimum: 1, maximum: 1_000_000, 'x-error-code': 'invalid_option' },
    },
  },
  response: {
    200: {
      description: 'The model',
      type: 'object',
      required: [
        'target',
        'version',
        'trainedAt',
        'trainedBy',
        'dataAsOf',
        'splitOn',
        'scorecard',
        'evaluation',
      ],
      additionalProperties: false,
      properties: {
        target: { type: 'string', enum: TARGETS },
        version: { type: 'integer' },
        trainedAt: { type: 'string' },
        trainedBy: { type: 'string' },
        dataAsOf: { type: 'string', format: 'date' },
        splitOn: { type: 'string', format: 'date' },
        scorecard: {
          type: 'object',
          description: 'the points table: features, bins and points (see docs/scoring.md)',
        },
        evaluation: { type: 'object', description: 'AUC, KS, calibration and lift on the hold-out set' },
      },
    },
    400: { ...errorResponseSchema, description: 'A bad target or version' },
    403: { ...errorResponseSchema, description: 'The role may not read models' },
    404: { ...errorResponseSchema, description: 'No such tenant or model' },
  },
} as const
