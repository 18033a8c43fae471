import type { Transaction } from 'kysely'
import type { ScheduledInstalment } from '../../core/plans/plan-schedule.ts'
import type { Database, PaymentPlanTable } from '../schema.ts'

export type PlanStatusValue = PaymentPlanTable['status']

/** A plan to store with its schedule. */
export interface NewPlan {
  tenantId: number
  accountId: number
  frequency: string
  totalMinor: number
  downPaymentMinor: number
  graceDays: number
  approvedBy: string | null
  replacesPlanId: number | null
  createdOn: string
  instalments: readonly ScheduledInstalment[]
}

/** A stored plan with its instalments, as the evaluation reads it. */
export interface StoredPlan {
  id: number
  accountId: number
  status: PlanStatusValue
  graceDays: number
  createdOn: string
  instalments: ScheduledInstalment[]
}

/** Inserts a plan and its instalments; returns the plan id. */
export async function insertPlan(trx: Transaction<Database>, plan: NewPlan): Promise<number> {
  const { id } = await trx
    .insertInto('payment_plans')
    .values({
      tenant_id: plan.tenantId,
      account_id: plan.accountId,
      status: 'active',
      frequency: plan.frequency,
      total_minor: plan.totalMinor,
      down_payment_minor: plan.downPaymentMinor,
      grace_days: plan.graceDays,
      approved_by: plan.approvedBy,
      broken_on: null,
      replaces_plan_id: plan.replacesPlanId,
      created_on: plan.createdOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('plan_instalments')
    .values(
      plan.instalments.map((i) => ({
        plan_id: id,
        seq: i.seq,
        due_on: i.dueOn,
        amount_minor: i.amountMinor,
      })),
    )
    .execute()
  return id
}

/** The account's plans, oldest first (status and id only: enough for the re-plan rule). */
export async function plansOfAccount(trx: Transaction<Database>, tenantId: number, accountId: number) {
  return trx
    .selectFrom('payment_plans')
    .select(['id', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute()
}

/** Every active plan of the tenant with its instalments, by plan id. */
export async function activePlans(trx: Transaction<Database>, tenantId: number): Promise<StoredPlan[]> {
  const rows = await trx
    .selectFrom('payment_plans as p')
    .innerJoin('plan_instalments as i', 'i.plan_id', 'p.id')
    .select([
      'p.id',
      'p.account_id',
      'p.status',
      'p.grace_days',
      'p.created_on',
      'i.seq',
      'i.due_on',
      'i.amount_minor',
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.status', '=', 'active')
    .orderBy('p.id')
    .orderBy('i.seq')
    .execute()
  const plans = new Map<number, StoredPlan>()
  for (const r of rows) {
    const plan = plans.get(r.id) ?? {
      id: r.id,
      accountId: r.account_id,
      status: r.status,
      graceDays: r.grace_days,
      createdOn: r.created_on,
      instalments: [],
    }
    plan.instalments.push({ seq: r.seq, dueOn: r.due_on, amountMinor: Number(r.amount_minor) })
    plans.set(r.id, plan)
  }
  return [...plans.values()]
}

/** Moves an active plan to its new status (broken with the day it broke); false if it was not active. */
export async function setPlanStatus(
  trx: Transaction<Database>,
  planId: number,
  status: 'broken' | 'completed' | 'cancelled',
  brokenOn: string | null,
): Promise<boolean> {
  const result = await trx
    .updateTable('payment_plans')
    .set({ status, broken_on: brokenOn })
    .where('id', '=', planId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
