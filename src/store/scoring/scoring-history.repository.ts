import type { Kysely } from 'kysely'
import type { ScoringHistory } from '../../core/scoring/scoring-history.ts'
import type { Database } from '../schema.ts'

/**
 * A tenant's whole history for feature computation: one query per table, the rows the features read
 * and nothing else (no attributes, names or addresses: nothing that could carry a protected attribute).
 */
export async function loadScoringHistory(db: Kysely<Database>, tenantId: number): Promise<ScoringHistory> {
  const [accounts, entries, promises, plans, disputes, contacts] = await Promise.all([
    db
      .selectFrom('accounts')
      .select(['id', 'external_id', 'debtor_id', 'debt_kind', 'status', 'opened_on', 'due_on'])
      .where('tenant_id', '=', tenantId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('ledger_entries')
      .select(['account_id', 'kind', 'amount_minor', 'effective_on'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    db
      .selectFrom('promises')
      .select(['account_id', 'taken_on', 'created_at', 'due_on', 'state'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    db
      .selectFrom('payment_plans')
      .select(['account_id', 'created_on', 'status', 'broken_on'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    db
      .selectFrom('disputes')
      .select(['account_id', 'received_at', 'resolved_at'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    db
      .selectFrom('contact_events')
      .select(['account_id', 'occurred_at', 'direction', 'result'])
      .where('tenant_id', '=', tenantId)
      .execute(),
  ])
  return {
    accounts: accounts.map((a) => ({
      id: Number(a.id),
      externalId: a.external_id,
      debtorId: Number(a.debtor_id),
      debtKind: a.debt_kind,
      status: a.status,
      openedOn: a.opened_on,
      dueOn: a.due_on,
    })),
    entries: entries.map((e) => ({
      accountId: Number(e.account_id),
      kind: e.kind,
      amountMinor: Number(e.amount_minor),
      effectiveOn: e.effective_on,
    })),
    promises: promises.map((p) => ({
      accountId: Number(p.account_id),
      takenOn: p.taken_on ?? p.created_at.slice(0, 10),
      dueOn: p.due_on,
      state: p.state,
    })),
    plans: plans.map((p) => ({
      accountId: Number(p.account_id),
      createdOn: p.created_on,
      status: p.status,
      brokenOn: p.broken_on,
    })),
    disputes: disputes.map((d) => ({
      accountId: Number(d.account_id),
      receivedOn: d.received_at.slice(0, 10),
      resolvedOn: d.resolved_at?.slice(0, 10) ?? null,
    })),
    contacts: contacts.map((c) => ({
      accountId: Number(c.account_id),
      occurredOn: c.occurred_at,
      direction: c.direction,
      result: c.result,
    })),
  }
}
