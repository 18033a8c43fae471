import type { Kysely, Transaction } from 'kysely'
import { formatAmount } from '../../core/money/money.ts'
import { callScript } from '../../core/tasks/call-outcome.ts'
import { renderFacts } from '../../store/outreach/dispatch-claim.repository.ts'
import type { Database } from '../../store/schema.ts'
import {
  cancelStaleTasks,
  insertCallTask,
  selectDueCallRows,
} from '../../store/tasks/call-task.repository.ts'

/** What one pass of the task step did. */
export interface CallTaskCounts {
  created: number
  cancelled: number
}

/**
 * The dispatcher's task step: every due `call` outbox row (a playbook's `create_task: call`) becomes an
 * open task in the collectors' queue, with its call script and the account's balance as its priority;
 * open tasks whose outbox row was cancelled meanwhile (a dispute, a payment, a re-decision) are
 * cancelled. The outbox row stays `pending` until the outcome is recorded, so a re-decision can still
 * cancel it. Idempotent: one task per outbox row.
 */
export async function createDueCallTasks(
  db: Kysely<Database> | Transaction<Database>,
  now: Date,
  tenantId?: number,
): Promise<CallTaskCounts> {
  const nowIso = now.toISOString()
  const cancelled = await cancelStaleTasks(db, tenantId)
  const due = await selectDueCallRows(db, nowIso, tenantId)
  let created = 0
  const byTenant = new Map<number, typeof due>()
  for (const row of due) byTenant.set(row.tenantId, [...(byTenant.get(row.tenantId) ?? []), row])
  for (const [tenant, rows] of byTenant) {
    const { kind } = await db
      .selectFrom('tenants')
      .select('kind')
      .where('id', '=', tenant)
      .executeTakeFirstOrThrow()
    const facts = new Map(
      (
        await renderFacts(
          db as Transaction<Database>,
          tenant,
          rows.map((r) => r.accountId),
        )
      ).map((f) => [f.id, f]),
    )
    for (const row of rows) {
      const f = facts.get(row.accountId)
      const script = callScript(JSON.parse(row.payload) as Record<string, unknown>, {
        debtor: f?.debtor_name ?? 'the debtor',
        account: f?.external_id ?? String(row.accountId),
        creditor: f?.current_creditor ?? '',
        balance: f ? `${formatAmount(row.balance, f.currency)} ${f.currency}` : '',
        debtCollector: kind === 'agency',
      })
      const id = await insertCallTask(db, {
        tenantId: row.tenantId,
        accountId: row.accountId,
        debtorId: row.debtorId,
        contactPointId: row.contactPointId,
        outboxId: row.outboxId,
        followsTaskId: null,
        dueAt: row.scheduledAt ?? nowIso,
        priority: row.balance,
        script,
      })
      if (id !== null) created++
    }
  }
  return { created, cancelled }
}
