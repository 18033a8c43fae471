import { type Kysely, sql } from 'kysely'
import type { LedgerMonth } from '../../core/analytics/recovery-rates.ts'
import type { LocalDate } from '../../core/calendar/local-date.ts'
import { dialectOf } from '../dialect.ts'
import type { Database } from '../schema.ts'

/**
 * Whether reversal `e` undoes a payment (not a fee or a write-off). Looked up only for reversals (in a
 * CASE branch), so the pass over the ledger joins nothing for the other entries.
 */
export const reversesPayment = sql<boolean>`exists (select 1 from ledger_entries r where r.id = e.reverses_id and r.kind = 'payment')`

/**
 * The tenant's ledger summed per currency and value-date month, up to `to`, in one grouped pass: the
 * change in what is owed (every component but credit balances), new charges (charges, fees and
 * interest), the amount placed (charges) and what was collected (payments, less payment reversals in
 * the month of the reversal's value date). Without `from`, the months before the window are kept: they
 * make the opening balances; with it, only the months from `from`'s on are read.
 */
export async function ledgerMonths(
  db: Kysely<Database>,
  tenantId: number,
  to: LocalDate,
  from?: LocalDate,
): Promise<LedgerMonth[]> {
  const month =
    dialectOf(db as Kysely<unknown>) === 'postgres'
      ? sql<string>`to_char(e.effective_on, 'YYYY-MM')`
      : sql<string>`substr(e.effective_on, 1, 7)`
  const result = await sql<{
    currency: string
    month: string
    owed_change: number
    charged: number
    placed: number
    collected: number
  }>`
    select a.currency, ${month} as month,
      sum(case when e.component <> 'credit' then e.amount_minor else 0 end) as owed_change,
      sum(case when e.kind in ('charge', 'fee', 'interest') and e.amount_minor > 0 then e.amount_minor else 0 end) as charged,
      sum(case when e.kind = 'charge' then e.amount_minor else 0 end) as placed,
      sum(case when e.kind = 'payment' then -e.amount_minor
               when e.kind = 'reversal' and ${reversesPayment} then -e.amount_minor else 0 end) as collected
    from ledger_entries e
    join accounts a on a.id = e.account_id
    where e.tenant_id = ${tenantId} and e.effective_on <= ${to}
      ${from === undefined ? sql`` : sql`and e.effective_on >= ${`${from.slice(0, 7)}-01`}`}
    group by 1, 2
    order by 1, 2`.execute(db)
  return result.rows.map((r) => ({
    currency: r.currency,
    month: r.month,
    owedChangeMinor: Number(r.owed_change),
    chargedMinor: Number(r.charged),
    placedMinor: Number(r.placed),
    collectedMinor: Number(r.collected),
  }))
}
