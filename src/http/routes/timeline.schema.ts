import { MAX_TIMELINE_LIMIT, TIMELINE_KINDS } from '../../core/timeline/timeline-page.ts'
import {
  accountPath,
  nullableInteger,
  nullableString,
  pageResponse,
  readErrors,
  record,
} from './records.schema.ts'

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
      description: 'GET path of the document as PDF (rendered from the books now); null for a blocked letter',
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

const EXAMPLES: Record<keyof typeof DETAILS, object> = {
  transaction: {
    id: 'transaction:812',
    kind: 'transaction',
    at: '2026-03-02',
    title: 'Payment of 25.00 USD (principal)',
    status: null,
    amountMinor: -2500,
    currency: 'USD',
    details: {
      entryKind: 'payment',
      component: 'principal',
      postedAt: '2026-03-02T10:15:00.000Z',
      reference: 'PAY-77:principal',
      payment: 'PAY-77',
      reversesEntryId: null,
      memo: null,
    },
  },
  message: {
    id: 'message:41',
    kind: 'message',
    at: '2026-03-01T14:00:00.000Z',
    title: 'SMS reminder_1 blocked: us.fdcpa.contact-window',
    status: 'suppressed',
    amountMinor: null,
    currency: null,
    details: {
      channel: 'sms',
      recipient: '+12125550100',
      provider: null,
      attempts: 0,
      sentAt: null,
      error: 'us.fdcpa.contact-window: outside 8am-9pm in the debtor zone',
      compliance: {
        outcome: 'blocked',
        checkedAt: '2026-03-01T14:00:00.000Z',
        ruleIds: ['us.fdcpa.contact-window'],
        reasons: [
          {
            ruleId: 'us.fdcpa.contact-window',
            citation: '15 USC 1692c(a)(1)',
            message: 'outside 8am-9pm in the debtor zone',
          },
        ],
      },
      events: [],
      subject: null,
      template: 'reminder_1',
      tone: 'friendly',
    },
  },
  document: {
    id: 'document:42',
    kind: 'document',
    at: '2026-03-01T09:00:00.000Z',
    title: 'Letter (validation-notice): sent',
    status: 'sent',
    amountMinor: null,
    currency: null,
    details: {
      channel: 'letter',
      recipient: '12',
      provider: 'print',
      attempts: 1,
      sentAt: '2026-03-01T09:05:00.000Z',
      error: null,
      compliance: { outcome: 'allowed', checkedAt: '2026-03-01T09:00:00.000Z', ruleIds: [], reasons: [] },
      events: [],
      documentKind: 'validation-notice',
      action: 'produce_document',
      pdfPath: '/api/v1/tenants/demo/accounts/ACC-1/documents/validation-notice.pdf',
    },
  },
  call: {
    id: 'call:7',
    kind: 'call',
    at: '2026-03-03T15:20:00.000Z',
    title: 'Call: promise to pay',
    status: 'done',
    amountMinor: null,
    currency: null,
    details: {
      dueAt: '2026-03-03T14:00:00.000Z',
      script: 'Remind the debtor of the balance',
      followsTaskId: null,
      assignedUserId: 3,
      outcome: 'promise_to_pay',
      outcomeNote: 'pays Friday',
      outcomeDetails: { promiseId: 9 },
      outcomeAt: '2026-03-03T15:20:00.000Z',
      outcomeBy: 'user:3',
    },
  },
  promise: {
    id: 'promise:9',
    kind: 'promise',
    at: '2026-03-03T15:20:00.000Z',
    title: 'Promise of 50.00 USD due 2026-03-06: kept',
    status: 'kept',
    amountMinor: 5000,
    currency: 'USD',
    details: { dueOn: '2026-03-06', channel: 'phone', takenBy: 'user:3', takenOn: '2026-03-03' },
  },
  plan: {
    id: 'plan:4',
    kind: 'plan',
    at: '2026-02-10',
    title: 'Payment plan of 300.00 USD, monthly: active',
    status: 'active',
    amountMinor: 30000,
    currency: 'USD',
    details: {
      frequency: 'monthly',
      downPaymentMinor: 0,
      graceDays: 5,
      approvedBy: null,
      brokenOn: null,
      replacesPlanId: null,
      instalments: [
        { seq: 1, dueOn: '2026-03-01', amountMinor: 10000, paidMinor: 10000, status: 'paid' },
        { seq: 2, dueOn: '2026-04-01', amountMinor: 10000, paidMinor: 0, status: 'due' },
      ],
    },
  },
  settlement: {
    id: 'settlement:2',
    kind: 'settlement',
    at: '2026-02-20',
    title: 'Settlement offer of 400.00 USD until 2026-03-20: offered',
    status: 'offered',
    amountMinor: 40000,
    currency: 'USD',
    details: { expiresOn: '2026-03-20', approvedBy: 'manager', settledOn: null, writeOffMinor: null },
  },
  dispute: {
    id: 'dispute.opened:5',
    kind: 'dispute',
    at: '2026-02-15T11:00:00.000Z',
    title: 'Dispute opened in writing',
    status: 'open',
    amountMinor: null,
    currency: null,
    details: {
      event: 'opened',
      disputeId: 5,
      receivedAt: '2026-02-15T11:00:00.000Z',
      written: true,
      reason: 'not my debt',
      channel: 'letter',
      verificationSentAt: null,
      resolvedAt: null,
      resolution: null,
    },
  },
  hardship: {
    id: 'hardship:3',
    kind: 'hardship',
    at: '2026-02-01T09:30:00.000Z',
    title: 'Hardship pause 2026-02-01 to 2026-02-28',
    status: 'ended',
    amountMinor: null,
    currency: null,
    details: { reason: 'job loss', from: '2026-02-01', to: '2026-02-28' },
  },
  decision: {
    id: 'decision:120',
    kind: 'decision',
    at: '2026-03-01',
    title: 'Decision at stage soft_2: 1 action(s), 1 blocked',
    status: null,
    amountMinor: null,
    currency: null,
    details: {
      trigger: 'daily',
      triggerRef: 'run:3',
      runId: 3,
      playbook: { id: 'consumer-default', version: 2, variant: 'A' },
      fromStage: 'soft_1',
      toStage: 'soft_2',
      segment: 'consumer',
      fired: ['enter "soft_2": daysPastDue >= 15'],
      actions: [
        {
          step: 0,
          type: 'send_message',
          channel: 'sms',
          status: 'blocked',
          scheduledAt: null,
          compliance: {
            outcome: 'block',
            ruleIds: ['us.tcpa.consent'],
            reasons: [{ ruleId: 'us.tcpa.consent', citation: '47 USC 227', message: 'no consent for SMS' }],
          },
        },
      ],
      error: null,
    },
  },
  stage_change: {
    id: 'stage_change:120',
    kind: 'stage_change',
    at: '2026-03-01',
    title: 'Stage soft_1 → soft_2',
    status: null,
    amountMinor: null,
    currency: null,
    details: {
      fromStage: 'soft_1',
      toStage: 'soft_2',
      playbook: { id: 'consumer-default', version: 2, variant: 'A' },
      decisionId: 120,
    },
  },
  journal: {
    id: 'journal:88',
    kind: 'journal',
    at: '2026-03-04T08:00:00.000Z',
    title: 'Debtor opted out of a contact point',
    status: null,
    amountMinor: null,
    currency: null,
    details: { type: 'contact_point.opted_out', actor: 'system:sms', subject: 'contact_point:12', seq: 301 },
  },
}

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
    examples: [EXAMPLES[kind]],
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
