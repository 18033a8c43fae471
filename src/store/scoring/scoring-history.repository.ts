import type { Kysely } from 'kysely'
import type { ScoringHistory } from '../../core/scoring/scoring-history.ts'
import type { Database } from '../schema.ts'

/**
 * A tenant's whole history for feature computation: one query per table, the rows the features read
 * and nothing else (no attributes, names or addresses: nothing that could carry a protected attribute).
 */
export async function loadScoringHistory(db: Kysely<Database>, tenantId: number): Promise<ScoringHistory> {
  // Selected straight into the history's shapes: no second pass over a million rows to rename them.
  // BIGINT ids arrive as numbers on both databases (the PostgreSQL type parsers see to it).
  const [{ accounts, entries }, promises, plans, disputes, contacts] = await Promise.all([
    loadLedgerHistory(db, tenantId),
    db
      .selectFrom('promises')
      .select(['account_id as accountId', 'taken_on', 'created_at', 'due_on as dueOn', 'state'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    db
      .selectFrom('payment_plans')
      .select(['account_id as accountId', 'created_on as createdOn', 'status', 'broken_on as brokenOn'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    db
      .selectFrom('disputes')
      .select(['account_id as accountId', 'received_at', 'resolved_at'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    db
      .selectFrom('contact_events')
      .select(['account_id as accountId', 'occurred_at as occurredOn', 'direction', 'result'])
      .where('tenant_id', '=', tenantId)
      .execute(),
  ])
  return {
    accounts,
    entries,
    promises: promises.map((p) => ({
      accountId: p.accountId,
      takenOn: p.taken_on ?? p.created_at.slice(0, 10),
      dueOn: p.dueOn,
      state: p.state,
    })),
    plans,
    disputes: disputes.map((d) => ({
      accountId: d.accountId,
      receivedOn: d.received_at.slice(0, 10),
      resolvedOn: d.resolved_at?.slice(0, 10) ?? null,
    })),
    contacts,
  }
}

/**
 * The accounts and ledger entries of a tenant's history and nothing else (no promises, plans,
 * disputes or contacts): what the reports that fold balances in memory read (roll rates, DSO/CEI).
 */
export async function loadLedgerHistory(db: Kysely<Database>, tenantId: number): Promise<ScoringHistory> {
  const [accounts, entries] = await Promise.all([
    db
      .selectFrom('accounts')
      .select([
        'id',
        'external_id as externalId',
        'debtor_id as debtorId',
        'debt_kind as debtKind',
        'currency',
        'status',
        'opened_on as openedOn',
        'due_on as dueOn',
      ])
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('ledger_entries')
      .select([
        'account_id as accountId',
        'kind',
        'amount_minor as amountMinor',
        'effective_on as effectiveOn',
      ])
      .where('tenant_id', '=', tenantId)
      .execute(),
  ])
  return { accounts, entries, promises: [], plans: [], disputes: [], contacts: [] }
}
