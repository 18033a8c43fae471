import { sql, type Transaction } from 'kysely'
import { AppError } from '../../core/errors/index.ts'
import type { AccountStatus, Database } from '../schema.ts'

/** An account as the money-flow services need it. */
export interface MoneyAccount {
  id: number
  externalId: string
  currency: string
  status: AccountStatus
  /** All ledger entries summed (every component, any date). */
  balanceMinor: number
}

/** The tenant's account with its balance, or `account_not_found`. */
export async function loadMoneyAccount(
  trx: Transaction<Database>,
  tenantId: number,
  accountId: number,
): Promise<MoneyAccount> {
  const row = await trx
    .selectFrom('accounts as a')
    .select(['a.id', 'a.external_id', 'a.currency', 'a.status'])
    .select((eb) =>
      eb
        .selectFrom('ledger_entries as l')
        .select(sql<number>`coalesce(sum(l.amount_minor), 0)`.as('b'))
        .whereRef('l.account_id', '=', 'a.id')
        .as('balance'),
    )
    .where('a.tenant_id', '=', tenantId)
    .where('a.id', '=', accountId)
    .executeTakeFirst()
  if (!row) throw new AppError('account_not_found', `no account ${accountId} for this tenant`)
  return {
    id: row.id,
    externalId: row.external_id,
    currency: row.currency,
    status: row.status,
    balanceMinor: Number(row.balance ?? 0),
  }
}

/** The same, refusing a closed account: plans, promises and offers only make sense on open debt. */
export async function loadOpenAccount(
  trx: Transaction<Database>,
  tenantId: number,
  accountId: number,
): Promise<MoneyAccount> {
  const account = await loadMoneyAccount(trx, tenantId, accountId)
  if (account.status !== 'open') {
    throw new AppError('account_closed', `account ${account.externalId} is ${account.status}`)
  }
  return account
}

/** The id of the tenant's account with this external id, or `account_not_found`. */
export async function accountIdByExternalId(
  trx: Transaction<Database>,
  tenantId: number,
  externalId: string,
): Promise<number> {
  const row = await trx
    .selectFrom('accounts')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', externalId)
    .executeTakeFirst()
  if (!row)
    throw new AppError('account_not_found', `no account with external id "${externalId}" in this tenant`)
  return row.id
}

/** A posted (not reversed) payment's value date and amount. */
export interface PostedPayment {
  id: number
  on: string
  amountMinor: number
}

/**
 * Posted payments of these accounts received on or after `since`, oldest first, by account. Reversed
 * payments never count: a chargeback takes the money back, so it cannot keep a plan or a promise.
 */
export async function postedPaymentsOf(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
  since: string,
): Promise<Map<number, PostedPayment[]>> {
  const byAccount = new Map<number, PostedPayment[]>()
  for (let i = 0; i < accountIds.length; i += 500) {
    const rows = await trx
      .selectFrom('payments')
      .select(['id', 'account_id', 'received_on', 'amount_minor'])
      .where('tenant_id', '=', tenantId)
      .where('account_id', 'in', accountIds.slice(i, i + 500))
      .where('status', '=', 'posted')
      .where('received_on', '>=', since)
      .orderBy('received_on')
      .orderBy('id')
      .execute()
    for (const r of rows) {
      const list = byAccount.get(r.account_id) ?? []
      list.push({ id: r.id, on: r.received_on, amountMinor: Number(r.amount_minor) })
      byAccount.set(r.account_id, list)
    }
  }
  return byAccount
}

/** Closes an open account with its status, day and reason; false when it was not open. */
export async function closeAccountRow(
  trx: Transaction<Database>,
  tenantId: number,
  accountId: number,
  close: { status: Exclude<AccountStatus, 'open'>; on: string; reason: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('accounts')
    .set({ status: close.status, closed_on: close.on, close_reason: close.reason })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', accountId)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
