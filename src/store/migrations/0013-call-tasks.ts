import type { Kysely } from 'kysely'
import { columnTypes, oneOf } from './migration-helpers.ts'

/*
 * Collector call tasks: a due `call` outbox row becomes a task in the collectors' work queue (the
 * dispatcher's task step, src/outreach/tasks/). The send-time compliance check runs when the queue is
 * read, so a task compliance would refuse now is not offered. A collector records the outcome of the
 * call (docs/outreach.md, "Call tasks"); a call-back schedules the next task (`follows_task_id`).
 */

export const CALL_TASK_STATUSES = ['open', 'done', 'cancelled'] as const

/** Creates call_tasks. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { stampType, now, withId } = columnTypes(db)
  await db.schema
    .createTable('call_tasks')
    .$call(withId)
    .addColumn('tenant_id', 'bigint', (c) => c.notNull().references('tenants.id'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id'))
    .addColumn('debtor_id', 'bigint', (c) => c.notNull().references('debtors.id'))
    .addColumn('contact_point_id', 'bigint', (c) => c.references('contact_points.id'))
    // The outbox row the task came from (null for a call-back the collector scheduled).
    .addColumn('outbox_id', 'bigint', (c) => c.references('outbox.id'))
    .addColumn('follows_task_id', 'bigint', (c) => c.references('call_tasks.id'))
    .addColumn('due_at', stampType, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', [...CALL_TASK_STATUSES])))
    .addColumn('assigned_user_id', 'bigint', (c) => c.references('users.id'))
    // What the work queue sorts by first: the balance (minor units) when the task was made.
    .addColumn('priority', 'bigint', (c) => c.notNull().defaultTo(0))
    // The call script: from the action's template (or its note), plain text.
    .addColumn('script', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('outcome_note', 'text')
    // JSON text: the outcome's facts (promise amount and date, call-back time, what it created).
    .addColumn('outcome_details', 'text')
    .addColumn('outcome_at', stampType)
    .addColumn('outcome_by', 'text')
    .addColumn('created_at', stampType, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('call_tasks_outbox', ['outbox_id'])
    .execute()
  await db.schema
    .createIndex('call_tasks_queue')
    .on('call_tasks')
    .columns(['tenant_id', 'status', 'priority'])
    .execute()
  for (const column of ['account_id', 'debtor_id', 'contact_point_id', 'follows_task_id', 'assigned_user_id'])
    await db.schema.createIndex(`call_tasks_${column}`).on('call_tasks').column(column).execute()
}

/** Drops it again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('call_tasks').ifExists().execute()
}
