import { errorResponseSchema } from '../error.schema.ts'
import { dateField, tenantParam } from '../schema-fields.ts'

export interface EvidencePackRequest {
  Params: { tenant: string; account: string }
  Querystring: {
    account?: string | string[]
    asOf?: string
    paper?: string
    title?: string
    line?: string | string[]
  }
}

const externalId = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  pattern: '^[^\\u0000-\\u001f\\u007f]+$',
} as const

const oneOrMore = (item: object, max: number, description: string) => ({
  anyOf: [item, { type: 'array', items: item, minItems: 1, maxItems: max }],
  'x-error-code': 'invalid_option',
  description,
})

const params = {
  type: 'object',
  required: ['tenant', 'account'],
  properties: {
    tenant: tenantParam,
    account: { ...externalId, description: "the account's external id (no control characters)" },
  },
} as const

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    account: oneOrMore(
      externalId,
      99,
      'more accounts of the same debtor, by external id (repeat the parameter: ?account=A-2&account=A-3)',
    ),
    asOf: dateField("the day the pack is cut at, in the tenant's zone (default today)"),
    paper: {
      type: 'string',
      enum: ['A4', 'a4', 'Letter', 'letter', 'LETTER'],
      'x-error-code': 'invalid_paper_size',
    },
    title: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      'x-error-code': 'invalid_option',
      description: 'a caption instead of "Evidence pack" (a legal case\'s title)',
    },
    line: oneOrMore(
      { type: 'string', maxLength: 300 },
      20,
      'lines printed under the title (court, parties, case number); repeat the parameter',
    ),
  },
} as const

/** The case routes' request: the case id, and the pack's own options (the caption is the case's). */
export interface CaseEvidencePackRequest {
  Params: { tenant: string; id: number }
  Querystring: { asOf?: string; paper?: string }
}

const caseParams = {
  type: 'object',
  required: ['tenant', 'id'],
  properties: {
    tenant: tenantParam,
    id: {
      type: 'integer',
      minimum: 1,
      maximum: 9007199254740991,
      'x-error-code': 'invalid_case',
      description: 'the legal case id',
    },
  },
} as const

const caseQuerystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    asOf: querystring.properties.asOf,
    paper: querystring.properties.paper,
  },
} as const

const caseErrors = {
  400: { ...errorResponseSchema, description: 'A bad case id, date or paper size' },
  403: { ...errorResponseSchema, description: 'The role may not read cases or export evidence packs' },
  404: { ...errorResponseSchema, description: 'No such tenant or legal case' },
} as const

const caseDescription = (what: string) =>
  `${what} (\`recoup case evidence\`, docs/legal-cases.md): the evidence pack of the case's accounts under ` +
  "the case's caption (parties, kind and number, forum, claim). Needs `cases.read` and `evidence.export`; " +
  'journaled (`evidence.exported`). `X-Evidence-SHA256` is the digest of the answer.'

/** GET /api/v1/tenants/:tenant/cases/:id/evidence-pack.pdf */
export const caseEvidencePackPdfSchema = {
  summary: "A legal case's evidence pack as PDF",
  description: caseDescription('The PDF'),
  tags: ['cases'],
  params: caseParams,
  querystring: caseQuerystring,
  response: {
    200: {
      description: 'The PDF',
      content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    },
    ...caseErrors,
  },
} as const

/** GET /api/v1/tenants/:tenant/cases/:id/evidence-pack.zip */
export const caseEvidencePackZipSchema = {
  summary: "A legal case's evidence pack with its originals as ZIP",
  description: caseDescription('The ZIP of the PDF and the originals with manifest.json'),
  tags: ['cases'],
  params: caseParams,
  querystring: caseQuerystring,
  response: {
    200: {
      description: 'The ZIP',
      content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
    },
    ...caseErrors,
  },
} as const

const description = (what: string) =>
  `${what} (\`recoup evidence-pack\`, docs/evidence-pack.md): the account statement with a running ` +
  'balance, every communication with its date, channel, template, status and compliance checks, the ' +
  'letters with their proof of mailing, disputes and their answers, payments, promises and plans, and ' +
  "the verification of the tenant's journal. Needs `evidence.export` (admin, manager); every export is " +
  'journaled (`evidence.exported`). `X-Evidence-SHA256` is the digest of the answer.'

const errors = {
  400: { ...errorResponseSchema, description: 'A bad date, paper size, caption, or accounts of two debtors' },
  403: { ...errorResponseSchema, description: 'The role may not export evidence packs' },
  404: { ...errorResponseSchema, description: 'No such tenant or account' },
} as const

/** GET /api/v1/tenants/:tenant/accounts/:account/evidence-pack.pdf */
export const evidencePackPdfSchema = {
  summary: "An account's evidence pack as PDF",
  description: description('The evidence pack of the account (and the other accounts named) as one PDF'),
  tags: ['documents'],
  params,
  querystring,
  response: {
    200: {
      description: 'The PDF',
      content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    },
    ...errors,
  },
} as const

/** GET /api/v1/tenants/:tenant/accounts/:account/evidence-pack.zip */
export const evidencePackZipSchema = {
  summary: "An account's evidence pack with its originals as ZIP",
  description: description(
    'The ZIP of the evidence pack: the PDF, statement.csv, communications.csv and .json, the letters as ' +
      'printed and the dispute evidence files where stored, and manifest.json with the SHA-256 of each file',
  ),
  tags: ['documents'],
  params,
  querystring,
  response: {
    200: {
      description: 'The ZIP',
      content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
    },
    ...errors,
  },
} as const
