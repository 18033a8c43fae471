import { DOCUMENT_KINDS } from '../../core/documents/document-kinds.ts'
import { MAX_PORTAL_TOKEN_LENGTH } from '../../core/portal/portal-token.ts'
import { errorResponseSchema } from '../error.schema.ts'
import { amountField, dateField, reasonField } from '../schema-fields.ts'
import { accountPath } from './records.schema.ts'

/**
 * The debtor portal's API (docs/portal.md): the link a collector issues, the verification that opens a
 * portal session, and what a debtor signed in may read and do on their one account. Every portal
 * route but the session is reached with the `recoup_portal` cookie only.
 */

const tags = ['portal']
const errors = {
  400: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  422: errorResponseSchema,
} as const
const object = (properties: Record<string, object>, required: readonly string[] = []) =>
  ({ type: 'object', additionalProperties: false, required: [...required], properties }) as const
const loose = (description: string) => ({ type: 'object', additionalProperties: true, description }) as const
const list = (description: string) => ({ type: 'array', items: loose(description) }) as const

/** POST /api/v1/tenants/:tenant/accounts/:account/portal-link */
export const portalLinkSchema = {
  summary: 'Issue a portal link for an account',
  description:
    'A signed link to the debtor portal page of the account (`/pay/<token>`), valid 14 days ' +
    '(RECOUP_PORTAL_LINK_DAYS). The link alone lets nobody in: the portal asks for the account reference ' +
    'and a date of birth or postcode. Journaled as `portal.link_issued`.',
  tags,
  params: accountPath,
  response: {
    201: object(
      {
        url: { type: 'string', description: 'RECOUP_PUBLIC_URL + /pay/ + the token' },
        expiresAt: { type: 'string', format: 'date-time' },
      },
      ['url', 'expiresAt'],
    ),
    404: errorResponseSchema,
  },
} as const

/** POST /api/v1/portal/session */
export const portalSessionSchema = {
  summary: 'Open a portal session',
  description:
    'Verifies the link token, the account reference and one identity detail (date of birth or postcode, ' +
    'case and spaces ignored). Success sets the `recoup_portal` cookie (HttpOnly, SameSite=Strict, ' +
    'Path=/api/v1/portal; 60 minutes at most, 15 idle) and answers the `csrfToken` every change must ' +
    'echo in X-CSRF-Token. Every failure is the same 401 `portal_verification_failed` after the same ' +
    'time; 5 attempts per link and 20 per address in 15 minutes, then 429.',
  tags,
  body: object(
    {
      token: {
        type: 'string',
        minLength: 1,
        maxLength: MAX_PORTAL_TOKEN_LENGTH,
        description: 'the token of the link, after /pay/',
      },
      reference: { type: 'string', minLength: 1, maxLength: 200, description: 'the account reference' },
      dateOfBirth: { type: 'string', maxLength: 20, description: 'YYYY-MM-DD; give this or postcode' },
      postcode: { type: 'string', minLength: 1, maxLength: 20, description: 'give this or dateOfBirth' },
    },
    ['token', 'reference'],
  ),
  response: {
    200: object(
      {
        csrfToken: { type: 'string' },
        expiresAt: { type: 'string', format: 'date-time' },
        idleMinutes: { type: 'integer' },
      },
      ['csrfToken', 'expiresAt', 'idleMinutes'],
    ),
    400: errorResponseSchema,
    401: errorResponseSchema,
    429: errorResponseSchema,
  },
} as const

/** POST /api/v1/portal/logout */
export const portalLogoutSchema = {
  summary: 'End the portal session',
  description: 'Ends the portal session at once and clears its cookie.',
  tags,
  response: { 204: { type: 'null' } },
} as const

const money = { type: 'integer', description: 'minor units of the account currency' } as const

