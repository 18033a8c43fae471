import { type Kysely, sql } from 'kysely'
import type { Page, PageRequest } from '../../core/paging/page-cursor.ts'
import { dialectOf } from '../dialect.ts'
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

/** The ledger components in the order the detail lists them (that of `order by component`). */
const COMPONENTS = [
  'cost',
  'credit',
  'fee',
  'interest',
  'principal',
] as const satisfies readonly LedgerComponent[]

/** The detail's own columns (the summary's without the balance, which the components give). */
function accountDetailQuery(db: Kysely<Database>, tenantId: number, externalId: string) {
  return db
    .selectFrom('accounts as a')
    .innerJoin('debtors as d', 'd.id', 'a.debtor_id')
    .leftJoin('clients as c', 'c.id', 'a.client_id')
    .leftJoin('strategy_states as s', 's.account_id', 'a.id')
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
    .where('a.tenant_id', '=', tenantId)
    .where('a.external_id', '=', externalId)
}

/**
 * The balance of each component over ledger entries `l`, as `sum_<component>`: null when there is no
 * entry of it, so a component whose entries sum to zero is still listed (as the grouped form lists
 * it). A sum of bigints is a numeric on PostgreSQL, which arrives as text.
 */
const componentSums = COMPONENTS.map((component) =>
  sql<number | string | null>`sum(case when l.component = ${sql.lit(component)} then l.amount_minor end)`.as(
    `sum_${component}`,
  ),
)

// The account read is the API's hottest GET; its statements are built and compiled once. On
// PostgreSQL one statement gives the detail and the sums (one round trip instead of two; grouped by
// the joined tables' primary keys, on which every selected column depends). On SQLite, where a round
// trip costs nothing, the detail and its entries grouped by component are two statements: measured,
// the join with its aggregate costs more than the second statement.
const accountDetailWithSums = preparedQuery((db, tenantId: number, externalId: string) =>
  accountDetailQuery(db, tenantId, externalId)
    .leftJoin('ledger_entries as l', (join) =>
      join.onRef('l.account_id', '=', 'a.id').onRef('l.tenant_id', '=', 'a.tenant_id'),
    )
    .select(componentSums)
    .groupBy(['a.id', 'd.id', 'c.id', 's.account_id']),
)
const accountDetail = preparedQuery((db, tenantId: number, externalId: string) =>
  accountDetailQuery(db, tenantId, externalId),
)
const accountComponents = preparedQuery((db, tenantId: number, accountId: number) =>
  db
    .selectFrom('ledger_entries')
    .select(['component', sql<number>`coalesce(sum(amount_minor), 0)`.as('minor')])
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .groupBy('component')
    .orderBy('component'),
)

type ComponentSums = { [K in (typeof COMPONENTS)[number] as `sum_${K}`]: number | string | null }

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
  const postgres = dialectOf(db as Kysely<unknown>) === 'postgres'
  const [found] = postgres
    ? await accountDetailWithSums(db, tenantId, externalId)
    : await accountDetail(db, tenantId, externalId)
  if (!found) return undefined
  const { clientId, ...row } = found
  if (clientIds !== undefined && (clientId === null || !clientIds.includes(Number(clientId))))
    return undefined
  if (postgres) {
    const { sum_cost, sum_credit, sum_fee, sum_interest, sum_principal, ...detail } = row as typeof row &
      ComponentSums
    return withComponents(detail, { sum_cost, sum_credit, sum_fee, sum_interest, sum_principal })
  }
  const components = (await accountComponents(db, tenantId, row.id)).map((c) => ({
    component: c.component as LedgerComponent,
    balanceMinor: Number(c.minor),
  }))
  return { ...row, balanceMinor: components.reduce((sum, c) => sum + c.balanceMinor, 0), components }
}

/** The detail with its components (those with entries, in COMPONENTS order) and their total. */
function withComponents<T extends object>(detail: T, sums: ComponentSums) {
  const components: { component: LedgerComponent; balanceMinor: number }[] = []
  let balanceMinor = 0
  for (const component of COMPONENTS) {
    const sum = sums[`sum_${component}`]
    if (sum === null || sum === undefined) continue
    const minor = Number(sum)
    components.push({ component, balanceMinor: minor })
    balanceMinor += minor
  }
  return { ...detail, balanceMinor, components }
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
