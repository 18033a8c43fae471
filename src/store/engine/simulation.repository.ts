import type { Kysely } from 'kysely'
import type { AccountSnapshot } from '../../core/engine/account-snapshot.ts'
import type { HistoryEntry } from '../../core/engine/history-entry.ts'
import type { Database } from '../schema.ts'
import { loadAccountSnapshots } from './account-snapshot.repository.ts'

/** What a replay reads: every account of the tenant, and its ledger up to the last simulated day. */
export interface SimulationHistory {
  snapshots: AccountSnapshot[]
  ledger: Map<number, HistoryEntry[]>
}

/**
 * Loads a tenant's accounts of every status (a paid account was open before it was paid) and all their
 * ledger entries effective on or before `to`, ordered by account and day, in one query. Reads only:
 * a simulation never writes. Balances in the snapshots are left for the replay to compute day by day.
 */
export async function loadSimulationHistory(
  db: Kysely<Database>,
  tenantId: number,
  to: string,
): Promise<SimulationHistory> {
  const bounds = await db
    .selectFrom('accounts')
    .select((eb) => [eb.fn.min('id').as('first'), eb.fn.max('id').as('last')])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst()
  if (bounds?.first == null || bounds.last == null) return { snapshots: [], ledger: new Map() }
  const range = { tenantId, firstAccountId: Number(bounds.first), lastAccountId: Number(bounds.last) }
  const [snapshots, entries] = await Promise.all([
    loadAccountSnapshots(db, range, to, { includeClosed: true }),
    db
      .selectFrom('ledger_entries')
      .select(['account_id', 'effective_on', 'amount_minor', 'kind'])
      .where('tenant_id', '=', tenantId)
      .where('effective_on', '<=', to)
      .orderBy('account_id')
      .orderBy('effective_on')
      .orderBy('id')
      .execute(),
  ])
  const ledger = new Map<number, HistoryEntry[]>()
  for (const e of entries) {
    const entry = { effectiveOn: e.effective_on, amountMinor: Number(e.amount_minor), kind: e.kind }
    const list = ledger.get(e.account_id)
    if (list) list.push(entry)
    else ledger.set(e.account_id, [entry])
  }
  return { snapshots, ledger }
}