/** GET /api/v1/portal/account */
export const portalAccountSchema = {
  summary: 'The account of the portal session',
  description:
    'Who is owed and who collects, the balance itemised by ledger component, the language, the ' +
    "jurisdiction's disclosures, the documents mailed (with portal URLs), what is open, and the plan, " +
    "promise and settlement options of the tenant's policy (the bounds the money services enforce).",
  tags,
  response: {
    200: object(
      {
        account: object(
          {
            reference: { type: 'string' },
            status: { type: 'string' },
            creditor: { type: 'string' },
            originalCreditor: { type: 'string' },
            client: { type: ['string', 'null'] },
            collector: { type: 'string' },
            currency: { type: 'string' },
            jurisdiction: { type: 'string' },
          },
          [
            'reference',
            'status',
            'creditor',
            'originalCreditor',
            'client',
            'collector',
            'currency',
            'jurisdiction',
          ],
        ),
        balance: object(
          {
            totalMinor: money,
            components: {
              type: 'array',
              items: object({ component: { type: 'string' }, balanceMinor: money }, [
                'component',
                'balanceMinor',
              ]),
            },
          },
          ['totalMinor', 'components'],
        ),
        debtor: object(
          {
            name: { type: 'string' },
            preferredLanguage: { type: ['string', 'null'] },
            locale: { type: 'string', description: 'the language the portal and documents use' },
          },
          ['name', 'preferredLanguage', 'locale'],
        ),
        disclosures: {
          type: 'array',
          items: object(
            {
              id: { type: 'string' },
              citation: { type: 'string' },
              text: { type: 'string' },
              language: { type: 'string', description: 'the language of text (official wording: English)' },
              documentUrl: { type: ['string', 'null'] },
            },
            ['id', 'citation', 'text', 'language', 'documentUrl'],
          ),
        },
        documents: {
          type: 'array',
          items: object(
            {
              kind: { type: 'string', enum: DOCUMENT_KINDS },
              sentOn: { type: ['string', 'null'], description: 'mailing day; null: made on request' },
              url: { type: 'string' },
            },
            ['kind', 'sentOn', 'url'],
          ),
        },
        open: object(
          {
            promises: list('an open promise to pay'),
            plans: list('the active plan with its instalments'),
            disputes: list('an unresolved dispute, with the count of evidence files'),
            settlements: list('a settlement offer still open'),
            hardship: list('a hardship pause running or to come'),
          },
          ['promises', 'plans', 'disputes', 'settlements', 'hardship'],
        ),
        options: loose('plan, settlement and promise options of the tenant policy'),
      },
      ['account', 'balance', 'debtor', 'disclosures', 'documents', 'open', 'options'],
    ),
  },
} as const

/** GET /api/v1/portal/documents/:kind.pdf */
export const portalDocumentSchema = {
  summary: 'A document of the portal account as PDF',
  description:
    'The statement of account, or a letter mailed about the account (the latest of its kind, or the one ' +
    'of `mailingDate`). Another kind is 404 `document_not_found`.',
  tags,
  params: {
    type: 'object',
    required: ['kind'],
    properties: {
      kind: {
        type: 'string',
        enum: DOCUMENT_KINDS,
        examples: ['statement'],
        'x-error-code': 'invalid_document_kind',
      },
    },
  },
  querystring: object({ mailingDate: dateField('the mailing day of the letter') }),
  response: {
    200: {
      description: 'The PDF',
      content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    },
    404: errorResponseSchema,
    422: errorResponseSchema,
  },
} as const

function act(summary: string, description: string, body: object, result: Record<string, object>) {
  return {
    summary,
    description,
    tags,
    body,
    response: {
      201: {
        type: 'object',
        properties: { account: { type: 'string', description: 'the account reference' }, ...result },
      },
      ...errors,
    },
  } as const
}

export const portalPaymentSchema = act(
  'Pay on the portal',
  'Charges the card through the payment provider and records the payment as any payment (allocation, ' +
    'journal, re-decision). The built-in test provider: `testCard` 4242424242424242 succeeds, ' +
    '4000000000000002 is declined (422 `payment_declined`). Send an Idempotency-Key: a retry charges once.',
  object(
    {
      amount: amountField('at most the balance, in the account currency'),
      testCard: {
        type: 'string',
        minLength: 12,
        maxLength: 23,
        pattern: '^[0-9 -]+$',
        examples: ['4242424242424242'],
        'x-error-code': 'invalid_card',
        description: 'the test provider card number',
      },
    },
    ['amount', 'testCard'],
  ),
  {
    reference: { type: 'string' },
    replayed: { type: 'boolean' },
    amountMinor: money,
    currency: { type: 'string' },
    paidInFull: { type: 'boolean' },
    allocation: list('component and amountMinor of one allocation line'),
  },
)

export const portalPlanSchema = act(
  'Set up a payment plan',
  "A plan within the tenant's policy; a term the policy forbids is 422 `plan_outside_policy`, whose " +
    '`details.violations` name the bound (`term_too_long`, `instalment_too_small`, `discount_too_large`).',
  object(
    {
      frequency: {
        type: 'string',
        enum: ['monthly', 'fortnightly', 'weekly'],
        'x-error-code': 'invalid_plan',
      },
      instalments: {
        type: 'integer',
        minimum: 1,
        maximum: 600,
        examples: [3],
        'x-error-code': 'invalid_plan',
      },
      total: amountField('what the plan collects (default: the balance)'),
      downPayment: amountField('paid first'),
      downPaymentOn: dateField('day of the down payment'),
      firstDueOn: dateField('first instalment (default: one period from today)'),
    },
    ['frequency', 'instalments'],
  ),
  { planId: { type: 'integer' }, exception: { type: 'boolean' }, schedule: loose('the instalments') },
)

