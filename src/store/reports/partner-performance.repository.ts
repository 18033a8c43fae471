import { type Kysely, sql } from 'kysely'
import type { PlacementOutcome } from '../../core/analytics/partner-performance.ts'
import type { LocalDate } from '../../core/calendar/local-date.ts'
import type { Database } from '../schema.ts'

/**
 * Each placement made in the window (placement day from the first of `from`'s month to `to`) with
 * its balance placed, what the partner collected on it (booked remittance lines), the commission
 * charged on it and its first day paid: one grouped statement, the fold groups them by month.
 */
export async function placementOutcomes(
  db: Kysely<Database>,
  tenantId: number,
  from: LocalDate,
  to: LocalDate,
): Promise<PlacementOutcome[]> {
  const result = await sql<{
    partner: string
    placed_on: string | Date
    currency: string
    balance: number | string
    collected: number | string | null
    commission: number | string | null
    first_paid: string | Date | null
  }>`
    select r.code as partner, p.placed_on, p.currency, p.balance_minor as balance,
      (select sum(l.collected_minor) from remittance_lines l
        where l.placement_id = p.id and l.payment_id is not null) as collected,
      (select sum(c.amount_minor) from placement_commissions c where c.placement_id = p.id) as commission,
      (select min(l.paid_on) from remittance_lines l
        where l.placement_id = p.id and l.payment_id is not null) as first_paid
    from placements p
    join partners r on r.id = p.partner_id
    where p.tenant_id = ${tenantId}
      and p.placed_on >= ${`${from.slice(0, 7)}-01`} and p.placed_on <= ${to}
    order by p.id`.execute(db)
  const day = (v: string | Date) =>
    v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10)
  return result.rows.map((r) => ({
    partner: r.partner,
    placedOn: day(r.placed_on),
    currency: r.currency,
    placedBalanceMinor: Number(r.balance),
    collectedMinor: Number(r.collected ?? 0),
    commissionMinor: Number(r.commission ?? 0),
    firstPaidOn: r.first_paid === null ? null : day(r.first_paid),
  }))
}
