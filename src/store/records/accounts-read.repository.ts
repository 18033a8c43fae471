import { type Kysely, sql } from 'kysely'
import type { Page, PageRequest } from '../../core/paging/page-cursor.ts'
import { keysetAfter, keysetOrder } from '../paging.ts'
import { preparedQuery } from '../prepared-query.ts'
import type { AccountStatus, Database, LedgerComponent } from '../schema.ts'
import { cutPage, type SortColumns, sortValue } from './record-page.ts'

export const ACCOUNT_SORTS = ['openedOn', 'dueOn', 'externalId'] as const
export type AccountSort = (typeof ACCOUNT_SORTS)[number]
const ACCOUNT_COLUMNS: SortColumns<AccountSort> = {
  openedOn: 'a.opened_on',
  dueOn: 'a.due_on',
  externalId: 'a.external_id',
}

/** The filters of the account list; `clientIds` is the agency scope (absent: every client). */
export interface AccountFilter {
  readonly status?: AccountStatus
  readonly stage?: string
  /** A client's external id. */
  readonly client?: string
  readonly currency?: string
  readonly jurisdiction?: string
  /** A debtor's external id. */
  readonly debtor?: string
  /** Accounts whose due date is on or before this day (today minus the days past due asked for). */
  readonly dueOnOrBefore?: string
  readonly clientIds?: readonly number[]
}

/** An account as lists show it: names, not internal ids, with its balance over every component. */
export interface AccountSummaryRow {
  id: number
  externalId: string
  debtor: string
  client: string | null
  status: AccountStatus
  stage: string | null
  currency: string
  jurisdiction: string
  debtKind: string
  openedOn: string
  dueOn: string
  chargeOffOn: string | null
  closedOn: string | null
  balanceMinor: number
}

function accountQuery(db: Kysely<Database>, tenantId: number, clientIds: readonly number[] | undefined) {
  let query = db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .leftJoin('clients as c', 'c.id', 'a.client_id')
    .leftJoin('strategy_states as s', 's.account_id', 'a.id')
    .select([
      'a.id as id',
      'a.external_id as externalId',
      'd.external_id as debtor',
      'c.external_id as client',
      'a.status as status',
      's.stage as stage',
      'a.currency as currency',
      'a.jurisdiction as jurisdiction',
      'a.debt_kind as debtKind',
      'a.opened_on as openedOn',
      'a.due_on as dueOn',
      'a.charge_off_on as chargeOffOn',
      'a.closed_on as closedOn',
    ])
    .select((eb) =>
      eb
        .selectFrom('ledger_entries as l')
        .select(sql<number>`coalesce(sum(l.amount_minor), 0)`.as('b'))
        .whereRef('l.account_id', '=', 'a.id')
        .as('balanceMinor'),
    )
    .where('a.tenant_id', '=', tenantId)
  if (clientIds !== undefined)
    query =
      clientIds.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('a.client_id', 'in', clientIds)
  return query
}

const toSummary = <R extends { balanceMinor: unknown }>(row: R) => ({
  ...row,
  balanceMinor: Number(row.balanceMinor ?? 0),
})

/** One page of the tenant's accounts, filtered and sorted (one query, the balance a correlated sum). */
export async function listAccountRows(
  db: Kysely<Database>,
  tenantId: number,
  filter: AccountFilter,
  page: PageRequest<AccountSort>,
): Promise<Page<AccountSummaryRow>> {
  const column = ACCOUNT_COLUMNS[page.sort.field]
  let query = accountQuery(db, tenantId, filter.clientIds)
  if (filter.status !== undefined) query = query.where('a.status', '=', filter.status)
  if (filter.stage !== undefined) query = query.where('s.stage', '=', filter.stage)
  if (filter.client !== undefined) query = query.where('c.external_id', '=', filter.client)
  if (filter.currency !== undefined) query = query.where('a.currency', '=', filter.currency)
  if (filter.jurisdiction !== undefined) query = query.where('a.jurisdiction', '=', filter.jurisdiction)
  if (filter.debtor !== undefined) query = query.where('d.external_id', '=', filter.debtor)
  if (filter.dueOnOrBefore !== undefined) query = query.where('a.due_on', '<=', filter.dueOnOrBefore)
  const rows = await query
    .select(sortValue(column).as('sort_value'))
    .where(keysetAfter(column, 'a.id', page))
    .orderBy(keysetOrder(column, 'a.id', page))
    .limit(page.limit + 1)
    .execute()
  const cut = cutPage(rows.map(toSummary), page)
  return { items: cut.items as AccountSummaryRow[], nextCursor: cut.nextCursor }
}

