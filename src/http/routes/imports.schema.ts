import { errorResponseSchema } from '../error.schema.ts'
import { type PageQuery, pageQueryProperties, pageResponse } from '../pagination.schema.ts'
import { tenantParam } from '../schema-fields.ts'

export const CSV_TYPE = 'text/csv'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const count = { type: 'integer', minimum: 0 } as const

const importItem = {
  type: 'object',
  required: ['id', 'status', 'startedAt', 'finishedAt', 'progress', 'counts', 'failure'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    status: { type: 'string', enum: ['running', 'completed', 'failed'] },
    startedAt: { type: 'string' },
    finishedAt: { type: ['string', 'null'] },
    progress: {
      description: 'bytes read of the file while the server works it; null once done',
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['bytesRead', 'totalBytes'],
          additionalProperties: false,
          properties: { bytesRead: count, totalBytes: count },
        },
      ],
    },
    counts: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: [
            'rowsRead',
            'debtorsCreated',
            'accountsCreated',
            'accountsExisting',
            'entriesPosted',
            'rejected',
          ],
          additionalProperties: false,
          properties: {
            rowsRead: count,
            debtorsCreated: count,
            accountsCreated: count,
            accountsExisting: { ...count, description: 'already imported (a re-run of the same rows)' },
            entriesPosted: count,
            rejected: { ...count, description: 'rows in the reject file (GET .../rejects)' },
          },
        },
      ],
    },
    failure: { type: ['string', 'null'], description: 'why a failed import stopped' },
  },
} as const

const tenantParams = { type: 'object', required: ['tenant'], properties: { tenant: tenantParam } } as const
const idParams = {
  type: 'object',
  required: ['tenant', 'id'],
  properties: { tenant: tenantParam, id: { type: 'integer', minimum: 1, maximum: 2_147_483_647 } },
} as const

export interface UploadImportRequest {
  Params: { tenant: string }
  Querystring: { preset?: string; currency?: string }
  Body: Buffer
}

/** POST /api/v1/tenants/:tenant/imports */
export const uploadImportSchema = {
  summary: 'Upload an accounts file',
  description:
    `The file is the raw request body, sent with \`Content-Type: ${CSV_TYPE}\` (UTF-8) or \`${XLSX_TYPE}\` ` +
    '(multipart is not accepted). It is stored under a random name and imported in the background, as ' +
    '`recoup import` does: 202 with the import as soon as it runs; poll GET /imports/:id. A file wrong ' +
    'as a whole (no header, missing columns) is refused before any row; rows with errors go to the ' +
    'reject file. A body over the upload limit (RECOUP_UPLOAD_LIMIT_MB, default 100) is 413.',
  tags: ['imports'],
  params: tenantParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      preset: {
        type: 'string',
        minLength: 1,
        maxLength: 50,
        description: 'built-in mapping (default generic)',
      },
      currency: {
        type: 'string',
        pattern: '^[A-Z]{3}$',
        'x-error-code': 'invalid_currency',
        description: "currency of rows that name none (default the tenant's)",
      },
    },
  },
  response: {
    202: { ...importItem, description: 'The import, started' },
    400: { ...errorResponseSchema, description: 'A file wrong as a whole, or a bad preset or currency' },
    403: { ...errorResponseSchema, description: 'The role may not import accounts' },
    404: { ...errorResponseSchema, description: 'No such tenant' },
    413: { ...errorResponseSchema, description: 'The file is over the upload limit' },
    415: { ...errorResponseSchema, description: 'Neither CSV nor XLSX' },
  },
} as const

export interface ListImportsRequest {
  Params: { tenant: string }
  Querystring: PageQuery
}

/** GET /api/v1/tenants/:tenant/imports */
export const listImportsSchema = {
  summary: 'Account imports',
  description: 'The account imports of the tenant (uploads and `recoup import` runs), newest first.',
  tags: ['imports'],
  params: tenantParams,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: pageQueryProperties(['startedAt']),
  },
  response: {
    200: { ...pageResponse(importItem), description: 'A page of imports' },
    400: { ...errorResponseSchema, description: 'A bad limit, sort or cursor' },
    403: { ...errorResponseSchema, description: 'The role may not read imports' },
    404: { ...errorResponseSchema, description: 'No such tenant' },
  },
} as const

export interface ImportRequest {
  Params: { tenant: string; id: number }
}

/** GET /api/v1/tenants/:tenant/imports/:id */
export const getImportSchema = {
  summary: 'One account import',
  description: 'Status, progress while it runs, and counts.',
  tags: ['imports'],
  params: idParams,
  response: {
    200: { ...importItem, description: 'The import' },
    400: { ...errorResponseSchema, description: 'A bad id' },
    403: { ...errorResponseSchema, description: 'The role may not read imports' },
    404: { ...errorResponseSchema, description: 'No such tenant or import' },
  },
} as const

/** GET /api/v1/tenants/:tenant/imports/:id/rejects */
export const importRejectsSchema = {
  summary: "An import's rejected rows",
  description:
    'The reject file as CSV: `line,field,reason`, then the row as it was in the file (fix the rows, ' +
    'drop the first three columns, upload again). Only the header when nothing was rejected.',
  tags: ['imports'],
  params: idParams,
  response: {
    200: { description: 'The reject CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
    400: { ...errorResponseSchema, description: 'A bad id' },
    403: { ...errorResponseSchema, description: 'The role may not read imports' },
    404: { ...errorResponseSchema, description: 'No such tenant or import, or not uploaded over the API' },
  },
} as const
