/**
 * GET/POST /api/v1/tenants/:tenant/cases, GET .../cases/:id, POST .../cases/:id/file, .../hearings and
 * .../close (docs/legal-cases.md): legal cases, gated by compliance and the escalation economics.
 */
import { CASE_KINDS, CASE_STATUSES, CLOSE_OUTCOMES } from '../../core/legal/case-kinds.ts'
import { errorResponseSchema } from '../error.schema.ts'
import { tenantParam } from '../schema-fields.ts'
import { nullableInteger, nullableString, record, tenantOnly } from './records.schema.ts'

const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', 'x-error-code': 'invalid_case' } as const
const amount = { type: 'string', maxLength: 40, 'x-error-code': 'invalid_case' } as const
const text = (max: number) =>
  ({ type: 'string', minLength: 1, maxLength: max, 'x-error-code': 'invalid_case' }) as const

const EXAMPLE = {
  id: 7,
  kind: 'ni_act_138',
  status: 'open',
  debtor: 'DEB-IN-0042',
  accounts: ['ACC-IN-0042'],
  forum: 'Judicial Magistrate First Class, Pune',
  caseNumber: null,
  parties: { claimant: 'Acme Traders', respondent: 'Sharma Textiles Pvt Ltd' },
  counsel: 'khanna-law',
  currency: 'INR',
  claim: {
    principalMinor: 50_000_000,
    interestMinor: 812_329,
    costsMinor: 3_000_000,
    totalMinor: 53_812_329,
  },
  costs: { courtFeeMinor: 500_000, counselFeeMinor: 2_500_000, recoverable: true },
  filedOn: '2026-10-20',
  facts: {
    cheque: {
      chequeDate: '2026-09-01',
      presentedOn: '2026-09-10',
      bankInformedOn: '2026-09-15',
      demandNoticeSentOn: '2026-09-20',
      demandNoticeReceivedOn: '2026-09-25',
    },
    jurisdiction: 'IN',
    debtKind: 'commercial',
    debtorKind: 'business',
    limitation: null,
  },
  economics: {
    claimMinor: 53_812_329,
    recoveryRate: '0.5',
    expectedRecoveryMinor: 26_906_164,
    courtFeeMinor: 500_000,
    counselFeeMinor: 2_500_000,
    costMinor: 3_000_000,
    netMinor: 23_906_164,
    thresholdMinor: 0,
    passed: true,
    interestNote: null,
  },
  deadlines: [
    {
      id: 'ni.complaint',
      label: 'file the complaint',
      on: '2026-11-11',
      type: 'last_day',
      phase: 'filing',
      ruleId: 'in.ni-act.complaint-deadline',
      citation: 'NI Act s.142(1)(b); s.138 proviso (c)',
    },
  ],
  hearings: [],
  tasks: [],
  outcome: null,
  openedBy: 'user:3',
  openedAt: '2026-10-20T09:12:00.000Z',
  closedOn: null,
  closedBy: null,
}