/**
 * The detail's own columns (the summary's without the balance, which the components give), as the
 * statement groups by them; its select list names each with its alias, in this order.
 */
const DETAIL_COLUMNS = [
  'a.id',
  'a.external_id',
  'd.external_id',
  'c.external_id',
  'a.client_id',
  'a.status',
  's.stage',
  'a.currency',
  'a.jurisdiction',
  'a.debt_kind',
  'a.opened_on',
  'a.due_on',
  'a.charge_off_on',
  'a.closed_on',
  'a.original_creditor',
  'a.current_creditor',
  'a.close_reason',
  's.stage_entered_on',
  'd.name',
] as const

/** The ledger components in the order the detail lists them (that of `order by component`). */
const COMPONENTS = [
  'cost',
  'credit',
  'fee',
  'interest',
  'principal',
] as const satisfies readonly LedgerComponent[]

/**
 * The account read is the API's hottest GET: one statement, built and compiled once, gives the
 * detail's columns and the balance of each component (`sum_<component>`: null when the account has
 * no entry of it, so a component whose entries sum to zero is still listed). One statement instead of
 * the detail and a grouped query of its entries: one round trip on PostgreSQL, and on SQLite no
 * temporary B-tree for the grouping.
 */
const accountDetail = preparedQuery((db, tenantId: number, externalId: string) =>
  db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .leftJoin('clients as c', 'c.id', 'a.client_id')
    .leftJoin('strategy_states as s', 's.account_id', 'a.id')
    .leftJoin('ledger_entries as l', (join) =>
      join.onRef('l.account_id', '=', 'a.id').onRef('l.tenant_id', '=', 'a.tenant_id'),
    )
    .select([
      'a.id as id',
      'a.external_id as externalId',
      'd.external_id as debtor',
      'c.external_id as client',
      'a.client_id as clientId',
      'a.status as status',
      's.stage as stage',
      'a.currency as currency',
      'a.jurisdiction as jurisdiction',
      'a.debt_kind as debtKind',
      'a.opened_on as openedOn',
      'a.due_on as dueOn',
      'a.charge_off_on as chargeOffOn',
      'a.closed_on as closedOn',
      'a.original_creditor as originalCreditor',
      'a.current_creditor as currentCreditor',
      'a.close_reason as closeReason',
      's.stage_entered_on as stageEnteredOn',
      'd.name as debtorName',
    ])
    .select(
      COMPONENTS.map((component) =>
        sql<
          number | string | null
        >`sum(case when l.component = ${sql.lit(component)} then l.amount_minor end)`.as(`sum_${component}`),
      ),
    )
    .where('a.tenant_id', '=', tenantId)
    .where('a.external_id', '=', externalId)
    // Every column of the select list (PostgreSQL groups by each; one account row either way).
    .groupBy([...DETAIL_COLUMNS]),
)

/**
 * The account with this external id as its detail shows it, with its balance per component (the
 * balance is their sum); or undefined, also when the account's client is outside `clientIds`.
 */
export async function accountDetailRow(
  db: Kysely<Database>,
  tenantId: number,
  externalId: string,
  clientIds: readonly number[] | undefined,
) {
  const [found] = await accountDetail(db, tenantId, externalId)
  if (!found) return undefined
  const { clientId, sum_cost, sum_credit, sum_fee, sum_interest, sum_principal, ...row } = found
  if (clientIds !== undefined && (clientId === null || !clientIds.includes(Number(clientId))))
    return undefined
  const sums = [sum_cost, sum_credit, sum_fee, sum_interest, sum_principal]
  const components: { component: LedgerComponent; balanceMinor: number }[] = []
  let balanceMinor = 0
  for (let i = 0; i < COMPONENTS.length; i++) {
    const sum = sums[i]
    if (sum === null || sum === undefined) continue
    // PostgreSQL's sum of a bigint is a numeric, which arrives as text.
    const minor = Number(sum)
    components.push({ component: COMPONENTS[i] as LedgerComponent, balanceMinor: minor })
    balanceMinor += minor
  }
  return { ...row, balanceMinor, components }
}

/** The internal id and client of the tenant's account with this external id, inside the agency scope. */
export async function accountRefRow(
  db: Kysely<Database>,
  tenantId: number,
  externalId: string,
  clientIds: readonly number[] | undefined,
): Promise<{ id: number; currency: string } | undefined> {
  let query = db
    .selectFrom('accounts')
    .select(['id', 'currency'])
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', externalId)
  if (clientIds !== undefined)
    query =
      clientIds.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('client_id', 'in', clientIds)
  return query.executeTakeFirst()
}
