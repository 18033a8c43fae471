import { DOCUMENT_KINDS } from '../../core/documents/document-kinds.ts'
import { errorResponseSchema } from '../error.schema.ts'
import { dateField, tenantParam } from '../schema-fields.ts'

export interface DocumentRequest {
  Params: { tenant: string; account: string; kind: string }
  Querystring: {
    locale?: string
    paper?: string
    mailingDate?: string
    disposition?: 'attachment' | 'inline'
  }
}

/** GET /api/v1/tenants/:tenant/accounts/:account/documents/:kind.pdf */
export const documentSchema = {
  summary: "An account's document as PDF",
  description:
    'Renders one document for the account from its books (`recoup document render`): ' +
    `${DOCUMENT_KINDS.join(', ')}. The language is the debtor's preferred one unless \`locale\` is given ` +
    '(with the same fallback); a document that fails the content checks of the compliance packs is ' +
    '422 document_blocked, never rendered.',
  tags: ['documents'],
  params: {
    type: 'object',
    required: ['tenant', 'account', 'kind'],
    properties: {
      tenant: tenantParam,
      account: {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        pattern: '^[^\\u0000-\\u001f\\u007f]+$',
        description: "the account's external id (no control characters)",
      },
      kind: { type: 'string', enum: DOCUMENT_KINDS, 'x-error-code': 'invalid_document_kind' },
    },
  },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      locale: {
        type: 'string',
        pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$',
        'x-error-code': 'invalid_locale',
        description: 'language instead of the debtor preference (en, es, hi, ar, fr, de)',
      },
      paper: {
        type: 'string',
        enum: ['A4', 'a4', 'Letter', 'letter', 'LETTER'],
        'x-error-code': 'invalid_paper_size',
      },
      mailingDate: dateField("mailing date that starts the document's clocks (default today)"),
      disposition: {
        type: 'string',
        enum: ['attachment', 'inline'],
        'x-error-code': 'invalid_option',
        description:
          "`inline`: to be shown in a frame of this origin (the web app's preview) instead of downloaded",
      },
    },
  },
  response: {
    200: {
      description: 'The PDF',
      content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    },
    400: { ...errorResponseSchema, description: 'A bad kind, language, paper or date' },
    403: { ...errorResponseSchema, description: 'The role may not render documents' },
    404: { ...errorResponseSchema, description: 'No such tenant or account' },
    422: { ...errorResponseSchema, description: 'The document does not apply or fails a content check' },
  },
} as const
