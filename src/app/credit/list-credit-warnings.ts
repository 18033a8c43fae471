import { WARNING_CODES, type WarningCode } from '../../core/credit/early-warning.ts'
import { AppError } from '../../core/errors/index.ts'
import { decodeCursor, encodeCursor, type ListSort, parseLimit } from '../../core/paging/page-cursor.ts'
import { debtorIdPage } from '../../store/credit/credit.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { type CreditLineView, creditLines } from './credit-lines.ts'

/** Debtors read per query while a page fills. */
const SCAN_BATCH = 200
const SORT: ListSort = { field: 'debtor', direction: 'asc' }

export interface ListCreditWarningsInput {
  readonly limit?: number
  readonly cursor?: string
  /** Only lines with this warning. */
  readonly code?: string
}

/**
 * The early-warning list: credit lines with at least one warning (over limit, late payer, rising
 * days to pay), by debtor id. Debtors are read in batches until `limit` lines are listed; the
 * cursor names the last debtor read, so a page may hold fewer lines than `limit` and still have a
 * next page (`nextCursor` null: the end).
 */
export async function listCreditWarnings(
  ctx: AppContext,
  input: ListCreditWarningsInput,
): Promise<{ items: CreditLineView[]; nextCursor: string | null }> {
  authorize(ctx.actor, 'credit.read')
  const limit = parseLimit(input.limit)
  if (input.code !== undefined && !(WARNING_CODES as readonly string[]).includes(input.code))
    throw new AppError(
      'invalid_option',
      `code must be one of ${WARNING_CODES.join(', ')}, not "${input.code}"`,
      {
        field: 'code',
      },
    )
  const code = input.code as WarningCode | undefined
  let after = input.cursor ? decodeCursor(input.cursor, SORT).id : 0
  const items: CreditLineView[] = []
  for (;;) {
    const debtors = await debtorIdPage(
      ctx.store.db,
      ctx.actor.tenant.id,
      after,
      SCAN_BATCH,
      ctx.actor.clientIds,
    )
    if (debtors.length === 0) return { items, nextCursor: null }
    const lines = await creditLines(ctx, debtors)
    for (const debtor of debtors) {
      after = debtor.id
      for (const line of lines) {
        if (line.view.debtor !== debtor.externalId) continue
        if (line.view.warnings.some((w) => code === undefined || w.code === code)) items.push(line.view)
      }
      if (items.length >= limit) return { items, nextCursor: encodeCursor(SORT, { value: null, id: after }) }
    }
    if (debtors.length < SCAN_BATCH) return { items, nextCursor: null }
  }
}
