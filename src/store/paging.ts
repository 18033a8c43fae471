import { type Expression, isExpression, type RawBuilder, type SqlBool, sql } from 'kysely'
import type { PageRequest } from '../core/paging/page-cursor.ts'

/** A sort key: a column reference ('a.opened_on') or an expression built by the repository. */
export type SortColumn = string | Expression<unknown>

function sortColumn(column: SortColumn): Expression<unknown> {
  return isExpression(column) ? column : sql.ref(column)
}

/**
 * The keyset condition and order of one page (src/core/paging/page-cursor.ts): rows after the cursor's
 * (value, id) in the list's sort, ordered by the sort column then the id. Fetch `limit + 1` rows: the
 * extra one tells `pageOf` that another page follows. `column` and `idColumn` are column references the
 * repository picks from the list's declared fields, never text from the request; `column` may also be an
 * SQL expression the repository builds (a computed rank), compared and ordered the same way.
 *
 *   query.where(keysetAfter('a.opened_on', 'a.id', page))
 *        .orderBy(keysetOrder('a.opened_on', 'a.id', page))
 *        .limit(page.limit + 1)
 *
 * NULL sort values come first ascending and last descending, on both databases alike.
 */
export function keysetAfter(column: SortColumn, idColumn: string, page: PageRequest): Expression<SqlBool> {
  const after = page.after
  if (after === undefined) return sql<SqlBool>`1 = 1`
  const col = sortColumn(column)
  const id = sql.ref(idColumn)
  const ascending = page.sort.direction === 'asc'
  if (after.value === null)
    return ascending
      ? sql<SqlBool>`((${col} IS NULL AND ${id} > ${after.id}) OR ${col} IS NOT NULL)`
      : sql<SqlBool>`(${col} IS NULL AND ${id} < ${after.id})`
  return ascending
    ? sql<SqlBool>`(${col} > ${after.value} OR (${col} = ${after.value} AND ${id} > ${after.id}))`
    : sql<SqlBool>`(${col} < ${after.value} OR (${col} = ${after.value} AND ${id} < ${after.id}) OR ${col} IS NULL)`
}

/** The ORDER BY of a page: the sort column (NULLs first ascending, last descending), then the id. */
export function keysetOrder(column: SortColumn, idColumn: string, page: PageRequest): RawBuilder<unknown> {
  const col = sortColumn(column)
  const id = sql.ref(idColumn)
  return page.sort.direction === 'asc'
    ? sql`(${col} IS NOT NULL) asc, ${col} asc, ${id} asc`
    : sql`(${col} IS NULL) asc, ${col} desc, ${id} desc`
}
