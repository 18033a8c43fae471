import type { Transaction } from 'kysely'
import type { Database } from '../schema.ts'

/** An account late fees may fall on. */
export interface FeeAccount {
  id: number
  dueOn: string
}

/** The tenant's open accounts past their due date on `asOf`, optionally in one currency, by id. */
export async function feeAccounts(
  trx: Transaction<Database>,
  tenantId: number,
  asOf: string,
  currency?: string,
): Promise<FeeAccount[]> {
  const rows = await trx
    .selectFrom('accounts')
    .select(['id', 'due_on'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'open')
    .where('due_on', '<', asOf)
    .$if(currency !== undefined, (q) => q.where('currency', '=', currency as string))
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ id: Number(r.id), dueOn: String(r.due_on) }))
}

/** A ledger entry as the fee computation reads it. */
export interface FeeLedgerEntry {
  accountId: number
  component: string
  amountMinor: number
  effectiveOn: string
  externalId: string | null
}

/** The entries of these accounts up to `asOf`, by account, in value-date order. */
export async function feeLedgers(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
  asOf: string,
): Promise<Map<number, FeeLedgerEntry[]>> {
  const byAccount = new Map<number, FeeLedgerEntry[]>()
  if (accountIds.length === 0) return byAccount
  const rows = await trx
    .selectFrom('ledger_entries')
    .select(['account_id', 'component', 'amount_minor', 'effective_on', 'external_id'])
    .where('tenant_id', '=', tenantId)
    .where('account_id', 'in', accountIds)
    .where('effective_on', '<=', asOf)
    .orderBy('effective_on')
    .orderBy('id')
    .execute()
  for (const r of rows) {
    const entry = {
      accountId: Number(r.account_id),
      component: r.component,
      amountMinor: Number(r.amount_minor),
      effectiveOn: String(r.effective_on),
      externalId: r.external_id,
    }
    const list = byAccount.get(entry.accountId)
    if (list) list.push(entry)
    else byAccount.set(entry.accountId, [entry])
  }
  return byAccount
}
