import { MAX_TIMELINE_LIMIT, TIMELINE_KINDS } from '../../core/timeline/timeline-page.ts'
import {
  accountPath,
  nullableInteger,
  nullableString,
  pageResponse,
  readErrors,
  record,
} from './records.schema.ts'
import { TIMELINE_EXAMPLES } from './timeline.examples.ts'

/** Path and query of GET /api/v1/tenants/:tenant/accounts/:account/timeline. */
export interface TimelineRequestSchema {
  Params: { tenant: string; account: string }
  Querystring: { limit?: number; cursor?: string; kinds?: string }
}

const str = { type: 'string' } as const
const int = { type: 'integer' } as const
const reason = record({ ruleId: str, citation: nullableString, message: str })

/** A compliance verdict: what was decided and the rules (ids, citations, messages) behind a block. */
const sendTimeCheck = record(
  {
    outcome: { type: 'string', enum: ['allowed', 'blocked'] },
    checkedAt: nullableString,
    ruleIds: { type: 'array', items: str, description: 'the rules that blocked it (empty when allowed)' },
    reasons: { type: 'array', items: reason },
  },
  'the send-time compliance check',
)

const messageEvent = record({
  kind: { type: 'string', enum: ['receipt', 'inbound', 'opt_out', 'flag', 'confirmation'] },
  detail: str,
  occurredAt: str,
})

const messageCommon = {
  channel: str,
  recipient: str,
  provider: nullableString,
  attempts: int,
  sentAt: nullableString,
  error: nullableString,
  compliance: sendTimeCheck,
  events: { type: 'array', items: messageEvent, description: 'receipts, replies and flags, oldest first' },
} as const

const playbookRef = record({ id: str, version: int, variant: str })

const DETAILS = {
  transaction: record({
    entryKind: {
      type: 'string',
      enum: ['charge', 'payment', 'fee', 'interest', 'adjustment', 'write_off', 'reversal'],
    },
    component: { type: 'string', enum: ['principal', 'interest', 'fee', 'cost', 'credit'] },
    postedAt: str,
    reference: nullableString,
    payment: { ...nullableString, description: 'the payment reference this allocation line belongs to' },
    reversesEntryId: nullableInteger,
    memo: nullableString,
  }),
  message: record({
    ...messageCommon,
    subject: nullableString,
    template: { ...nullableString, description: 'the playbook template key' },
    tone: nullableString,
  }),
  document: record({
    ...messageCommon,
    documentKind: str,
    action: nullableString,
    pdfPath: {
      ...nullableString,
      description:
        'GET path of the document as PDF, with the day it was mailed as mailingDate (rendered from the books now); null for a letter blocked or not printed',
    },
  }),
  call: record({
    dueAt: str,
    script: str,
    followsTaskId: nullableInteger,
    assignedUserId: nullableInteger,
    outcome: nullableString,
    outcomeNote: nullableString,
    outcomeDetails: { type: ['object', 'null'], additionalProperties: true },
    outcomeAt: nullableString,
    outcomeBy: nullableString,
  }),
  promise: record({ dueOn: str, channel: nullableString, takenBy: nullableString, takenOn: nullableString }),
  plan: record({
    frequency: str,
    downPaymentMinor: int,
    graceDays: int,
    approvedBy: nullableString,
    brokenOn: nullableString,
    replacesPlanId: nullableInteger,
    instalments: {
      type: 'array',
      items: record({
        seq: int,
        dueOn: str,
        amountMinor: int,
        paidMinor: int,
        status: { type: 'string', enum: ['paid', 'partly_paid', 'overdue', 'due'] },
      }),
    },
  }),
  settlement: record({
    expiresOn: str,
    approvedBy: nullableString,
    settledOn: nullableString,
    writeOffMinor: nullableInteger,
  }),
  dispute: record({
    event: { type: 'string', enum: ['opened', 'verification_sent', 'resolved'] },
    disputeId: int,
    receivedAt: str,
    written: { type: 'boolean' },
    reason: nullableString,
    channel: nullableString,
    verificationSentAt: nullableString,
    resolvedAt: nullableString,
    resolution: nullableString,
  }),
  hardship: record({ reason: str, from: str, to: str }),
  decision: record({
    trigger: { type: 'string', enum: ['daily', 'event'] },
    triggerRef: str,
    runId: nullableInteger,
    playbook: playbookRef,
    fromStage: nullableString,
    toStage: str,
    segment: nullableString,
    fired: { type: 'array', items: str, description: 'the playbook rules that fired, as written' },
    actions: {
      type: 'array',
      items: record({
        step: nullableInteger,
        type: str,
        channel: nullableString,
        status: nullableString,
        scheduledAt: nullableString,
        compliance: record({
          outcome: { type: 'string', enum: ['allow', 'deferred', 'block', 'not_applicable'] },
          ruleIds: { type: 'array', items: str },
          reasons: { type: 'array', items: reason },
        }),
      }),
    },
    error: { ...nullableString, description: 'why the account could not be decided' },
  }),
  stage_change: record({ fromStage: nullableString, toStage: str, playbook: playbookRef, decisionId: int }),
  journal: record({ type: str, actor: str, subject: nullableString, seq: int }),
} as const

/** The item schema of one kind: the common fields, the kind fixed, its own details. */
function itemSchema<K extends keyof typeof DETAILS>(kind: K) {
  return {
    ...record({
      id: { type: 'string', description: 'unique in the timeline, e.g. "message:41", "dispute.opened:5"' },
      kind: { type: 'string', const: kind },
      at: { type: 'string', description: 'ISO instant (UTC), or a calendar date YYYY-MM-DD for dated items' },
      title: { type: 'string', description: 'short human text' },
      status: nullableString,
      amountMinor: { ...nullableInteger, description: 'minor units of `currency` (ledger entries signed)' },
      currency: nullableString,
      details: DETAILS[kind],
    }),
    title: `timeline ${kind}`,
    examples: [TIMELINE_EXAMPLES[kind]],
  } as const
}

export const timelineItemSchema = {
  oneOf: TIMELINE_KINDS.map((kind) => itemSchema(kind)),
  description: 'one item of the timeline; `kind` says which details it carries',
} as const

export const timelineSchema = {
  summary: "An account's timeline",
  description:
    'Everything on the account, newest first: ledger entries (transaction), messages with their send-time ' +
    'compliance check, letters (document, with the PDF path), call tasks, promises, payment plans with ' +
    'instalment status, settlements, dispute events, hardship pauses, daily-run decisions with their ' +
    'compliance trace, stage changes and journal events (closing, opt-outs). Calendar-dated items sort as ' +
    "midnight of that day in the tenant's zone. Cursor-paged across kinds: pass `nextCursor` back as " +
    '`cursor` with the same `kinds`.',
  tags: ['accounts'],
  params: accountPath,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_TIMELINE_LIMIT,
        description: `items per page (default 100, at most ${MAX_TIMELINE_LIMIT})`,
        'x-error-code': 'invalid_option',
      },
      cursor: {
        type: 'string',
        maxLength: 1000,
        description: 'the nextCursor of the previous page (with the same kinds)',
        'x-error-code': 'invalid_cursor',
      },
      kinds: {
        type: 'string',
        maxLength: 300,
        pattern: `^(${TIMELINE_KINDS.join('|')})(,(${TIMELINE_KINDS.join('|')}))*$`,
        description: `comma-separated kinds to keep: ${TIMELINE_KINDS.join(', ')} (default: all)`,
        'x-error-code': 'invalid_option',
      },
    },
  },
  response: { 200: pageResponse(timelineItemSchema), ...readErrors },
} as const
