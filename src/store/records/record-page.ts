import { type RawBuilder, sql } from 'kysely'
import { type Page, type PageRequest, pageOf } from '../../core/paging/page-cursor.ts'

/**
 * The sort columns of one list: its declared sort fields mapped to column references. The repository
 * picks the column from this map, never from the request text, so a sort can only name a real column.
 * Sorts use date and text columns only: a timestamp would lose its microseconds in a cursor on PostgreSQL.
 */
export type SortColumns<F extends string> = Readonly<Record<F, string>>

/** The sort column of a page, selected as `sort_value` so that `pageOf` can name the last row. */
export function sortValue(column: string): RawBuilder<string | number | null> {
  return sql<string | number | null>`${sql.ref(column)}`
}

/** Cuts the page from rows fetched with `limit + 1` and a `sort_value` column, dropping that column. */
export function cutPage<R extends { id: number; sort_value: string | number | null }>(
  rows: readonly R[],
  page: PageRequest,
): Page<Omit<R, 'sort_value'>> {
  const cut = pageOf(rows, page, (row) => ({ value: row.sort_value ?? null, id: row.id }))
  return {
    items: cut.items.map(({ sort_value: _sort, ...row }) => row),
    nextCursor: cut.nextCursor,
  }
}
