import { AppError } from '../errors/index.ts'

/**
 * Cursor pagination for every list (HTTP and CLI). A list is sorted by one field (ascending or
 * descending) with the row id as the tie-breaker; a page holds `limit` rows and, when more follow,
 * an opaque `nextCursor` naming the last row's sort value and id. The next request passes it back as
 * `cursor` with the same `sort`; a cursor made for another sort (or edited by hand) is refused.
 * Keyset, not offset: a page costs the same however deep it is, and rows written meanwhile never
 * shift a page (docs/api.md, "Lists").
 */

export type SortDirection = 'asc' | 'desc'

/** The sort a list was asked for: one of the list's declared fields, and a direction. */
export interface ListSort<F extends string = string> {
  readonly field: F
  readonly direction: SortDirection
}

/** Where the previous page ended: the last row's sort value and id. */
export interface PageAfter {
  readonly value: string | number | null
  readonly id: number
}

export interface PageRequest<F extends string = string> {
  readonly limit: number
  readonly sort: ListSort<F>
  readonly after?: PageAfter
}

export interface Page<T> {
  readonly items: T[]
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null
}

export const DEFAULT_PAGE_LIMIT = 50
export const MAX_PAGE_LIMIT = 500

/**
 * Reads `sort` ("field" or "-field" for descending) against the list's fields. Absent: the default.
 */
export function parseSort<F extends string>(
  text: string | undefined,
  fields: readonly F[],
  fallback: ListSort<F>,
): ListSort<F> {
  if (text === undefined || text === '') return fallback
  const descending = text.startsWith('-')
  const field = descending ? text.slice(1) : text
  if (!(fields as readonly string[]).includes(field))
    throw new AppError(
      'invalid_sort',
      `sort must be one of ${fields.flatMap((f) => [f, `-${f}`]).join(', ')}, not "${text}"`,
      { field: 'sort' },
    )
  return { field: field as F, direction: descending ? 'desc' : 'asc' }
}

/** Reads `limit`: 1..MAX_PAGE_LIMIT, DEFAULT_PAGE_LIMIT when absent. */
export function parseLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT)
    throw new AppError(
      'invalid_option',
      `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}, not ${limit}`,
      { field: 'limit' },
    )
  return limit
}

/** The page request of a list call: limit, sort and, with a cursor, where to continue. */
export function pageRequest<F extends string>(
  input: { limit?: number | undefined; cursor?: string | undefined; sort?: string | undefined },
  fields: readonly F[],
  fallback: ListSort<F>,
): PageRequest<F> {
  const limit = parseLimit(input.limit)
  const sort = parseSort(input.sort, fields, fallback)
  if (input.cursor === undefined || input.cursor === '') return { limit, sort }
  return { limit, sort, after: decodeCursor(input.cursor, sort) }
}

interface CursorBody {
  /** "field" or "-field": the sort it was made for. */
  s: string
  v: string | number | null
  i: number
}

const sortText = (sort: ListSort): string => (sort.direction === 'desc' ? `-${sort.field}` : sort.field)

export function encodeCursor(sort: ListSort, after: PageAfter): string {
  const body: CursorBody = { s: sortText(sort), v: after.value, i: after.id }
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string, sort: ListSort): PageAfter {
  const invalid = (why: string) =>
    new AppError('invalid_cursor', `cursor is not one this list gave out (${why})`, { field: 'cursor' })
  if (cursor.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid('not a cursor')
  let body: unknown
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw invalid('not a cursor')
  }
  if (typeof body !== 'object' || body === null) throw invalid('not a cursor')
  const { s, v, i } = body as Partial<CursorBody>
  if (typeof s !== 'string' || typeof i !== 'number' || !Number.isSafeInteger(i))
    throw invalid('not a cursor')
  if (!(v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))))
    throw invalid('not a cursor')
  if (s !== sortText(sort)) throw invalid(`made for sort "${s}", asked for "${sortText(sort)}"`)
  return { value: v ?? null, id: i }
}

/**
 * Cuts a page from rows fetched with `limit + 1`: the extra row only says that more follow.
 * `keyOf` gives a row's sort value and id (the same the query sorted by).
 */
export function pageOf<T>(rows: readonly T[], request: PageRequest, keyOf: (row: T) => PageAfter): Page<T> {
  if (rows.length <= request.limit) return { items: [...rows], nextCursor: null }
  const items = rows.slice(0, request.limit)
  const last = items[items.length - 1]
  return { items, nextCursor: last === undefined ? null : encodeCursor(request.sort, keyOf(last)) }
}
