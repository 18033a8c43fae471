import type { Transaction } from 'kysely'
import { localDateAt } from '../core/calendar/local-date.ts'
import type { AccountDecision } from '../core/engine/account-decision.ts'
import type { PlaybookDocument } from '../core/playbook/playbook-document.ts'
import { tenantPlaybookSet } from '../playbook/tenant-playbooks.ts'
import type { Store } from '../store/connect.ts'
import { loadAccountSnapshots } from '../store/engine/account-snapshot.repository.ts'
import {
  type DecisionWriteCounts,
  writeDecisionErrors,
  writeDecisions,
} from '../store/engine/decision.repository.ts'
import { latestRunPlaybooks, markAccountsDue } from '../store/engine/run-batch.repository.ts'
import { lockAccounts } from '../store/lock-accounts.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { compiledEngineContext, compiledPlaybooks, engineContext } from './daily-run.ts'
import { decideAccountSafely } from './decide-account.ts'

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
 * account row is locked (`lockAccounts`) so a concurrent batch of the daily run waits for it.
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
  await lockAccounts(trx, tenant.id, [accountId])
  const latest = input.playbooks ? null : await latestRunPlaybooks(trx, tenant.id)
  const fallback = input.playbooks || latest ? null : await tenantPlaybookSet(trx, tenant.id)
  const context = input.playbooks
    ? engineContext(tenant, asOf, input.playbooks)
    : compiledEngineContext(
        tenant,
        asOf,
        latest
          ? compiledPlaybooks(`run:${latest}`, () => JSON.parse(latest) as PlaybookDocument[])
          : compiledPlaybooks(fallback?.key ?? '', () => fallback?.documents() ?? []),
      )
  const [snapshot] = await loadAccountSnapshots(
    trx,
    { tenantId: tenant.id, firstAccountId: accountId, lastAccountId: accountId },
    asOf,
  )
  // An account that cannot be decided must not undo the payment (or dispute) that triggered this:
  // the error is recorded as its decision and the caller's change commits.
  const result = snapshot ? decideAccountSafely(snapshot, context) : { decision: null }
  const trigger = { kind: 'event', ref: event.key, runId: null } as const
  const decision = 'decision' in result ? result.decision : null
  const written = await writeDecisions(trx, tenant.id, asOf, trigger, decision ? [decision] : [])
  // The event may have moved the account's stage or step: the next daily run decides it again.
  await markAccountsDue(trx, [accountId])
  if ('error' in result) await writeDecisionErrors(trx, tenant.id, asOf, trigger, [result.error], written)
  return { decision, written }
}
