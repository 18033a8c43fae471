/**
 * Shared pieces of the record endpoints' schemas (debtors, accounts and what hangs under them,
 * payments): the page query with the catalogue codes of its failures, and the item shapes.
 */
import { errorResponseSchema } from '../error.schema.ts'
import { type PageQuery, pageQueryProperties, pageResponse } from '../pagination.schema.ts'
import { tenantParam } from '../schema-fields.ts'

export type { PageQuery }

/** The page query of a list with these sort fields; a bad sort is `invalid_sort`, a bad cursor `invalid_cursor`. */
export function recordPageQuery(sortFields: readonly string[]) {
  const page = pageQueryProperties(sortFields)
  return {
    limit: { ...page.limit, 'x-error-code': 'invalid_option' },
    cursor: { ...page.cursor, 'x-error-code': 'invalid_cursor' },
    sort: { ...page.sort, 'x-error-code': 'invalid_sort' },
  } as const
}

export const nullableString = { type: ['string', 'null'] } as const
export const nullableInteger = { type: ['integer', 'null'] } as const

/** An object schema whose every property is required and nothing else is allowed (answers). */
export function record<P extends Record<string, object>>(properties: P, description?: string) {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
    ...(description ? { description } : {}),
  } as const
}

export const tenantOnly = {
  type: 'object',
  required: ['tenant'],
  properties: { tenant: tenantParam },
} as const

/** An account's external id in the path. */
export const accountParam = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  description: 'account external id',
} as const

export const accountPath = {
  type: 'object',
  required: ['tenant', 'account'],
  properties: { tenant: tenantParam, account: accountParam },
} as const

export const readErrors = { 400: errorResponseSchema, 404: errorResponseSchema } as const

export { pageResponse }
