import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { LocalDate } from '../core/calendar/local-date.ts'
import { DEFAULT_BUCKET_BOUNDS } from '../core/delinquency/aging-buckets.ts'
import { dialectOf } from './dialect.ts'
import type { Database } from './schema.ts'

/** Count and balance of one (client, currency, bucket) cell of the aging report. */
export interface AgingCell {
  clientId: number | null
  currency: string
  bucket: number
  accounts: number
  balanceMinor: number
}

/** Whole days from an account's due date to the as-of date, in each database's date arithmetic. */
export function daysPastDueSql(db: Kysely<Database>, asOf: LocalDate): RawBuilder<number> {
  return dialectOf(db as Kysely<unknown>) === 'postgres'
    ? sql<number>`(${asOf}::date - a.due_on)`
    : sql<number>`cast(julianday(${asOf}) - julianday(a.due_on) as integer)`
}

/** SQL CASE mapping days past due to a bucket index (0 = current), from the bucket upper bounds. */
export function bucketCaseSql(dpd: RawBuilder<number>, bounds: readonly number[]): RawBuilder<number> {
  const whens = bounds.map((bound, i) => sql`when ${dpd} <= ${sql.lit(bound)} then ${sql.lit(i + 1)}`)
  return sql<number>`case when ${dpd} <= 0 then 0 ${sql.join(whens, sql` `)} else ${sql.lit(bounds.length + 1)} end`
}

/**
 * Aging of a tenant's receivables as of a date, in one SQL statement: each account's balance is the
 * sum of its ledger entries effective on or before the date (never a stored balance), accounts that
 * owe nothing then are left out, and the rest are counted per client, currency and DPD bucket.
 */
export async function agingCells(
  db: Kysely<Database>,
  options: { tenantId: number; asOf: LocalDate; bounds?: readonly number[] },
): Promise<AgingCell[]> {
  const { tenantId, asOf } = options
  const bucket = bucketCaseSql(daysPastDueSql(db, asOf), options.bounds ?? DEFAULT_BUCKET_BOUNDS)
  const result = await sql<{
    client_id: number | null
    currency: string
    bucket: number
    accounts: number
    balance: number
  }>`
    select client_id, currency, bucket, count(*) as accounts, sum(balance) as balance
    from (
      select a.client_id, a.currency, ${bucket} as bucket,
        (select sum(l.amount_minor) from ledger_entries l where l.account_id = a.id and l.effective_on <= ${asOf}) as balance
      from accounts a
      where a.tenant_id = ${tenantId} and a.opened_on <= ${asOf}
    ) owed
    where balance > 0
    group by client_id, currency, bucket
    order by currency, client_id, bucket`.execute(db)
  return result.rows.map((row) => ({
    clientId: row.client_id === null ? null : Number(row.client_id),
    currency: row.currency,
    bucket: Number(row.bucket),
    accounts: Number(row.accounts),
    balanceMinor: Number(row.balance),
  }))
}

/** Names of the given clients of a tenant, for labelling per-client report rows. */
export async function clientNames(
  db: Kysely<Database>,
  tenantId: number,
  ids: number[],
): Promise<Map<number, { externalId: string; name: string }>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('clients')
    .select(['id', 'external_id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [Number(r.id), { externalId: r.external_id, name: r.name }]))
}