/** A legal case with its claim, economics, deadlines (legal basis), hearings, tasks and outcome. */
const caseSchema = {
  ...record({
    id: { type: 'integer', description: 'the case id: what show, file, hearings and close name' },
    kind: { type: 'string', enum: [...CASE_KINDS] },
    status: { type: 'string', enum: [...CASE_STATUSES] },
    debtor: { type: 'string', description: 'debtor external id' },
    accounts: { type: 'array', items: { type: 'string' }, description: 'account external ids, lead first' },
    forum: nullableString,
    caseNumber: nullableString,
    parties: record({ claimant: { type: 'string' }, respondent: { type: 'string' } }),
    counsel: { ...nullableString, description: 'the law-firm partner code' },
    currency: { type: 'string' },
    claim: record(
      {
        principalMinor: { type: 'integer', description: "the books' balance of the accounts at filing" },
        interestMinor: { type: 'integer', description: 'by the interest engine to the filing day' },
        costsMinor: { type: 'integer', description: 'recoverable court fee and counsel costs' },
        totalMinor: { type: 'integer' },
      },
      'integer minor units of `currency`',
    ),
    costs: record({
      courtFeeMinor: { type: 'integer' },
      counselFeeMinor: { type: 'integer' },
      recoverable: { type: 'boolean', description: "posted to the lead account's ledger as costs" },
    }),
    filedOn: { ...nullableString, description: 'null while a draft' },
    facts: { type: 'object', additionalProperties: true, description: 'the facts the deadlines come from' },
    economics: record({
      claimMinor: { type: 'integer' },
      recoveryRate: { type: 'string' },
      expectedRecoveryMinor: { type: 'integer' },
      courtFeeMinor: { type: 'integer' },
      counselFeeMinor: { type: 'integer' },
      costMinor: { type: 'integer' },
      netMinor: { type: 'integer' },
      thresholdMinor: { type: 'integer' },
      passed: { type: 'boolean' },
      interestNote: nullableString,
    }),
    deadlines: {
      type: 'array',
      items: record({
        id: { type: 'string' },
        label: { type: 'string' },
        on: { type: 'string' },
        type: { type: 'string', enum: ['last_day', 'earliest_day'] },
        phase: { type: 'string', enum: ['filing', 'hearing', 'judgment'] },
        ruleId: { type: 'string' },
        citation: { type: 'string' },
      }),
    },
    hearings: {
      type: 'array',
      items: record({
        id: { type: 'integer' },
        hearingOn: { type: 'string' },
        purpose: { type: 'string' },
        outcome: nullableString,
        nextOn: nullableString,
        recordedBy: { type: 'string' },
      }),
    },
    tasks: {
      type: 'array',
      items: record({
        id: { type: 'integer' },
        dueAt: { type: 'string' },
        script: { type: 'string' },
        status: { type: 'string' },
      }),
      description: 'the work tasks made for its deadlines (in the task queue)',
    },
    outcome: {
      ...record({
        outcome: { type: 'string' },
        on: nullableString,
        judgmentMinor: nullableInteger,
        settlementMinor: nullableInteger,
        postJudgmentRate: { ...nullableString, description: 'percent a year' },
        note: nullableString,
      }),
      type: ['object', 'null'],
    },
    openedBy: { type: 'string' },
    openedAt: { type: 'string' },
    closedOn: nullableString,
    closedBy: nullableString,
  }),
  examples: [EXAMPLE],
} as const

export interface ListCasesRequest {
  Params: { tenant: string }
  Querystring: { status?: string; limit?: number }
}
export interface ShowCaseRequest {
  Params: { tenant: string; id: number }
}
export interface OpenCaseRequest {
  Params: { tenant: string }
  Body: {
    accounts: string[]
    kind: string
    forum?: string
    caseNumber?: string
    counsel?: string
    filedOn?: string
    draft?: boolean
    facts?: Record<string, unknown>
    courtFee?: string
    counselFee?: string
    costsRecoverable?: boolean
    recoveryRate?: string
    minNet?: string
    interestRate?: string
    parties?: { claimant?: string; respondent?: string }
  }
}
export interface FileCaseRequest {
  Params: { tenant: string; id: number }
  Body: { filedOn?: string; caseNumber?: string }
}
export interface AddHearingRequest {
  Params: { tenant: string; id: number }
  Body: { on: string; purpose: string; outcome?: string; next?: string }
}
export interface CloseCaseRequest {
  Params: { tenant: string; id: number }
  Body: { outcome: string; on?: string; amount?: string; postJudgmentRate?: string; note?: string }
}

const caseParams = {
  type: 'object',
  required: ['tenant', 'id'],
  properties: {
    tenant: tenantParam,
    id: { type: 'integer', minimum: 1, maximum: 9007199254740991, examples: [7] },
  },
} as const

const errors = {
  400: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  422: errorResponseSchema,
} as const

const gateNote =
  'A filed case is gated by compliance (422 `case_not_allowed`, every reason with rule id and citation and ' +
  'the earliest day in `details`) and by the escalation economics (422 `case_not_economic`, the figures in ' +
  '`details`).'

export const listCasesSchema = {
  summary: 'Legal cases',
  description:
    "The tenant's legal cases, newest first, at most `limit` (default 100). Permission `cases.read`.",
  tags: ['cases'],
  params: tenantOnly,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      status: { type: 'string', enum: [...CASE_STATUSES], 'x-error-code': 'invalid_case' },
      limit: { type: 'integer', minimum: 1, maximum: 500, 'x-error-code': 'invalid_option' },
    },
  },
  response: {
    200: { type: 'array', items: caseSchema, examples: [[EXAMPLE]] },
    400: errorResponseSchema,
    403: errorResponseSchema,
    404: errorResponseSchema,
  },
} as const

