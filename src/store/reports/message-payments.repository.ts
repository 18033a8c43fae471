import { type Kysely, sql } from 'kysely'
import type { MessagePaymentGroup } from '../../core/analytics/channel-effectiveness.ts'
import { dialectOf } from '../dialect.ts'
import type { Database } from '../schema.ts'
import type { InstantWindow } from './local-time-sql.ts'
import { collectedMinor, reversedPayment } from './recovery.repository.ts'

/**
 * Messages sent in the window (emails, texts and letters: outbox rows the dispatcher sent) with what
 * their account paid from the day of sending to `withinDays` days after it (tenant's zone; payments
 * less payment reversals, by value date), counted per dimension (channel, template, tone, local hour
 * of sending) and currency in one statement: messages, accounts messaged, accounts that paid, amount.
 * A payment counts for every message sent in the days before it. The payments are joined and grouped
 * per message (not a correlated sub-select: PostgreSQL's cost of one per message crossed the JIT
 * thresholds), in a `materialized` CTE (SQLite 3.53 would otherwise inline it into every dimension).
 */
export async function messagePaymentGroups(
  db: Kysely<Database>,
  w: InstantWindow,
  withinDays: number,
): Promise<MessagePaymentGroup[]> {
  const pg = dialectOf(db as Kysely<unknown>) === 'postgres'
  const field = (name: string) =>
    pg ? sql<string>`(o.payload::jsonb ->> ${name})` : sql<string>`json_extract(o.payload, ${`$.${name}`})`
  const sentAt = sql.ref('o.sent_at')
  const day = w.clock.day(sentAt)
  const result = await sql<{
    dimension: string
    value: string
    currency: string
    messages: number
    accounts: number
    paying: number
    collected: number
  }>`
    with sent as materialized (
      select o.account_id, o.channel, a.currency,
        coalesce(${field('template')}, ${field('document')}, o.action_type) as template,
        coalesce(${field('tone')}, '') as tone,
        substr(${w.clock.stamp(sentAt)}, 12, 2) as hour,
        coalesce(sum(${collectedMinor}), 0) as collected
      from outbox o
      join accounts a on a.id = o.account_id
      left join ledger_entries e on e.account_id = o.account_id and e.kind in ('payment', 'reversal')
        and e.effective_on >= ${day} and e.effective_on <= ${w.clock.plusDays(day, withinDays)}
      ${reversedPayment}
      where o.tenant_id = ${w.tenantId} and o.status = 'sent' and o.channel in ('email', 'sms', 'letter')
        and o.sent_at >= ${w.fromIso} and o.sent_at < ${w.toIso}
      group by o.id, a.currency
    )
    ${sql.join(
      (['channel', 'template', 'tone', 'hour'] as const).map(
        (d) => sql`select ${sql.lit(d)} as dimension, ${sql.ref(d)} as value, currency, count(*) as messages,
          count(distinct account_id) as accounts,
          count(distinct case when collected > 0 then account_id end) as paying,
          sum(case when collected > 0 then collected else 0 end) as collected
        from sent group by ${sql.ref(d)}, currency`,
      ),
      sql` union all `,
    )}`.execute(db)
  return result.rows.map((r) => ({
    dimension: r.dimension,
    value: r.value,
    currency: r.currency,
    messages: Number(r.messages),
    accounts: Number(r.accounts),
    accountsPaying: Number(r.paying),
    collectedMinor: Number(r.collected),
  }))
}
