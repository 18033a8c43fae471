/**
 * The placement routes (docs/placements.md): partners, placing and recalling, the placement file,
 * remittances in with their reconciliation, and partners' status updates.
 */
import { PARTNER_KINDS, REMIT_MODES } from '../../core/placements/commission-terms.ts'
import { errorResponseSchema } from '../error.schema.ts'
import { dateField, reasonField, tenantParam } from '../schema-fields.ts'
import { nullableInteger, nullableString, record } from './records.schema.ts'

const partnerCode = {
  type: 'string',
  pattern: '^[a-z0-9][a-z0-9_-]{0,63}$',
  'x-error-code': 'partner_not_found',
  description: "the partner's code",
} as const
const accountRef = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  'x-error-code': 'account_not_found',
  description: "the account's external id",
} as const
const tenantOnly = { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } } as const
const tenantAndPartner = {
  type: 'object',
  required: ['tenant', 'partner'],
  properties: { tenant: tenantParam, partner: partnerCode },
} as const
const errors = (what: string) => ({
  400: { ...errorResponseSchema, description: `A malformed ${what}` },
  403: { ...errorResponseSchema, description: 'The role may not do this' },
  404: { ...errorResponseSchema, description: 'No such tenant, partner, account or placement' },
})

const partnerView = record({
  code: { type: 'string' },
  name: { type: 'string' },
  kind: { type: 'string', enum: PARTNER_KINDS },
  remit: {
    type: 'string',
    enum: REMIT_MODES,
    description: 'gross: remits all, we pay its invoice; net: keeps its commission',
  },
  terms: {
    type: 'object',
    additionalProperties: true,
    description: 'the commission terms (docs/placements.md)',
  },
  createdAt: { type: 'string' },
})

const placementView = record({
  id: { type: 'integer', description: 'the placement id (the placement file and remittances name it)' },
  account: { type: 'string' },
  partner: { type: 'string' },
  partnerName: { type: 'string' },
  status: { type: 'string', enum: ['active', 'recalled'] },
  placedOn: { type: 'string', format: 'date' },
  expectedReturnOn: { type: 'string', format: 'date' },
  commissionPercent: { type: 'string', description: 'decimal text, fixed at placement' },
  fixedFeeMinor: { type: 'integer' },
  balanceMinor: { type: 'integer', description: 'the balance on the placement day, minor units' },
  currency: { type: 'string' },
  outboxId: nullableInteger,
  placedBy: { type: 'string' },
  recalledOn: nullableString,
  recallReason: nullableString,
  recalledBy: nullableString,
  partnerStatus: { ...nullableString, description: "the partner's latest status report" },
  partnerStatusOn: nullableString,
})

const problem = record({ field: { type: 'string' }, reason: { type: 'string' } })
const amountOrNull = { type: ['integer', 'null'] } as const
const remittanceLine = record({
  line: { type: 'integer', description: 'the line of the file' },
  status: { type: 'string', enum: ['matched', 'difference', 'unmatched', 'duplicate', 'forwarded', 'error'] },
  placementId: { type: 'string', description: 'as the file gave it' },
  account: { type: 'string' },
  reference: { type: 'string' },
  paidOn: nullableString,
  currency: nullableString,
  collectedMinor: amountOrNull,
  commissionDueMinor: amountOrNull,
  commissionWithheldMinor: amountOrNull,
  netExpectedMinor: amountOrNull,
  netRemittedMinor: amountOrNull,
  differenceMinor: { ...amountOrNull, description: 'net remitted - net expected' },
  paymentId: amountOrNull,
  problems: { type: 'array', items: problem },
})
const totals = record({
  currency: { type: 'string' },
  lines: { type: 'integer' },
  collectedMinor: { type: 'integer' },
  commissionDueMinor: { type: 'integer' },
  commissionWithheldMinor: { type: 'integer' },
  netExpectedMinor: { type: 'integer' },
  netRemittedMinor: { type: 'integer' },
  differenceMinor: { type: 'integer' },
  commissionOwedMinor: { type: 'integer', description: 'gross partner: the commission on its invoice' },
})
const counts = record({
  matched: { type: 'integer' },
  difference: { type: 'integer' },
  unmatched: { type: 'integer' },
  duplicate: { type: 'integer' },
  forwarded: { type: 'integer' },
  error: { type: 'integer' },
})
const summaryProperties = {
  id: { type: 'integer' },
  partner: { type: 'string' },
  partnerName: { type: 'string' },
  remit: { type: 'string', enum: REMIT_MODES },
  fileName: { type: 'string' },
  fileSha256: { type: 'string' },
  importedBy: { type: 'string' },
  importedAt: { type: 'string' },
  counts,
  totals: { type: 'array', items: totals, description: 'over the booked lines, per currency' },
} as const
const remittanceSummary = record(summaryProperties)
const remittanceReport = record({ ...summaryProperties, lines: { type: 'array', items: remittanceLine } })