export const showCaseSchema = {
  summary: 'One legal case',
  description:
    'Claim, economics, deadlines with their legal basis, hearings, tasks, outcome. Permission `cases.read`.',
  tags: ['cases'],
  params: caseParams,
  response: { 200: caseSchema, 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
} as const

export const openCaseSchema = {
  summary: 'Open a legal case',
  description:
    `On one debtor's accounts (the first is the lead account). ${gateNote} Recoverable costs post to the ` +
    "ledger; the accounts are held from the playbook's outreach. `draft: true` prepares it without filing " +
    '(no gate, costs or hold; its filing deadlines become tasks). Permission `cases.manage`; journaled `case.opened`.',
  tags: ['cases'],
  params: tenantOnly,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['accounts', 'kind'],
    properties: {
      accounts: {
        type: 'array',
        minItems: 1,
        maxItems: 50,
        items: { type: 'string', minLength: 1, maxLength: 200 },
        'x-error-code': 'invalid_case',
      },
      kind: {
        type: 'string',
        enum: [...CASE_KINDS],
        'x-error-code': 'invalid_case',
        examples: ['lok_adalat'],
      },
      forum: text(500),
      caseNumber: text(500),
      counsel: text(200),
      filedOn: date,
      draft: { type: 'boolean', 'x-error-code': 'invalid_case' },
      facts: {
        type: 'object',
        additionalProperties: true,
        'x-error-code': 'invalid_case',
        description:
          'cheque, letterOfClaimOn, mediation, statutoryDemand, urgentInterimRelief, judgmentOn (enforcement) (docs/legal-cases.md)',
      },
      courtFee: amount,
      counselFee: amount,
      costsRecoverable: { type: 'boolean', 'x-error-code': 'invalid_case' },
      recoveryRate: amount,
      minNet: amount,
      interestRate: amount,
      parties: {
        type: 'object',
        additionalProperties: false,
        properties: { claimant: text(500), respondent: text(500) },
        'x-error-code': 'invalid_case',
      },
    },
    examples: [
      {
        accounts: ['ACC-IN-0042'],
        kind: 'ni_act_138',
        filedOn: '2026-10-20',
        forum: 'Judicial Magistrate First Class, Pune',
        counsel: 'khanna-law',
        courtFee: '5000',
        counselFee: '25000',
        facts: {
          cheque: { chequeDate: '2026-09-01', presentedOn: '2026-09-10', bankInformedOn: '2026-09-15' },
        },
      },
    ],
  },
  response: { 200: caseSchema, ...errors },
} as const

export const fileCaseSchema = {
  summary: 'File a draft legal case',
  description: `${gateNote} Permission \`cases.manage\`; journaled \`case.filed\`.`,
  tags: ['cases'],
  params: caseParams,
  body: {
    type: 'object',
    additionalProperties: false,
    properties: { filedOn: date, caseNumber: text(500) },
    examples: [{ filedOn: '2026-11-10', caseNumber: 'K1QZ1234' }],
  },
  response: { 200: caseSchema, ...errors },
} as const

export const addHearingSchema = {
  summary: 'Record a hearing',
  description:
    'On an open case or one in enforcement; a `next` date becomes a task 7 days before it. Permission ' +
    '`cases.manage`; journaled `case.hearing_added`.',
  tags: ['cases'],
  params: caseParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['on', 'purpose'],
    properties: {
      on: { ...date, examples: ['2026-12-01'] },
      purpose: { ...text(500), examples: ['first hearing'] },
      outcome: text(2000),
      next: date,
    },
    examples: [{ on: '2026-12-01', purpose: 'first hearing', outcome: 'summons issued', next: '2027-01-12' }],
  },
  response: { 200: caseSchema, ...errors },
} as const

export const closeCaseSchema = {
  summary: 'Record the outcome of a legal case',
  description:
    'A `judgment` (amount required) posts an adjustment for the difference between the judgment and the ' +
    "accounts' balance, records the post-judgment interest rate and starts enforcement tasks; the accounts " +
    'stay held. `settlement`, `withdrawal`, `dismissal`, or `closed` after a judgment, release them. ' +
    'Permission `cases.manage`; journaled `case.judgment` or `case.closed`.',
  tags: ['cases'],
  params: caseParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['outcome'],
    properties: {
      outcome: {
        type: 'string',
        enum: [...CLOSE_OUTCOMES],
        'x-error-code': 'invalid_case',
        examples: ['withdrawal'],
      },
      on: date,
      amount,
      postJudgmentRate: amount,
      note: text(2000),
    },
    examples: [{ outcome: 'judgment', on: '2027-01-12', amount: '540000', postJudgmentRate: '9' }],
  },
  response: { 200: caseSchema, ...errors },
} as const
