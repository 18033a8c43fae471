import { dateField, tenantParam } from '../schema-fields.ts'
import { agingRow } from './aging.schema.ts'
import { nullableString, readErrors, record } from './records.schema.ts'
import { runItem } from './runs.schema.ts'

/** Path and query of GET /api/v1/tenants/:tenant/dashboard. */
export interface DashboardRequest {
  Params: { tenant: string }
  Querystring: { asOf?: string }
}

const int = { type: 'integer' } as const
const day = { type: 'string', format: 'date' } as const

const recoveredWindow = record({
  from: day,
  to: day,
  byCurrency: {
    type: 'array',
    items: record({
      currency: { type: 'string', description: 'ISO 4217; amounts are minor units of it' },
      payments: { ...int, description: 'payments received in the window' },
      reversals: { ...int, description: 'of those, reversed since' },
      grossMinor: int,
      reversedMinor: int,
      netMinor: { ...int, description: 'grossMinor - reversedMinor' },
    }),
  },
})

const EXAMPLE = {
  asOf: '2026-03-15',
  timeZone: 'America/New_York',
  aging: {
    bucketLabels: ['current', '1-30', '31-60', '61-90', '91-120', '121+'],
    totals: [
      {
        currency: 'USD',
        buckets: [
          { label: 'current', accounts: 1, balanceMinor: 5000 },
          { label: '1-30', accounts: 2, balanceMinor: 30000 },
          { label: '31-60', accounts: 0, balanceMinor: 0 },
          { label: '61-90', accounts: 0, balanceMinor: 0 },
          { label: '91-120', accounts: 0, balanceMinor: 0 },
          { label: '121+', accounts: 1, balanceMinor: 90000 },
        ],
        accounts: 4,
        balanceMinor: 125000,
      },
    ],
  },
  stages: [
    { stage: null, accounts: 1 },
    { stage: 'soft_1', accounts: 3 },
  ],
  recovered: {
    thisMonth: {
      from: '2026-03-01',
      to: '2026-03-15',
      byCurrency: [
        { currency: 'USD', payments: 3, reversals: 1, grossMinor: 7500, reversedMinor: 2500, netMinor: 5000 },
      ],
    },
    lastMonth: { from: '2026-02-01', to: '2026-02-28', byCurrency: [] },
  },
  promises: {
    from: '2025-12-16',
    to: '2026-03-15',
    kept: 3,
    broken: 1,
    partiallyKept: 1,
    open: 2,
    keptRate: 0.75,
  },
  complianceBlocks: {
    from: '2026-02-14',
    to: '2026-03-15',
    refused: 2,
    byRule: [{ ruleId: 'us.fdcpa.contact-window', atDecision: 1, atSend: 1, total: 2 }],
  },
  runs: [
    {
      id: 3,
      asOf: '2026-03-15',
      status: 'completed',
      batchSize: 1000,
      startedAt: '2026-03-15T06:00:00.000Z',
      finishedAt: '2026-03-15T06:00:04.000Z',
      batchesDone: 1,
      batchesTotal: 1,
      summary: {
        accounts: 4,
        decisions: 4,
        stageMoves: 1,
        actionsScheduled: 2,
        actionsAwaitingApproval: 0,
        actionsBlocked: 1,
        errors: 0,
      },
      errors: [],
    },
  ],
}

export const dashboardSchema = {
  summary: 'Dashboard',
  description:
    "The tenant's figures for the staff home page as of a day (default today in the tenant's zone): aging " +
    'per currency and days-past-due bucket, open accounts per playbook stage, payments recovered this month ' +
    "and last (received in the window, net of those reversed since, per currency, the tenant's calendar " +
    'months), the promise-kept rate over the last 90 days (kept / (kept + broken), null when none), ' +
    'compliance refusals of the last 30 days per rule id (decision-time blocks and send-time suppressions), ' +
    'and the ten newest daily runs up to that day. Money is integer minor units and never summed across ' +
    "currencies. A user limited to some clients sees only their accounts' figures; runs span the tenant.",
  tags: ['reports'],
  params: { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { asOf: dateField('the day the figures are for, YYYY-MM-DD') },
  },
  response: {
    200: {
      ...record({
        asOf: day,
        timeZone: { type: 'string' },
        aging: record({
          bucketLabels: { type: 'array', items: { type: 'string' } },
          totals: { type: 'array', items: agingRow, description: 'one row per currency' },
        }),
        stages: {
          type: 'array',
          items: record({
            stage: { ...nullableString, description: 'null: not decided by a playbook yet' },
            accounts: int,
          }),
          description: 'open accounts per playbook stage',
        },
        recovered: record({ thisMonth: recoveredWindow, lastMonth: recoveredWindow }),
        promises: record({
          from: day,
          to: day,
          kept: int,
          broken: int,
          partiallyKept: int,
          open: int,
          keptRate: { type: ['number', 'null'], description: 'kept / (kept + broken), 4 decimals' },
        }),
        complianceBlocks: record({
          from: day,
          to: day,
          refused: { ...int, description: 'refusals citing at least one rule' },
          byRule: {
            type: 'array',
            items: record({ ruleId: { type: 'string' }, atDecision: int, atSend: int, total: int }),
          },
        }),
        runs: { type: 'array', items: runItem, description: 'newest day first, at most 10' },
      }),
      examples: [EXAMPLE],
    },
    ...readErrors,
  },
} as const