export interface ListPartnersRequest {
  Params: { tenant: string }
}
export const listPartnersSchema = {
  summary: 'Partners',
  description:
    "The tenant's collection agencies and law firms with their commission terms (`recoup partner list`).",
  tags: ['placements'],
  params: tenantOnly,
  response: {
    200: { description: 'The partners', ...record({ items: { type: 'array', items: partnerView } }) },
    ...errors('request'),
  },
} as const

export interface AddPartnerRequest {
  Params: { tenant: string }
  Body: { code: string; name: string; kind: string; remit: string; terms: unknown }
}
export const addPartnerSchema = {
  summary: 'Add a partner',
  description:
    'Adds an agency or law firm with its commission terms, checked strictly (`recoup partner add`; ' +
    'docs/placements.md). Journaled as `partner.added`.',
  tags: ['placements'],
  params: tenantOnly,
  body: {
    type: 'object',
    required: ['code', 'name', 'kind', 'remit', 'terms'],
    additionalProperties: false,
    properties: {
      code: { ...partnerCode, 'x-error-code': 'invalid_partner' },
      name: { type: 'string', minLength: 1, maxLength: 200, 'x-error-code': 'invalid_partner' },
      kind: { type: 'string', enum: PARTNER_KINDS, 'x-error-code': 'invalid_partner' },
      remit: { type: 'string', enum: REMIT_MODES, 'x-error-code': 'invalid_partner' },
      terms: {
        type: 'object',
        'x-error-code': 'invalid_partner',
        description: 'commission terms (docs/placements.md)',
      },
    },
  },
  response: {
    201: { description: 'The partner added', ...partnerView },
    ...errors('partner or terms'),
    409: { ...errorResponseSchema, description: 'A partner with this code exists' },
  },
} as const

export interface ListPlacementsRequest {
  Params: { tenant: string }
  Querystring: { partner?: string; status?: string }
}
export const listPlacementsSchema = {
  summary: 'Placements',
  description:
    "The tenant's placements, newest first, with the partner's latest status report (`recoup placement list`).",
  tags: ['placements'],
  params: tenantOnly,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      partner: partnerCode,
      status: { type: 'string', enum: ['active', 'recalled'], 'x-error-code': 'invalid_option' },
    },
  },
  response: {
    200: { description: 'The placements', ...record({ items: { type: 'array', items: placementView } }) },
    ...errors('filter'),
  },
} as const

export interface PlaceRequest {
  Params: { tenant: string }
  Body: { account: string; partner: string; placedOn?: string; expectedReturnOn?: string }
}
export const placeSchema = {
  summary: 'Place an account',
  description:
    'Places an account with a partner (`recoup placement place`): one partner at a time, only an open ' +
    'account, the commission tier fixed now; our own outreach holds off it. Journaled (`placement.created`).',
  tags: ['placements'],
  params: tenantOnly,
  body: {
    type: 'object',
    required: ['account', 'partner'],
    additionalProperties: false,
    properties: {
      account: accountRef,
      partner: partnerCode,
      placedOn: dateField('the placement day (default today)'),
      expectedReturnOn: dateField('the expected return date (default 180 days on)'),
    },
  },
  response: {
    201: { description: 'The placement', ...placementView },
    ...errors('placement'),
    409: { ...errorResponseSchema, description: 'The account is placed already' },
    422: {
      ...errorResponseSchema,
      description: 'The account cannot be placed (closed, terms in another currency)',
    },
  },
} as const

export interface RecallRequest {
  Params: { tenant: string }
  Body: { account: string; reason: string; recalledOn?: string }
}
export const recallSchema = {
  summary: "Recall an account's placement",
  description: "Recalls the account's active placement with a reason (`recoup placement recall`); journaled.",
  tags: ['placements'],
  params: tenantOnly,
  body: {
    type: 'object',
    required: ['account', 'reason'],
    additionalProperties: false,
    properties: {
      account: accountRef,
      reason: reasonField('why it is recalled'),
      recalledOn: dateField('the recall day (default today)'),
    },
  },
  response: { 200: { description: 'The recalled placement', ...placementView }, ...errors('recall') },
} as const

export interface PlacementFileRequest {
  Params: { tenant: string; partner: string }
  Body: { asOf?: string }
}
export const placementFileSchema = {
  summary: "A partner's placement file",
  description:
    "The CSV of the partner's active placements (`recoup placement export`; layout in docs/placements.md). " +
    'Handing personal data to a third party is journaled (`placement.file_exported`).',
  tags: ['placements'],
  params: tenantAndPartner,
  body: {
    type: ['object', 'null'],
    additionalProperties: false,
    properties: { asOf: dateField('the day balances run to (default today)') },
  },
  produces: ['text/csv', 'application/json'],
  response: {
    200: { description: 'The placement file', content: { 'text/csv': { schema: { type: 'string' } } } },
    ...errors('request'),
  },
} as const

