import { type Kysely, sql, type Transaction } from 'kysely'
import { localDateAt } from '../core/calendar/local-date.ts'
import type { PlaybookDocument } from '../core/playbook/playbook-document.ts'
import { loadDefaultPlaybooks } from '../playbook/default-playbooks.ts'
import type { Store } from '../store/connect.ts'
import { dialectOf } from '../store/dialect.ts'
import { loadAccountSnapshots } from '../store/engine/account-snapshot.repository.ts'
import { type DecisionWriteCounts, writeDecisions } from '../store/engine/decision.repository.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { engineContext } from './daily-run.ts'
import { type AccountDecision, decideAccount } from './decide-account.ts'

export interface AccountEvent {
  /** Unique key of the event, e.g. `payment:8812` or `dispute:17`: one event is decided once. */
  key: string
  /** When it happened; its day in the tenant zone is the decision's as-of day (default: now). */
  at?: string
}

/**
 * Re-decides one account at once after an event (a payment, a broken promise, a dispute) instead of
 * waiting for the next daily run, with the playbooks of the tenant's latest run (or the defaults). One
 * transaction: decision, state, outbox and the cancellation of actions the new stage supersedes. The
 * account row is locked on PostgreSQL so a concurrent batch of the daily run waits for it.
 */
export async function reevaluateAccount(
  store: Store,
  input: ReevaluateInput,
): Promise<{ decision: AccountDecision | null; written: DecisionWriteCounts }> {
  return store.db.transaction().execute((trx) => reevaluateAccountIn(trx, input))
}

export interface ReevaluateInput {
  tenant: Tenant
  accountId: number
  event: AccountEvent
  playbooks?: readonly PlaybookDocument[]
}

/**
 * The same inside the caller's transaction, so a payment (or a dispute, a broken promise) and the
 * decision it causes, with the cancellation of the actions it makes pointless, commit together.
 */
export async function reevaluateAccountIn(
  trx: Transaction<Database>,
  input: ReevaluateInput,
): Promise<{ decision: AccountDecision | null; written: DecisionWriteCounts }> {
  const { tenant, accountId, event } = input
  const asOf = localDateAt(event.at ? new Date(event.at) : new Date(), tenant.time_zone)
  if (dialectOf(trx as unknown as Kysely<unknown>) === 'postgres') {
    await sql`select id from accounts where id = ${accountId} and tenant_id = ${tenant.id} for update`.execute(
      trx,
    )
  }
  const latest = await trx
    .selectFrom('runs')
    .select('playbooks')
    .where('tenant_id', '=', tenant.id)
    .orderBy('as_of', 'desc')
    .executeTakeFirst()
  const playbooks =
    input.playbooks ??
    (latest ? (JSON.parse(latest.playbooks) as PlaybookDocument[]) : loadDefaultPlaybooks())
  const context = engineContext(tenant, asOf, playbooks)
  const [snapshot] = await loadAccountSnapshots(
    trx,
    { tenantId: tenant.id, firstAccountId: accountId, lastAccountId: accountId },
    asOf,
  )
  const decision = snapshot ? decideAccount(snapshot, context) : null
  const written = await writeDecisions(
    trx,
    tenant.id,
    asOf,
    { kind: 'event', ref: event.key, runId: null },
    decision ? [decision] : [],
  )
  return { decision, written }
}
