import type { Kysely, Transaction } from 'kysely'
import type { Component, OpenItem } from '../../core/allocation/allocate-payment.ts'
import { insertRows } from '../insert-rows.ts'
import type { Database, PaymentSource } from '../schema.ts'

/** Rows per multi-row INSERT, far below both databases' bound-parameter limits. */
const CHUNK = 500

/** An account as payment posting needs it. */
export interface PayableAccount {
  id: number
  debtorId: number
  externalId: string
  currency: string
  jurisdiction: string
  debtKind: 'consumer' | 'commercial'
  dueOn: string
  status: string
}

/** The tenant's accounts with these ids (others are simply absent: the caller reports them). */
export async function loadPayableAccounts(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
): Promise<Map<number, PayableAccount>> {
  const accounts = new Map<number, PayableAccount>()
  for (let i = 0; i < accountIds.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('accounts')
      .select(['id', 'debtor_id', 'external_id', 'currency', 'jurisdiction', 'debt_kind', 'due_on', 'status'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', accountIds.slice(i, i + CHUNK))
      .execute()
    for (const r of rows) {
      accounts.set(r.id, {
        id: r.id,
        debtorId: r.debtor_id,
        externalId: r.external_id,
        currency: r.currency,
        jurisdiction: r.jurisdiction,
        debtKind: r.debt_kind,
        dueOn: r.due_on,
        status: r.status,
      })
    }
  }
  return accounts
}

/**
 * Each account's open items: what is owed per component, due from the earliest entry that created
 * it (principal from the account's due date). Credits from earlier overpayments are not items.
 */
export async function loadOpenItems(
  trx: Transaction<Database>,
  tenantId: number,
  accounts: ReadonlyMap<number, PayableAccount>,
): Promise<Map<number, OpenItem[]>> {
  const items = new Map<number, OpenItem[]>()
  const ids = [...accounts.keys()]
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('ledger_entries')
      .select((eb) => [
        'account_id',
        'component',
        eb.fn.sum<number>('amount_minor').as('owed'),
        eb.fn.min<string>('effective_on').as('since'),
      ])
      .where('tenant_id', '=', tenantId)
      .where('account_id', 'in', ids.slice(i, i + CHUNK))
      .groupBy(['account_id', 'component'])
      .execute()
    for (const row of rows) {
      const owed = Number(row.owed)
      if (row.component === 'credit' || owed <= 0) continue
      const account = accounts.get(row.account_id)
      if (!account) continue
      const item: OpenItem = {
        accountId: String(row.account_id),
        component: row.component as Component,
        dueOn: row.component === 'principal' ? account.dueOn : row.since,
        outstandingMinor: owed,
      }
      const list = items.get(row.account_id)
      if (list) list.push(item)
      else items.set(row.account_id, [item])
    }
  }
  return items
}

export interface NewPaymentRow {
  tenant_id: number
  account_id: number
  amount_minor: number
  currency: string
  received_on: string
  source: PaymentSource
  external_id: string
  end_to_end_id?: string | null
  status: 'posted'
  policy_id: string
  credit_minor: number
}

/**
 * Inserts payments, skipping any whose source transaction id is already recorded; returns the ids of
 * the rows this call created, by external id (a replayed payment is absent).
 */
export async function insertPayments(
  trx: Transaction<Database>,
  rows: readonly NewPaymentRow[],
): Promise<Map<string, number>> {
  const created = new Map<string, number>()
  const columns = [
    'tenant_id',
    'account_id',
    'amount_minor',
    'currency',
    'received_on',
    'source',
    'external_id',
  ]
  const more = ['end_to_end_id', 'status', 'policy_id', 'credit_minor']
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await insertRows<{ id: number | string; external_id: string }>(
      trx as unknown as Kysely<unknown>,
      'payments',
      [...columns, ...more],
      rows
        .slice(i, i + CHUNK)
        .map((r) => [
          r.tenant_id,
          r.account_id,
          r.amount_minor,
          r.currency,
          r.received_on,
          r.source,
          r.external_id,
          r.end_to_end_id ?? null,
          r.status,
          r.policy_id,
          r.credit_minor,
        ]),
      ' on conflict (tenant_id, external_id) do nothing returning id, external_id',
    )
    for (const r of inserted) created.set(r.external_id, Number(r.id))
  }
  return created
}

/** Account balances (all components) after the writes of this transaction. */
export async function balancesOf(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
): Promise<Map<number, number>> {
  const balances = new Map<number, number>()
  for (let i = 0; i < accountIds.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('ledger_entries')
      .select((eb) => ['account_id', eb.fn.sum<number>('amount_minor').as('balance')])
      .where('tenant_id', '=', tenantId)
      .where('account_id', 'in', accountIds.slice(i, i + CHUNK))
      .groupBy('account_id')
      .execute()
    for (const r of rows) balances.set(r.account_id, Number(r.balance))
  }
  return balances
}

/** What a reference was recorded with: the facts a replay must repeat to be one. */
export interface RecordedPayment {
  accountId: number
  accountExternalId: string
  amountMinor: number
  currency: string
  receivedOn: string
  policyId: string
}

/** The payments already recorded under these references, by reference. */
export async function recordedPayments(
  trx: Transaction<Database>,
  tenantId: number,
  references: readonly string[],
): Promise<Map<string, RecordedPayment>> {
  const known = new Map<string, RecordedPayment>()
  const unique = [...new Set(references)]
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('payments as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select([
        'p.external_id',
        'p.account_id',
        'a.external_id as account_external_id',
        'p.amount_minor',
        'p.currency',
        'p.received_on',
        'p.policy_id',
      ])
      .where('p.tenant_id', '=', tenantId)
      .where('p.external_id', 'in', unique.slice(i, i + CHUNK))
      .execute()
    for (const r of rows) {
      known.set(r.external_id, {
        accountId: Number(r.account_id),
        accountExternalId: r.account_external_id,
        amountMinor: Number(r.amount_minor),
        currency: r.currency,
        receivedOn: String(r.received_on),
        policyId: r.policy_id,
      })
    }
  }
  return known
}

/** The ids of the tenant's accounts with these external ids (unknown ones are absent). */
export async function accountIdsByExternalIds(
  db: Kysely<Database>,
  tenantId: number,
  externalIds: readonly string[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  const unique = [...new Set(externalIds)]
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'external_id'])
      .where('tenant_id', '=', tenantId)
      .where('external_id', 'in', unique.slice(i, i + CHUNK))
      .execute()
    for (const r of rows) ids.set(r.external_id, Number(r.id))
  }
  return ids
}

/** Closes open accounts as paid (a payment brought their balance to zero or below). */
export async function markAccountsPaid(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
): Promise<void> {
  for (let i = 0; i < accountIds.length; i += CHUNK) {
    await trx
      .updateTable('accounts')
      .set({ status: 'paid' })
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', accountIds.slice(i, i + CHUNK))
      .where('status', '=', 'open')
      .execute()
  }
}
