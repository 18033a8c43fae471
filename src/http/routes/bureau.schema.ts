import { errorResponseSchema } from '../error.schema.ts'
import { dateField, tenantParam } from '../schema-fields.ts'

export interface ExportMetro2HttpRequest {
  Params: { tenant: string }
  Body: { month: string; furnisherId?: string; creditorClassification?: string; part?: 'file' | 'excluded' }
}

/** POST /api/v1/tenants/:tenant/bureau/metro2 */
export const exportMetro2Schema = {
  summary: "The month's Metro 2 credit bureau file",
  description:
    'Exports the month (`recoup bureau export`, docs/metro2.md): one Base segment with its K1 ' +
    'original-creditor segment per US consumer account that may be furnished, between a Header and a ' +
    'Trailer with its counts. Accounts that fail the Reg F passive-collection gate (12 CFR 1006.30(a)), ' +
    'that are not US consumer debts in dollars, past the FCRA seven years or closed in an earlier month ' +
    'are left out; `part: "excluded"` answers the list of those with their reasons (CSV) instead of the ' +
    'file. Each call is journaled (`bureau.metro2_exported`). The headers `X-Metro2-Furnished`, ' +
    '`X-Metro2-Excluded` and `X-Metro2-SHA256` carry the counts and the digest of the file.',
  tags: ['bureau'],
  params: { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } },
  body: {
    type: 'object',
    required: ['month'],
    additionalProperties: false,
    properties: {
      month: {
        type: 'string',
        pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
        'x-error-code': 'invalid_date',
        description: 'the month reported, YYYY-MM (its last day is the Date of Account Information)',
      },
      furnisherId: {
        type: 'string',
        minLength: 1,
        maxLength: 20,
        pattern: '^[A-Za-z0-9 -]+$',
        'x-error-code': 'invalid_option',
        description: 'the Identification Number the bureaus assigned (default: the tenant slug)',
      },
      creditorClassification: {
        type: 'string',
        pattern: '^(0[1-9]|1[0-5])$',
        'x-error-code': 'invalid_option',
        description: 'K1 creditor classification, 01 to 15 (default 12, financial)',
      },
      part: {
        type: 'string',
        enum: ['file', 'excluded'],
        'x-error-code': 'invalid_option',
        description: '`file` (default): the Metro 2 file; `excluded`: the accounts left out, as CSV',
      },
    },
  },
  response: {
    200: {
      description: 'The Metro 2 file (ASCII, fixed-width records without separators), or the exclusion CSV',
      content: {
        'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
        'text/csv': { schema: { type: 'string' } },
      },
    },
    400: { ...errorResponseSchema, description: 'A bad month, furnisher id or classification' },
    403: {
      ...errorResponseSchema,
      description:
        'The role may not export the Metro 2 file, or the actor is limited to some clients of an agency',
    },
    404: { ...errorResponseSchema, description: 'No such tenant' },
  },
} as const

export interface ExportDefaultListingsHttpRequest {
  Params: { tenant: string }
  Body: { asOf?: string; part?: 'file' | 'excluded' }
}

/** POST /api/v1/tenants/:tenant/bureau/au-listings */
export const exportDefaultListingsSchema = {
  summary: "Australia's default listings as of a day",
  description:
    'Exports the default listings (`recoup bureau au-listings`, docs/bureau-au.md): every AU consumer ' +
    'account open and owing is judged by the `au` compliance pack (Privacy Act 1988 ss.6Q, 21D: 60 days ' +
    'overdue, AUD 150 or more, the overdue notice, 14 days after the disclosure notice); those allowed ' +
    'are the listing CSV, and `part: "excluded"` answers the refused ones with each reason (CSV) ' +
    'instead. Each call is journaled (`bureau.au_default_listings_exported`). The headers ' +
    '`X-Listings-Listed`, `X-Listings-Excluded` and `X-Listings-SHA256` carry the counts and the digest ' +
    'of the listing file.',
  tags: ['bureau'],
  params: { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } },
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      asOf: dateField("the listing day, YYYY-MM-DD, not in the future (default: today in the tenant's zone)"),
      part: {
        type: 'string',
        enum: ['file', 'excluded'],
        'x-error-code': 'invalid_option',
        description: '`file` (default): the listing CSV; `excluded`: the accounts refused and why, as CSV',
      },
    },
  },
  response: {
    200: {
      description: 'The listing CSV, or the exclusion CSV',
      content: { 'text/csv': { schema: { type: 'string' } } },
    },
    400: { ...errorResponseSchema, description: 'A bad or future day, or an unknown field' },
    403: {
      ...errorResponseSchema,
      description: 'The role may not export, or the actor is limited to some clients of an agency',
    },
    404: { ...errorResponseSchema, description: 'No such tenant' },
  },
} as const
