import { addDays, localDateAt } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { type Page, pageRequest } from '../../core/paging/page-cursor.ts'
import {
  ACCOUNT_SORTS,
  type AccountSummaryRow,
  listAccountRows,
} from '../../store/records/accounts-read.repository.ts'
import type { AccountStatus } from '../../store/schema.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'

export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['open', 'paid', 'settled', 'written_off', 'closed']

/** The account list's filters and page, as a surface passes them. */
export interface ListAccountsRequest {
  readonly status?: string
  readonly stage?: string
  /** A client's external id (an agency's). */
  readonly client?: string
  readonly currency?: string
  readonly jurisdiction?: string
  readonly debtor?: string
  /** At least this many days past the account's due date, today in the tenant's zone. */
  readonly minDaysPastDue?: number
  readonly limit?: number
  readonly cursor?: string
  readonly sort?: string
}

/** An account as a list shows it: named by its external id, never its internal one. */
export type AccountSummary = Omit<AccountSummaryRow, 'id' | 'externalId'> & { id: string }

/** Maps a stored account to its public shape (external id as `id`). */
export function publicAccount<R extends { id: number; externalId: string }>({
  id: _internal,
  externalId,
  ...rest
}: R) {
  return { id: externalId, ...rest }
}

/**
 * One page of the tenant's accounts (only the actor's clients' in the agency case), filtered by status,
 * stage, client, currency, jurisdiction, debtor and days past due; sorted by opened or due date or
 * external id (default: due date).
 */
export async function listAccounts(
  ctx: AppContext,
  request: ListAccountsRequest,
): Promise<Page<AccountSummary>> {
  authorize(ctx.actor, 'accounts.read')
  const page = pageRequest(request, ACCOUNT_SORTS, { field: 'dueOn', direction: 'asc' })
  if (request.status !== undefined && !(ACCOUNT_STATUSES as readonly string[]).includes(request.status))
    throw new AppError(
      'invalid_option',
      `status must be one of ${ACCOUNT_STATUSES.join(', ')}, not "${request.status}"`,
      {
        field: 'status',
      },
    )
  const { tenant, clientIds } = ctx.actor
  const days = request.minDaysPastDue
  if (days !== undefined && (!Number.isSafeInteger(days) || days < 0))
    throw new AppError('invalid_option', `minDaysPastDue must be a whole number >= 0, not ${days}`, {
      field: 'minDaysPastDue',
    })
  const result = await listAccountRows(
    ctx.store.db,
    tenant.id,
    {
      ...(request.status === undefined ? {} : { status: request.status as AccountStatus }),
      ...(request.stage === undefined ? {} : { stage: request.stage }),
      ...(request.client === undefined ? {} : { client: request.client }),
      ...(request.currency === undefined ? {} : { currency: request.currency }),
      ...(request.jurisdiction === undefined ? {} : { jurisdiction: request.jurisdiction }),
      ...(request.debtor === undefined ? {} : { debtor: request.debtor }),
      ...(days === undefined
        ? {}
        : { dueOnOrBefore: addDays(localDateAt(new Date(), tenant.time_zone), -days) }),
      ...(clientIds === undefined ? {} : { clientIds }),
    },
    page,
  )
  return { items: result.items.map(publicAccount), nextCursor: result.nextCursor }
}