export const portalPromiseSchema = act(
  'Promise to pay',
  'A promise to pay `amount` on `dueOn`; collection waits while it is open.',
  object(
    {
      amount: amountField('the amount promised'),
      dueOn: { ...dateField('the day it will be paid'), examples: ['2099-01-15'] },
    },
    ['amount', 'dueOn'],
  ),
  { promiseId: { type: 'integer' } },
)

export const portalDisputeSchema = act(
  'Dispute the debt',
  'A written dispute of the whole debt or of `amount`: collection of the disputed debt stops.',
  object({ reason: reasonField('why the debt is disputed'), amount: amountField('the part disputed') }, [
    'reason',
  ]),
  { disputeId: { type: 'integer' } },
)

export const portalDisputeDocumentSchema = {
  summary: 'Add evidence to a dispute',
  description:
    'The file itself as the body: `application/pdf`, `image/png` or `image/jpeg` (checked by its first ' +
    'bytes), at most 5 MB. Stored by a random name, never the file name.',
  tags,
  params: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'integer', minimum: 1, maximum: 9_007_199_254_740_991 } },
  },
  response: {
    201: object(
      {
        id: { type: 'integer' },
        disputeId: { type: 'integer' },
        contentType: { type: 'string' },
        sizeBytes: { type: 'integer' },
        sha256: { type: 'string' },
      },
      ['id', 'disputeId', 'contentType', 'sizeBytes', 'sha256'],
    ),
    ...errors,
    413: errorResponseSchema,
    415: errorResponseSchema,
  },
} as const

export const portalPreferencesSchema = {
  summary: 'Change contact preferences',
  description:
    'The language, channel opt-outs (email, sms, call, letter) and times not to be contacted. Each is ' +
    'recorded as the compliance checks read it; the account is re-decided.',
  tags,
  body: object({
    language: { type: 'string', maxLength: 35, examples: ['en'], 'x-error-code': 'invalid_locale' },
    optOut: {
      type: 'array',
      maxItems: 4,
      items: { type: 'string', enum: ['email', 'sms', 'call', 'letter'] },
    },
    inconvenientTimes: {
      type: 'array',
      maxItems: 14,
      items: object(
        {
          from: {
            type: 'string',
            maxLength: 5,
            examples: ['18:00'],
            'x-error-code': 'invalid_inconvenient_time',
          },
          to: {
            type: 'string',
            maxLength: 5,
            examples: ['20:00'],
            'x-error-code': 'invalid_inconvenient_time',
          },
          weekdays: {
            type: 'array',
            maxItems: 7,
            items: { type: 'integer', minimum: 1, maximum: 7 },
            'x-error-code': 'invalid_inconvenient_time',
          },
        },
        ['from', 'to'],
      ),
    },
  }),
  response: {
    200: object(
      {
        language: { type: ['string', 'null'] },
        optedOut: { type: 'array', items: { type: 'string' } },
        inconvenientTimes: { type: 'integer' },
      },
      ['language', 'optedOut', 'inconvenientTimes'],
    ),
    ...errors,
  },
} as const

export const portalHardshipSchema = act(
  'Ask for a hardship pause',
  'Collection contacts pause for 30 days from today for the reason given; a collector reviews it.',
  object({ reason: reasonField('what makes paying hard now') }, ['reason']),
  { pauseId: { type: 'integer' } },
)

export const portalAttorneySchema = act(
  'Name an attorney',
  'The debtor is represented: contact goes to the attorney from now on (15 USC 1692c(a)(2)).',
  object(
    {
      name: { type: 'string', minLength: 1, maxLength: 200, 'x-error-code': 'invalid_attorney' },
      phone: {
        type: 'string',
        minLength: 1,
        maxLength: 40,
        examples: ['+12125550100'],
        'x-error-code': 'invalid_attorney',
      },
      email: { type: 'string', minLength: 3, maxLength: 254, 'x-error-code': 'invalid_attorney' },
    },
    ['name'],
  ),
  { restrictionId: { type: 'integer' }, recordedAt: { type: 'string' } },
)
