import { type Page, type PageRequest, pageRequest } from '../../core/paging/page-cursor.ts'
import {
  disputePage,
  hardshipPage,
  ledgerEntryPage,
  planPage,
  promisePage,
  RECORD_SORTS,
  type RecordKind,
  settlementPage,
} from '../../store/records/account-records.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { accountInScope } from './scope.ts'

/** A list under one account: which, the account's external id, and the page. */
export interface ListAccountRecordsRequest {
  readonly account: string
  readonly limit?: number
  readonly cursor?: string
  readonly sort?: string
}

const PAGES = {
  transactions: ledgerEntryPage,
  plans: planPage,
  promises: promisePage,
  settlements: settlementPage,
  disputes: disputePage,
  hardship: hardshipPage,
} as const

/** Each list's default sort: oldest first by its date (disputes by id, which is the order received). */
const DEFAULTS = {
  transactions: 'effectiveOn',
  plans: 'createdOn',
  promises: 'dueOn',
  settlements: 'createdOn',
  disputes: 'id',
  hardship: 'from',
} as const satisfies { [K in RecordKind]: (typeof RECORD_SORTS)[K][number] }

/** Items of each list, as the repository returns them. */
export type AccountRecord<K extends RecordKind> = Awaited<ReturnType<(typeof PAGES)[K]>>['items'][number]

/**
 * One page of an account's ledger entries, plans, promises, settlements, disputes or hardship pauses.
 * The account is named by external id and must be in the actor's tenant and clients (else
 * `account_not_found`).
 */
export async function listAccountRecords<K extends RecordKind>(
  ctx: AppContext,
  kind: K,
  request: ListAccountRecordsRequest,
): Promise<Page<AccountRecord<K>>> {
  authorize(ctx.actor, 'accounts.read')
  const sorts: readonly string[] = RECORD_SORTS[kind]
  const page = pageRequest(request, sorts, { field: DEFAULTS[kind], direction: 'asc' })
  const account = await accountInScope(ctx, request.account)
  const list = PAGES[kind] as (
    db: AppContext['store']['db'],
    at: { tenantId: number; accountId: number },
    request: PageRequest,
  ) => Promise<Page<AccountRecord<K>>>
  return list(ctx.store.db, { tenantId: ctx.actor.tenant.id, accountId: account.id }, page)
}
