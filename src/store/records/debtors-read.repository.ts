import { type Kysely, sql, type Transaction } from 'kysely'
import type { PageRequest } from '../../core/paging/page-cursor.ts'
import { dialectOf } from '../dialect.ts'
import { keysetAfter, keysetOrder } from '../paging.ts'
import type { ConsentState, Database } from '../schema.ts'
import { cutPage, type SortColumns, sortValue } from './record-page.ts'

type Db = Kysely<Database> | Transaction<Database>

/** PostgreSQL locks the row an update reads first; SQLite runs one write transaction at a time anyway. */
const locks = (db: Db, lock: boolean) => lock && dialectOf(db as unknown as Kysely<unknown>) === 'postgres'

export const DEBTOR_SORTS = ['name', 'externalId'] as const
export type DebtorSort = (typeof DEBTOR_SORTS)[number]
const DEBTOR_COLUMNS: SortColumns<DebtorSort> = { name: 'd.name', externalId: 'd.external_id' }

/** The filters of the debtor list; `clientIds` is the agency scope (debtors with an account held for one). */
export interface DebtorFilter {
  /** Names starting with this text (case as stored). */
  readonly namePrefix?: string
  readonly externalId?: string
  readonly clientIds?: readonly number[]
}

const debtorColumns = [
  'd.id as id',
  'd.external_id as externalId',
  'd.kind as kind',
  'd.name as name',
  'd.given_name as givenName',
  'd.family_name as familyName',
  'd.preferred_language as preferredLanguage',
  'd.stated_time_zone as statedTimeZone',
] as const

/** Limits a debtor query to debtors with an account held for one of `clientIds` (the agency case). */
function inScope(clientIds: readonly number[] | undefined) {
  return (query: ReturnType<typeof debtorBase>) => {
    if (clientIds === undefined) return query
    if (clientIds.length === 0) return query.where(sql<boolean>`1 = 0`)
    return query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('accounts as a')
          .select('a.id')
          .whereRef('a.debtor_id', '=', 'd.id')
          .where('a.client_id', 'in', clientIds),
      ),
    )
  }
}

function debtorBase(db: Db, tenantId: number) {
  return db.selectFrom('debtors as d').select(debtorColumns).where('d.tenant_id', '=', tenantId)
}

/** Escapes LIKE wildcards so a name prefix matches literally. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** One page of the tenant's debtors (one query). */
export async function listDebtorRows(
  db: Db,
  tenantId: number,
  filter: DebtorFilter,
  page: PageRequest<DebtorSort>,
) {
  const column = DEBTOR_COLUMNS[page.sort.field]
  let query = inScope(filter.clientIds)(debtorBase(db, tenantId))
  if (filter.externalId !== undefined) query = query.where('d.external_id', '=', filter.externalId)
  if (filter.namePrefix !== undefined)
    query = query.where(sql<boolean>`d.name LIKE ${likePrefix(filter.namePrefix)} ESCAPE '\\'`)
  const rows = await query
    .select(sortValue(column).as('sort_value'))
    .where(keysetAfter(column, 'd.id', page))
    .orderBy(keysetOrder(column, 'd.id', page))
    .limit(page.limit + 1)
    .execute()
  return cutPage(rows, page)
}

export type DebtorRow = Awaited<ReturnType<typeof listDebtorRows>>['items'][number]

/** The tenant's debtor with this external id (inside the agency scope), or undefined. */
export async function debtorRow(
  db: Db,
  tenantId: number,
  externalId: string,
  clientIds: readonly number[] | undefined,
  lock = false,
): Promise<DebtorRow | undefined> {
  return inScope(clientIds)(debtorBase(db, tenantId))
    .where('d.external_id', '=', externalId)
    .$if(locks(db, lock), (qb) => qb.forUpdate())
    .executeTakeFirst()
}

/** A contact point as the API shows it (consent, opt-out, zone, deliverability). */
export interface ContactPointRow {
  id: number
  debtorId: number
  kind: string
  phoneType: string | null
  value: string
  consent: ConsentState
  consentAt: string | null
  optedOutAt: string | null
  timeZone: string | null
  undeliverableAt: string | null
}

const contactColumns = [
  'cp.id as id',
  'cp.debtor_id as debtorId',
  'cp.kind as kind',
  'cp.phone_type as phoneType',
  'cp.value as value',
  'cp.consent as consent',
  'cp.consent_at as consentAt',
  'cp.opted_out_at as optedOutAt',
  'cp.time_zone as timeZone',
  'cp.undeliverable_at as undeliverableAt',
] as const

/** The debtor's contact points and addresses (two queries). */
export async function debtorContactRows(db: Db, tenantId: number, debtorId: number) {
  const contactPoints = await db
    .selectFrom('contact_points as cp')
    .select(contactColumns)
    .where('cp.tenant_id', '=', tenantId)
    .where('cp.debtor_id', '=', debtorId)
    .orderBy('cp.id')
    .execute()
  const addresses = await db
    .selectFrom('debtor_addresses')
    .select([
      'id',
      'line1',
      'line2',
      'city',
      'region',
      'postal_code as postalCode',
      'country',
      'time_zone as timeZone',
      'is_primary as isPrimary',
    ])
    .where('tenant_id', '=', tenantId)
    .where('debtor_id', '=', debtorId)
    .orderBy('id')
    .execute()
  return {
    contactPoints: contactPoints as ContactPointRow[],
    addresses: addresses.map((a) => ({ ...a, isPrimary: Boolean(a.isPrimary) })),
  }
}

/** The tenant's contact point with this id, its debtor inside the agency scope; or undefined. */
export async function contactPointRow(
  db: Db,
  tenantId: number,
  id: number,
  clientIds: readonly number[] | undefined,
  lock = false,
): Promise<ContactPointRow | undefined> {
  let query = db
    .selectFrom('contact_points as cp')
    .select(contactColumns)
    .where('cp.tenant_id', '=', tenantId)
    .where('cp.id', '=', id)
  if (clientIds !== undefined)
    query =
      clientIds.length === 0
        ? query.where(sql<boolean>`1 = 0`)
        : query.where((eb) =>
            eb.exists(
              eb
                .selectFrom('accounts as a')
                .select('a.id')
                .whereRef('a.debtor_id', '=', 'cp.debtor_id')
                .where('a.client_id', 'in', clientIds),
            ),
          )
  return (await query.$if(locks(db, lock), (qb) => qb.forUpdate()).executeTakeFirst()) as
    | ContactPointRow
    | undefined
}

/** Sets a debtor's preferences. */
export async function updateDebtorRow(
  trx: Transaction<Database>,
  id: number,
  set: { preferred_language?: string | null; stated_time_zone?: string | null },
): Promise<void> {
  if (Object.keys(set).length === 0) return
  await trx.updateTable('debtors').set(set).where('id', '=', id).execute()
}

/** Sets a contact point's consent and zone. */
export async function updateContactPointRow(
  trx: Transaction<Database>,
  id: number,
  set: { consent?: ConsentState; consent_at?: string; opted_out_at?: string; time_zone?: string | null },
): Promise<void> {
  if (Object.keys(set).length === 0) return
  await trx.updateTable('contact_points').set(set).where('id', '=', id).execute()
}