export interface ImportRemittanceRequest {
  Params: { tenant: string; partner: string }
  Body: { csv: string; fileName?: string }
}
export const importRemittanceSchema = {
  summary: "Take in a partner's remittance",
  description:
    'The remittance CSV (`recoup placement remit`; layout in docs/placements.md, "Remittance file in") as ' +
    "the `csv` text: every line is checked and matched to the partner's placement and account, booked as a " +
    'payment (idempotent by partner and reference: the same file again books nothing twice), its commission ' +
    'computed and recorded, and reconciled (gross: all remitted; net: less the commission). Answers the ' +
    'reconciliation: each line with its status (matched, difference, unmatched, duplicate, forwarded, error) and ' +
    'problems, totals per currency. Journaled and announced (`placement.remittance_reconciled`).',
  tags: ['placements'],
  params: tenantAndPartner,
  body: {
    type: 'object',
    required: ['csv'],
    additionalProperties: false,
    properties: {
      csv: { type: 'string', minLength: 1, maxLength: 6_000_000, 'x-error-code': 'empty_file' },
      fileName: { type: 'string', minLength: 1, maxLength: 200, 'x-error-code': 'invalid_option' },
    },
  },
  response: {
    201: { description: 'The remittance and its reconciliation', ...remittanceReport },
    ...errors('file (header, columns)'),
    413: { ...errorResponseSchema, description: 'The file is over 5 MiB' },
  },
} as const

export interface ListRemittancesRequest {
  Params: { tenant: string }
  Querystring: { partner?: string }
}
export const listRemittancesSchema = {
  summary: 'Remittances',
  description:
    'Remittances taken in, newest first (at most 500), with counts and totals (`recoup placement remittances`).',
  tags: ['placements'],
  params: tenantOnly,
  querystring: { type: 'object', additionalProperties: false, properties: { partner: partnerCode } },
  response: {
    200: {
      description: 'The remittances',
      ...record({ items: { type: 'array', items: remittanceSummary } }),
    },
    ...errors('filter'),
  },
} as const

export interface RemittanceRequest {
  Params: { tenant: string; id: number }
}
export const remittanceSchema = {
  summary: 'A remittance and its reconciliation',
  description: 'The stored reconciliation shown again, line by line (`recoup placement remittance ID`).',
  tags: ['placements'],
  params: {
    type: 'object',
    required: ['tenant', 'id'],
    properties: {
      tenant: tenantParam,
      id: { type: 'integer', minimum: 1, 'x-error-code': 'remittance_not_found' },
    },
  },
  response: { 200: { description: 'The remittance', ...remittanceReport }, ...errors('id') },
} as const

export interface StatusUpdatesRequest {
  Params: { tenant: string; partner: string }
  Body: {
    updates: { placementId: number; account: string; status: string; on?: string; note?: string }[]
  }
}
export const statusUpdatesSchema = {
  summary: "Take in a partner's status updates",
  description:
    "Status reports on the partner's placements (contacted, no_contact, promise, payment_plan, " +
    'dispute_reported, uncollectable, recall_requested), each matched to the placement and its account; ' +
    'good ones are recorded when others are bad. dispute_reported, uncollectable and recall_requested are ' +
    'flagged `needsAttention`: a person recalls the account or opens the dispute (docs/placements.md).',
  tags: ['placements'],
  params: tenantAndPartner,
  body: {
    type: 'object',
    required: ['updates'],
    additionalProperties: false,
    properties: {
      updates: {
        type: 'array',
        minItems: 1,
        maxItems: 1000,
        'x-error-code': 'invalid_placement_update',
        items: {
          type: 'object',
          required: ['placementId', 'account', 'status'],
          additionalProperties: false,
          properties: {
            placementId: { type: 'integer', minimum: 1, 'x-error-code': 'invalid_placement_update' },
            account: { ...accountRef, 'x-error-code': 'invalid_placement_update' },
            status: { type: 'string', maxLength: 40, 'x-error-code': 'invalid_placement_update' },
            on: dateField('the day reported for (default today)'),
            note: { type: 'string', maxLength: 2000, 'x-error-code': 'invalid_placement_update' },
          },
        },
      },
    },
  },
  response: {
    200: {
      description: 'One result per update, in order',
      ...record({
        results: {
          type: 'array',
          items: record({
            index: { type: 'integer' },
            placementId: { type: 'integer' },
            outcome: { type: 'string', enum: ['recorded', 'error'] },
            needsAttention: { type: 'boolean' },
            problems: { type: 'array', items: problem },
          }),
        },
      }),
    },
    ...errors('update list'),
  },
} as const
