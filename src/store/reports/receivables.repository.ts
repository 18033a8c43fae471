import { type Kysely, sql } from 'kysely'
import { monthEndsBetween } from '../../core/analytics/month-ends.ts'
import type { MonthFigures } from '../../core/analytics/receivables-kpis.ts'
import { dayNumber, fromDayNumber, type LocalDate } from '../../core/calendar/local-date.ts'
import { dialectOf } from '../dialect.ts'
import type { Database } from '../schema.ts'
import { dateLiteralSql, pickSql } from './report-sql.ts'

/**
 * DSO/CEI figures of the commercial accounts per month of the window and currency, in one statement:
 * one pass over their ledger gives each account's balance at every month boundary and its payments
 * and charges within each month (the wide form, materialised once: joining the ledger per month, or
 * letting SQLite re-run the pass per month, took minutes at a million accounts), then each month
 * sums the accounts opened by its end. The same figures `receivablesFigures` computes from an index.
 */
export async function loadReceivablesFigures(
  db: Kysely<Database>,
  tenantId: number,
  from: LocalDate,
  to: LocalDate,
): Promise<MonthFigures[]> {
  const any = db as unknown as Kysely<unknown>
  const ends = monthEndsBetween(from, to)
  const first = dayNumber(`${fromDayNumber(ends[0] as number).slice(0, 7)}-01`) - 1
  const days = [first, ...ends].map((d) => dateLiteralSql(any, fromDayNumber(d)))
  const sums = days.map(
    (d, i) =>
      sql`sum(case when l.effective_on <= ${d} then l.amount_minor else 0 end) as ${sql.raw(`b${i}`)}`,
  )
  ends.forEach((_, m) => {
    const within = sql`l.effective_on > ${days[m]} and l.effective_on <= ${days[m + 1]}`
    sums.push(
      sql`sum(case when l.kind = 'payment' and l.amount_minor < 0 and ${within} then -l.amount_minor else 0 end) as ${sql.raw(`p${m}`)}`,
      sql`sum(case when l.kind = 'charge' and ${within} then l.amount_minor else 0 end) as ${sql.raw(`c${m}`)}`,
    )
  })
  const greatest = dialectOf(any) === 'postgres' ? 'greatest' : 'max'
  const pick = (column: (m: number) => string) => pickSql(sql.ref('x.m'), ends.length, column)
  const owedAt = (offset: number) =>
    sql`${sql.raw(greatest)}(0, coalesce(${pick((m) => `w.b${m + offset}`)}, 0))`
  const monthRows = ends.map((e, m) => sql`(${sql.lit(m)}, ${dateLiteralSql(any, fromDayNumber(e))})`)
  const result = await sql<MonthFigures>`with w as materialized (
      select a.id, a.currency, a.opened_on, a.due_on, ${sql.join(sums)}
      from accounts a left join ledger_entries l on l.account_id = a.id
      where a.tenant_id = ${tenantId} and a.debt_kind = 'commercial'
      group by a.id, a.currency, a.opened_on, a.due_on),
    ends (m, e) as (values ${sql.join(monthRows)})
    select x.m as "m", w.currency as "currency", sum(${owedAt(0)}) as "opening",
      sum(coalesce(${pick((m) => `w.c${m}`)}, 0)) as "sales",
      sum(coalesce(${pick((m) => `w.p${m}`)}, 0)) as "collected", sum(${owedAt(1)}) as "closing",
      sum(case when x.e <= w.due_on then ${owedAt(1)} else 0 end) as "closingCurrent"
    from w join ends x on w.opened_on <= x.e
    group by 1, 2`.execute(db)
  return result.rows
}
