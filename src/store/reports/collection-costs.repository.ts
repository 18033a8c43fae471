import { type Kysely, sql } from 'kysely'
import type { ContactUnits, CostMonth } from '../../core/analytics/cost-to-collect.ts'
import type { LocalDate } from '../../core/calendar/local-date.ts'
import { dialectOf } from '../dialect.ts'
import type { Database } from '../schema.ts'
import type { InstantWindow } from './local-time-sql.ts'

/**
 * Contacts that cost something, per month (tenant's zone), currency of the account and channel:
 * emails, texts and letters sent (a consolidated message naming several accounts counts once per
 * currency it names) and call tasks worked (by the time of their outcome).
 */
export async function contactUnits(db: Kysely<Database>, w: InstantWindow): Promise<ContactUnits[]> {
  const sentMonth = sql<string>`substr(${w.clock.stamp(sql.ref('o.sent_at'))}, 1, 7)`
  const calledMonth = sql<string>`substr(${w.clock.stamp(sql.ref('t.outcome_at'))}, 1, 7)`
  const result = await sql<{ month: string; currency: string; channel: string; units: number }>`
    select ${sentMonth} as month, a.currency, o.channel, count(distinct coalesce(o.message_id, -o.id)) as units
    from outbox o
    join accounts a on a.id = o.account_id
    where o.tenant_id = ${w.tenantId} and o.status = 'sent' and o.channel in ('email', 'sms', 'letter')
      and o.sent_at >= ${w.fromIso} and o.sent_at < ${w.toIso}
    group by 1, 2, 3
    union all
    select ${calledMonth} as month, a.currency, 'call' as channel, count(*) as units
    from call_tasks t
    join accounts a on a.id = t.account_id
    where t.tenant_id = ${w.tenantId} and t.outcome is not null
      and t.outcome_at >= ${w.fromIso} and t.outcome_at < ${w.toIso}
    group by 1, 2, 3`.execute(db)
  return result.rows.map((r) => ({
    month: r.month,
    currency: r.currency,
    channel: r.channel,
    units: Number(r.units),
  }))
}

/** Costs posted to the accounts (ledger component `cost`: legal and court costs) per value-date month. */
export async function postedCosts(
  db: Kysely<Database>,
  tenantId: number,
  from: LocalDate,
  to: LocalDate,
): Promise<CostMonth[]> {
  const month =
    dialectOf(db as Kysely<unknown>) === 'postgres'
      ? sql<string>`to_char(e.effective_on, 'YYYY-MM')`
      : sql<string>`substr(e.effective_on, 1, 7)`
  const result = await sql<{ month: string; currency: string; costs: number }>`
    select ${month} as month, a.currency, sum(e.amount_minor) as costs
    from ledger_entries e
    join accounts a on a.id = e.account_id
    where e.tenant_id = ${tenantId} and e.component = 'cost' and e.amount_minor > 0
      and e.effective_on >= ${`${from.slice(0, 7)}-01`} and e.effective_on <= ${to}
    group by 1, 2`.execute(db)
  return result.rows.map((r) => ({ month: r.month, currency: r.currency, costsMinor: Number(r.costs) }))
}

/**
 * Partner commissions charged (migration 0030: contingency per remitted collection, fixed fees at
 * placement or with the first collection) per month of the day charged and currency.
 */
export async function commissionCosts(
  db: Kysely<Database>,
  tenantId: number,
  from: LocalDate,
  to: LocalDate,
): Promise<CostMonth[]> {
  const month =
    dialectOf(db as Kysely<unknown>) === 'postgres'
      ? sql<string>`to_char(c.charged_on, 'YYYY-MM')`
      : sql<string>`substr(c.charged_on, 1, 7)`
  const result = await sql<{ month: string; currency: string; costs: number }>`
    select ${month} as month, c.currency, sum(c.amount_minor) as costs
    from placement_commissions c
    where c.tenant_id = ${tenantId}
      and c.charged_on >= ${`${from.slice(0, 7)}-01`} and c.charged_on <= ${to}
    group by 1, 2`.execute(db)
  return result.rows.map((r) => ({ month: r.month, currency: r.currency, costsMinor: Number(r.costs) }))
}
