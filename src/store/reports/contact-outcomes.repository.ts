import { type Kysely, sql } from 'kysely'
import type { CallOutcomeMonth, ContactMonth } from '../../core/analytics/contact-rates.ts'
import { RIGHT_PARTY_OUTCOMES } from '../../core/analytics/contact-rates.ts'
import type { Database } from '../schema.ts'
import type { InstantWindow } from './local-time-sql.ts'

/**
 * Contact events per month (tenant's zone) and channel: outbound attempts that went out (a message
 * still queued or that failed before the provider took it is not one), call conversations, and
 * inbound responses.
 */
export async function contactMonths(db: Kysely<Database>, w: InstantWindow): Promise<ContactMonth[]> {
  const month = sql<string>`substr(${w.clock.stamp(sql.ref('e.occurred_at'))}, 1, 7)`
  const result = await sql<{
    month: string
    channel: string
    attempts: number
    conversations: number
    responses: number
  }>`
    select ${month} as month, e.channel,
      sum(case when e.direction = 'outbound' and e.result not in ('queued', 'failed') then 1 else 0 end) as attempts,
      sum(case when e.result = 'conversation' then 1 else 0 end) as conversations,
      sum(case when e.direction = 'inbound' then 1 else 0 end) as responses
    from contact_events e
    where e.tenant_id = ${w.tenantId} and e.occurred_at >= ${w.fromIso} and e.occurred_at < ${w.toIso}
    group by 1, 2
    order by 1, 2`.execute(db)
  return result.rows.map((r) => ({
    month: r.month,
    channel: r.channel,
    attempts: Number(r.attempts),
    conversations: Number(r.conversations),
    responses: Number(r.responses),
  }))
}

/** Worked call tasks per month of their outcome: right-party contacts, promises to pay, wrong parties. */
export async function callOutcomeMonths(db: Kysely<Database>, w: InstantWindow): Promise<CallOutcomeMonth[]> {
  const month = sql<string>`substr(${w.clock.stamp(sql.ref('t.outcome_at'))}, 1, 7)`
  const rpc = sql.join(RIGHT_PARTY_OUTCOMES.map((o) => sql.lit(o)))
  const result = await sql<{
    month: string
    worked: number
    rpc: number
    promises: number
    wrong_party: number
  }>`
    select ${month} as month, count(*) as worked,
      sum(case when t.outcome in (${rpc}) then 1 else 0 end) as rpc,
      sum(case when t.outcome = 'promise_to_pay' then 1 else 0 end) as promises,
      sum(case when t.outcome = 'wrong_party' then 1 else 0 end) as wrong_party
    from call_tasks t
    where t.tenant_id = ${w.tenantId} and t.outcome is not null
      and t.outcome_at >= ${w.fromIso} and t.outcome_at < ${w.toIso}
    group by 1
    order by 1`.execute(db)
  return result.rows.map((r) => ({
    month: r.month,
    worked: Number(r.worked),
    rightPartyContacts: Number(r.rpc),
    promises: Number(r.promises),
    wrongParty: Number(r.wrong_party),
  }))
}
