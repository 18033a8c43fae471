import { type Kysely, sql } from 'kysely'
import type { BlockedAction } from '../../core/analytics/compliance-blocks.ts'
import type { PlanRow, PromiseRow, StateCount } from '../../core/analytics/promise-plan-rates.ts'
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
