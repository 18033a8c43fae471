import { ACCOUNT_STATUSES } from '../../app/records/list-accounts.ts'
import { RECORD_SORTS } from '../../store/records/account-records.repository.ts'
import { ACCOUNT_SORTS } from '../../store/records/accounts-read.repository.ts'
import {
  accountPath,
  nullableInteger,
  nullableString,
  type PageQuery,
  pageResponse,
  readErrors,
  record,
  recordPageQuery,
  tenantOnly,
} from './records.schema.ts'

const component = { type: 'string', enum: ['principal', 'interest', 'fee', 'cost', 'credit'] } as const

const accountSummaryProperties = {
  id: { type: 'string', description: 'account external id' },
  debtor: { type: 'string', description: 'debtor external id' },
  client: { ...nullableString, description: 'client external id (agencies), null when held for none' },
  status: { type: 'string', enum: [...ACCOUNT_STATUSES] },
  stage: { ...nullableString, description: 'playbook stage, null before the first decision' },
  currency: { type: 'string' },
  jurisdiction: { type: 'string' },
  debtKind: { type: 'string' },
  openedOn: { type: 'string' },
  dueOn: { type: 'string' },
  chargeOffOn: nullableString,
  closedOn: nullableString,
  balanceMinor: { type: 'integer', description: 'every ledger entry summed, minor units' },
} as const

export const accountSummary = record(accountSummaryProperties)

/** Path and query of GET /api/v1/tenants/:tenant/accounts. */
export interface ListAccountsRequest {
  Params: { tenant: string }
  Querystring: PageQuery & {
    status?: string
    stage?: string
    client?: string
    currency?: string
    jurisdiction?: string
    debtor?: string
    minDaysPastDue?: number
  }
}

const text = (description: string) => ({ type: 'string', minLength: 1, maxLength: 200, description }) as const

export const listAccountsSchema = {
  summary: 'List accounts',
  description:
    "The tenant's accounts (an agency user's: only their clients'), filtered and cursor-paged; sorted by " +
    'due date unless `sort` says otherwise. `minDaysPastDue` keeps accounts whose due date is at least that ' +
    "many days before today in the tenant's zone.",
  tags: ['accounts'],
  params: tenantOnly,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...recordPageQuery(ACCOUNT_SORTS),
      status: { type: 'string', enum: [...ACCOUNT_STATUSES], 'x-error-code': 'invalid_option' },
      stage: text('playbook stage'),
      client: text('client external id'),
      currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' },
      jurisdiction: text('jurisdiction code, e.g. US-NY'),
      debtor: text('debtor external id'),
      minDaysPastDue: { type: 'integer', minimum: 0, maximum: 36500, 'x-error-code': 'invalid_option' },
    },
  },
  response: { 200: pageResponse(accountSummary), ...readErrors },
} as const

/** Path of GET /api/v1/tenants/:tenant/accounts/:account. */
export interface AccountPathRequest {
  Params: { tenant: string; account: string }
}

export const getAccountSchema = {
  summary: 'Get an account',
  description:
    'One account by external id: status, stage, debtor, creditors, dates, and its balance itemised by ' +
    'ledger component (minor units). Etags are not given: accounts change through the money endpoints.',
  tags: ['accounts'],
  params: accountPath,
  response: {
    200: record({
      ...accountSummaryProperties,
      debtorName: { type: 'string' },
      originalCreditor: { type: 'string' },
      currentCreditor: { type: 'string' },
      closeReason: nullableString,
      stageEnteredOn: nullableString,
      components: {
        type: 'array',
        items: record({ component, balanceMinor: { type: 'integer' } }),
      },
    }),
    ...readErrors,
  },
} as const

/** Path and query of the lists under one account. */
export interface AccountRecordsRequest {
  Params: { tenant: string; account: string }
  Querystring: PageQuery
}

const ITEMS = {
  transactions: record({
    id: { type: 'integer' },
    kind: {
      type: 'string',
      enum: ['charge', 'payment', 'fee', 'interest', 'adjustment', 'write_off', 'reversal'],
    },
    component,
    amountMinor: { type: 'integer', description: 'signed: charges positive, payments negative' },
    effectiveOn: { type: 'string' },
    postedAt: { type: 'string' },
    reference: { ...nullableString, description: "the entry's external id (import line, payment reference)" },
    reversesId: nullableInteger,
    memo: nullableString,
    payment: { ...nullableString, description: 'reference of the payment the entry allocates' },
  }),
  plans: record({
    id: { type: 'integer' },
    status: { type: 'string', enum: ['active', 'completed', 'broken', 'cancelled'] },
    frequency: { type: 'string' },
    totalMinor: { type: 'integer' },
    downPaymentMinor: { type: 'integer' },
    graceDays: { type: 'integer' },
    approvedBy: nullableString,
    brokenOn: nullableString,
    replacesPlanId: nullableInteger,
    createdOn: { type: 'string' },
    instalments: {
      type: 'array',
      items: record({
        seq: { type: 'integer' },
        dueOn: { type: 'string' },
        amountMinor: { type: 'integer' },
      }),
    },
  }),
  promises: record({
    id: { type: 'integer' },
    amountMinor: { type: 'integer' },
    dueOn: { type: 'string' },
    state: { type: 'string', enum: ['open', 'kept', 'partially_kept', 'broken'] },
    channel: nullableString,
    takenBy: nullableString,
    takenOn: nullableString,
  }),
  settlements: record({
    id: { type: 'integer' },
    offerMinor: { type: 'integer' },
    createdOn: { type: 'string' },
    expiresOn: { type: 'string' },
    status: { type: 'string', enum: ['offered', 'paid', 'expired', 'withdrawn'] },
    approvedBy: nullableString,
    settledOn: nullableString,
    writeOffMinor: nullableInteger,
  }),
  disputes: record({
    id: { type: 'integer', description: "the dispute's public reference" },
    receivedAt: { type: 'string' },
    written: { type: 'boolean' },
    channel: nullableString,
    amountMinor: { ...nullableInteger, description: 'null: the whole debt is disputed' },
    reason: nullableString,
    verificationSentAt: nullableString,
    resolvedAt: nullableString,
    resolution: nullableString,
  }),
  hardship: record({
    id: { type: 'integer' },
    reason: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  }),
} as const

const TITLES = {
  transactions: [
    "List an account's ledger entries",
    'Charges, payments, fees, interest, adjustments, write-offs and reversals',
  ],
  plans: ["List an account's payment plans", 'Plans with their instalment schedules'],
  promises: [
    "List an account's promises to pay",
    'Promises with their state (open, kept, partially kept, broken)',
  ],
  settlements: ["List an account's settlement offers", 'Offers with their state and expiry'],
  disputes: ["List an account's disputes", 'Disputes with their verification and resolution'],
  hardship: ["List an account's hardship pauses", 'Pauses of collection contacts, both days inclusive'],
} as const

/** The schema of GET .../accounts/:account/<kind>. */
export function accountRecordsSchema(kind: keyof typeof ITEMS) {
  const [summary, what] = TITLES[kind]
  return {
    summary,
    description: `${what}, cursor-paged, oldest first unless \`sort\` says otherwise. The account is named by external id.`,
    tags: ['accounts'],
    params: accountPath,
    querystring: {
      type: 'object',
      additionalProperties: false,
      properties: recordPageQuery(RECORD_SORTS[kind]),
    },
    response: { 200: pageResponse(ITEMS[kind]), ...readErrors },
  } as const
}
