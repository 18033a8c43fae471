import { type Kysely, sql } from 'kysely'
import type { VintageGroup, VintagePaid } from '../../core/analytics/vintages.ts'
import type { LocalDate } from '../../core/calendar/local-date.ts'
import type { Database } from '../schema.ts'
import { monthOfSql } from './report-sql.ts'

/**
 * The vintages of the accounts opened from `from` to `asOf`, grouped in the database: per placement
 * month and currency the accounts and their charges (the amount placed), and their payments by value
 * month up to `asOf`. What `vintageTable` folds into curves; the same figures `vintageCurves` computes
 * from an indexed history.
 */
export async function loadVintageFigures(
  db: Kysely<Database>,
  tenantId: number,
  from: LocalDate,
  asOf: LocalDate,
): Promise<{ groups: VintageGroup[]; paid: VintagePaid[] }> {
  const any = db as unknown as Kysely<unknown>
  const placedMonth = monthOfSql(any, sql.ref('a.opened_on'))
  const inWindow = sql`a.tenant_id = ${tenantId} and a.opened_on >= ${from} and a.opened_on <= ${asOf}`
  const [groups, paid] = await Promise.all([
    sql<VintageGroup>`select ${placedMonth} as "month", a.currency as "currency", count(*) as "accounts",
        coalesce(sum(c.charged), 0) as "placedMinor"
      from accounts a
      left join (select account_id, sum(amount_minor) as charged from ledger_entries
        where tenant_id = ${tenantId} and kind = 'charge' group by account_id) c on c.account_id = a.id
      where ${inWindow}
      group by 1, 2`.execute(db),
    sql<VintagePaid>`select ${placedMonth} as "month", a.currency as "currency",
        ${monthOfSql(any, sql.ref('l.effective_on'))} as "paidMonth", sum(-l.amount_minor) as "paidMinor"
      from accounts a join ledger_entries l on l.account_id = a.id
      where ${inWindow} and l.kind = 'payment' and l.amount_minor < 0 and l.effective_on <= ${asOf}
      group by 1, 2, 3`.execute(db),
  ])
  return { groups: groups.rows, paid: paid.rows }
}
