/**
 * GET /api/v1/tenants/:tenant/approvals, POST .../approvals/:id/approve and .../approvals/:id/reject
 * (docs/api.md, "Approvals"; docs/daily-run.md, "Approvals"): the actions a playbook held for a person.
 */
import { errorResponseSchema } from '../error.schema.ts'
import { tenantParam } from '../schema-fields.ts'
import {
  nullableString,
  type PageQuery,
  pageResponse,
  record,
  recordPageQuery,
  tenantOnly,
} from './records.schema.ts'

const SORT_FIELDS = ['scheduledAt', 'createdAt']

const OUTBOX_STATUSES = ['pending', 'awaiting_approval', 'blocked', 'sent', 'cancelled']

const EXAMPLE = {
  id: 812,
  status: 'awaiting_approval',
  account: 'ACC-1042',
  debtor: 'DEB-0417',
  debtorName: 'Jordan Avery',
  stage: 'legal_review',
  action: {
    type: 'create_task',
    channel: null,
    template: 'approve_escalation',
    payload: {
      type: 'create_task',
      task: 'approve_escalation',
      note: "Approve referral to the client's attorney",
    },
  },
  scheduledAt: '2026-03-02T15:00:00.000Z',
  createdAt: '2026-03-02T06:12:09.114Z',
  compliance: { outcome: 'not_applicable', reasons: [] },
  playbook: { id: 'consumer-agency', version: 1 },
  decisionId: 5120,
  decidedOn: '2026-03-02',
  approvedAt: null,
  approvedBy: null,
  cancelledAt: null,
  cancelReason: null,
}

/** An action awaiting approval (or, answered by approve and reject, what became of it). */
const approvalSchema = {
  ...record({
    id: { type: 'integer', description: 'the outbox row: what approve and reject name' },
    status: { type: 'string', enum: OUTBOX_STATUSES },
    account: { type: 'string', description: 'account external id' },
    debtor: { type: 'string', description: 'debtor external id' },
    debtorName: { type: 'string' },
    stage: { type: 'string', description: 'the playbook stage the action belongs to' },
    action: record({
      type: { type: 'string', description: 'the playbook action type' },
      channel: { ...nullableString, description: 'email, sms, letter, call; null for internal actions' },
      template: { ...nullableString, description: 'the template, document kind or task, when any' },
      payload: {
        type: 'object',
        additionalProperties: true,
        description: 'the action as the playbook wrote it',
      },
    }),
    scheduledAt: { ...nullableString, description: 'when it may be carried out (ISO instant)' },
    createdAt: { type: 'string', description: 'when the decision proposed it' },
    compliance: record({
      outcome: { type: 'string', description: 'the decision-time verdict: allow, deferred, not_applicable' },
      reasons: {
        type: 'array',
        items: record({
          ruleId: { type: 'string' },
          citation: { type: 'string' },
          message: { type: 'string' },
        }),
      },
    }),
    playbook: record({ id: { type: 'string' }, version: { type: 'integer' } }),
    decisionId: { type: 'integer' },
    decidedOn: { type: 'string', description: 'the decision day (YYYY-MM-DD)' },
    approvedAt: nullableString,
    approvedBy: { ...nullableString, description: 'actor label (user:<id>, api_key:<id>)' },
    cancelledAt: nullableString,
    cancelReason: { ...nullableString, description: 'a rejection: "rejected by <actor>: <reason>"' },
  }),
  examples: [EXAMPLE],
} as const

export interface ListApprovalsRequest {
  Params: { tenant: string }
  Querystring: PageQuery
}

export interface ApproveRequest {
  Params: { tenant: string; id: number }
}

export interface RejectRequest {
  Params: { tenant: string; id: number }
  Body: { reason: string }
}

const approvalParams = {
  type: 'object',
  required: ['tenant', 'id'],
  properties: {
    tenant: tenantParam,
    id: { type: 'integer', minimum: 1, description: 'the id from the approval queue', examples: [812] },
  },
} as const

const actErrors = {
  400: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
} as const

export const listApprovalsSchema = {
  summary: 'Actions awaiting approval',
  description:
    'The outbox rows a playbook step held for a person (`requiresApproval`: letters of claim, legal ' +
    'steps, escalations), soonest first, with the account, debtor, stage, action, decision-time ' +
    'compliance verdict and playbook version. Cursor-paginated. Permission `escalations.approve`.',
  tags: ['approvals'],
  params: tenantOnly,
  querystring: { type: 'object', additionalProperties: false, properties: recordPageQuery(SORT_FIELDS) },
  response: {
    200: { ...pageResponse(approvalSchema), examples: [{ items: [EXAMPLE], nextCursor: null }] },
    400: errorResponseSchema,
    403: errorResponseSchema,
    404: errorResponseSchema,
  },
} as const

export const approveSchema = {
  summary: 'Approve an action awaiting approval',
  description:
    'The row becomes `pending`: the dispatcher sends it at its scheduled time (at once when that has ' +
    'passed), after its send-time compliance check. Records the approver; journaled as ' +
    '`escalation.approved`. A row no longer awaiting approval (approved, rejected, cancelled by a ' +
    'payment, dispute or re-decision) is 409 `approval_not_pending`.',
  tags: ['approvals'],
  params: approvalParams,
  response: { 200: approvalSchema, ...actErrors },
} as const

export const rejectSchema = {
  summary: 'Reject an action awaiting approval',
  description:
    'The row is cancelled with the reason `rejected by <actor>: <reason>`; journaled as ' +
    '`escalation.rejected`. 409 `approval_not_pending` as for approve.',
  tags: ['approvals'],
  params: approvalParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['reason'],
    properties: {
      reason: {
        type: 'string',
        minLength: 1,
        maxLength: 2000,
        'x-error-code': 'invalid_reason',
        description: 'why it is rejected (kept on the row and in the journal)',
      },
    },
    examples: [{ reason: 'The debtor called: hardship evidence on the way' }],
  },
  response: { 200: approvalSchema, ...actErrors },
} as const
