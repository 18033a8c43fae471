import { type Kysely, sql } from 'kysely'
import type { ArmFigures } from '../../core/analytics/champion-challenger.ts'
import type { LocalDate } from '../../core/calendar/local-date.ts'
import { dialectOf } from '../dialect.ts'
import type { Database } from '../schema.ts'
import { jsonTextSql } from './report-sql.ts'

/**
 * The champion/challenger arms as of a day, in one statement: each account by its first decision
 * (how it entered treatment: playbook, the trace's segment, variant, day) up to `asOf`, with its
 * balance at entry, what it paid after entry up to `asOf` and whether it owed nothing on `asOf`,
 * summed per playbook, segment, currency and variant. The same figures `championChallenger` computes
 * from an indexed history.
 */
export async function loadTreatmentArms(
  db: Kysely<Database>,
  tenantId: number,
  asOf: LocalDate,
): Promise<ArmFigures[]> {
  const pg = dialectOf(db as unknown as Kysely<unknown>) === 'postgres'
  const segment = jsonTextSql(db as unknown as Kysely<unknown>, sql.ref('d.trace'), 'segment')
  const zeroFloor = pg ? sql`greatest(0, coalesce(at_entry, 0))` : sql`max(0, coalesce(at_entry, 0))`
  // PostgreSQL sums bigints into numeric; the squares go through float8 so the driver returns a number.
  const squares = pg
    ? sql`sum(coalesce(collected, 0)::float8 * coalesce(collected, 0))`
    : sql`sum(coalesce(collected, 0) * coalesce(collected, 0))`
  const result = await sql<ArmFigures>`with firsts as (
      select min(id) as id from decisions where tenant_id = ${tenantId} and error is null group by account_id),
    per as (
      select d.playbook_id, ${segment} as segment, a.currency, d.variant,
        sum(case when l.effective_on <= d.as_of then l.amount_minor else 0 end) as at_entry,
        sum(case when l.effective_on <= ${asOf} then l.amount_minor else 0 end) as now_owed,
        sum(case when l.kind = 'payment' and l.amount_minor < 0 and l.effective_on > d.as_of
          and l.effective_on <= ${asOf} then -l.amount_minor else 0 end) as collected
      from firsts
      join decisions d on d.id = firsts.id
      join accounts a on a.id = d.account_id
      left join ledger_entries l on l.account_id = d.account_id
      where d.as_of <= ${asOf}
      group by d.id, d.playbook_id, d.trace, a.currency, d.variant)
    select playbook_id as "playbookId", segment as "segment", currency as "currency", variant as "variant",
      count(*) as "accounts", sum(${zeroFloor}) as "placedMinor", sum(coalesce(collected, 0)) as "collectedMinor",
      ${squares} as "collectedSquares", sum(case when coalesce(now_owed, 0) <= 0 then 1 else 0 end) as "cured"
    from per group by 1, 2, 3, 4`.execute(db)
  return result.rows
}
