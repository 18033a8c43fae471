/**
 * The query parameters and the answer shape every list endpoint shares (cursor pagination,
 * src/core/paging/page-cursor.ts). A list route spreads `pageQueryProperties(sortFields)` into its
 * querystring and answers `pageResponse(itemSchema)`: `{ items, nextCursor }`.
 */
import { MAX_PAGE_LIMIT } from '../core/paging/page-cursor.ts'

export function pageQueryProperties(sortFields: readonly string[]) {
  return {
    limit: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_PAGE_LIMIT,
      description: `rows per page (default 50, at most ${MAX_PAGE_LIMIT})`,
    },
    cursor: {
      type: 'string',
      maxLength: 1000,
      description: 'the nextCursor of the previous page (with the same sort)',
    },
    sort: {
      type: 'string',
      enum: sortFields.flatMap((f) => [f, `-${f}`]),
      description: 'field to sort by; a leading "-" sorts descending',
    },
  } as const
}

export interface PageQuery {
  limit?: number
  cursor?: string
  sort?: string
}

export function pageResponse(itemSchema: object) {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: itemSchema },
      nextCursor: { type: ['string', 'null'], description: 'null on the last page' },
    },
  } as const
}
