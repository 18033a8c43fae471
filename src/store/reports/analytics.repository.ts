import { type Kysely, sql } from 'kysely'
import { type BlockCount, type BlockedAction, NO_REASON } from '../../core/analytics/compliance-blocks.ts'
import type { PlanRow, PromiseRow, StateCount } from '../../core/analytics/promise-plan-rates.ts'
import { dialectOf } from '../dialect.ts'
import type { Database } from '../schema.ts'
import { monthOfSql } from './report-sql.ts'

/** The tenant's promises by month due and state, and its plans by month made and status, counted in one statement. */
export async function countPromisesAndPlans(db: Kysely<Database>, tenantId: number): Promise<StateCount[]> {
  const any = db as unknown as Kysely<unknown>
  const result = await sql<StateCount>`select ${monthOfSql(any, sql.ref('due_on'))} as "month",
        'promise' as "kind", state as "state", count(*) as "count"
      from promises where tenant_id = ${tenantId} group by 1, 3
    union all
    select ${monthOfSql(any, sql.ref('created_on'))}, 'plan', status, count(*)
      from payment_plans where tenant_id = ${tenantId} group by 1, 3`.execute(db)
  return result.rows
}

/** The tenant's promises: due day and state. */
export function loadPromiseRows(db: Kysely<Database>, tenantId: number): Promise<PromiseRow[]> {
  return db
    .selectFrom('promises')
    .select(['due_on as dueOn', 'state'])
    .where('tenant_id', '=', tenantId)
    .execute()
}

/** The tenant's payment plans: day made and status. */
export function loadPlanRows(db: Kysely<Database>, tenantId: number): Promise<PlanRow[]> {
  return db
    .selectFrom('payment_plans')
    .select(['created_on as createdOn', 'status'])
    .where('tenant_id', '=', tenantId)
    .execute()
}

/** Every blocked outbox action with the rule ids of its compliance reasons and the account's jurisdiction. */
export async function loadBlockedActions(db: Kysely<Database>, tenantId: number): Promise<BlockedAction[]> {
  const rows = await db
    .selectFrom('outbox as o')
    .innerJoin('accounts as a', 'a.id', 'o.account_id')
    .select(['o.created_at', 'a.jurisdiction', 'o.action_type', 'o.channel', 'o.compliance'])
    .where('o.tenant_id', '=', tenantId)
    .where('o.status', '=', 'blocked')
    .orderBy('o.id')
    .execute()
  return rows.map((r) => {
    const compliance = JSON.parse(r.compliance) as { reasons?: { ruleId?: string }[] }
    return {
      createdAt: r.created_at,
      jurisdiction: r.jurisdiction,
      actionType: r.action_type,
      channel: r.channel,
      ruleIds: (compliance.reasons ?? []).flatMap((reason) => (reason.ruleId ? [reason.ruleId] : [])),
    }
  })
}

/**
 * The blocked outbox actions counted in one statement by month (UTC), rule id of each compliance
 * reason, the account's jurisdiction, action and channel (an action counts once per distinct rule;
 * one without a rule id under NO_REASON), with the number of blocked actions.
 */
export async function countBlockedActions(
  db: Kysely<Database>,
  tenantId: number,
): Promise<{ counts: BlockCount[]; actions: number }> {
  const pg = dialectOf(db as unknown as Kysely<unknown>) === 'postgres'
  const month = pg
    ? sql`to_char(o.created_at at time zone 'UTC', 'YYYY-MM')`
    : sql`substr(o.created_at, 1, 7)`
  const reasons = pg
    ? sql`left join lateral jsonb_array_elements(o.compliance::jsonb -> 'reasons') r(value)
        on coalesce(r.value ->> 'ruleId', '') <> ''`
    : sql`left join json_each(o.compliance, '$.reasons') r on coalesce(json_extract(r.value, '$.ruleId'), '') <> ''`
  const rule = pg ? sql`(r.value ->> 'ruleId')` : sql`json_extract(r.value, '$.ruleId')`
  const [counts, total] = await Promise.all([
    sql<BlockCount>`select ${month} as "month", coalesce(${rule}, ${NO_REASON}) as "rule",
        a.jurisdiction as "jurisdiction", o.action_type as "actionType", coalesce(o.channel, '') as "channel",
        count(distinct o.id) as "blocked"
      from outbox o join accounts a on a.id = o.account_id ${reasons}
      where o.tenant_id = ${tenantId} and o.status = 'blocked'
      group by 1, 2, 3, 4, 5`.execute(db),
    db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'blocked')
      .executeTakeFirstOrThrow(),
  ])
  return { counts: counts.rows, actions: Number(total.n) }
}

/** Each account's first decision (how it entered treatment): playbook, variant, day and the trace's segment. */
export async function loadTreatmentEntries(db: Kysely<Database>, tenantId: number) {
  const rows = await db
    .selectFrom('decisions')
    .select(['account_id', 'playbook_id', 'variant', 'as_of', 'trace'])
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('decisions')
        .select((e) => e.fn.min('id').as('id'))
        .where('tenant_id', '=', tenantId)
        .where('error', 'is', null)
        .groupBy('account_id'),
    )
    .execute()
  return rows.map((r) => ({
    accountId: r.account_id,
    playbookId: r.playbook_id,
    variant: r.variant,
    asOf: r.as_of,
    segment: (JSON.parse(r.trace) as { segment?: string }).segment ?? '',
  }))
}
