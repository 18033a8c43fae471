import type { Transaction } from 'kysely'
import type { Database, LedgerComponent } from '../schema.ts'

/** A payment as a reversal needs it. */
export interface ReversiblePayment {
  id: number
  externalId: string
  amountMinor: number
  currency: string
  status: string
  receivedOn: string
  /** The reason it was reversed for; null while it is posted. */
  reversalReason: string | null
}

const PAYMENT_COLUMNS = [
  'id',
  'external_id',
  'amount_minor',
  'currency',
  'status',
  'received_on',
  'reversal_reason',
] as const

const toPayment = (r: {
  id: number
  external_id: string
  amount_minor: number
  currency: string
  status: string
  received_on: string
  reversal_reason: string | null
}): ReversiblePayment => ({
  id: Number(r.id),
  externalId: r.external_id,
  amountMinor: Number(r.amount_minor),
  currency: r.currency,
  status: r.status,
  receivedOn: r.received_on,
  reversalReason: r.reversal_reason,
})

/** The tenant's payment recorded under this reference (its own transaction id), if any. */
export async function paymentByReference(
  trx: Transaction<Database>,
  tenantId: number,
  reference: string,
): Promise<ReversiblePayment | undefined> {
  const row = await trx
    .selectFrom('payments')
    .select(PAYMENT_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', reference)
    .executeTakeFirst()
  return row ? toPayment(row) : undefined
}

/** Up to two of the tenant's payments carrying this end-to-end id (two are enough to call it ambiguous). */
export async function paymentsByEndToEndId(
  trx: Transaction<Database>,
  tenantId: number,
  endToEndId: string,
): Promise<ReversiblePayment[]> {
  const rows = await trx
    .selectFrom('payments')
    .select(PAYMENT_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('end_to_end_id', '=', endToEndId)
    .limit(2)
    .execute()
  return rows.map(toPayment)
}

/** Marks a posted payment reversed; false when it already was (of two concurrent reversals, one wins). */
export async function claimReversal(
  trx: Transaction<Database>,
  paymentId: number,
  reason: string,
): Promise<boolean> {
  const claimed = await trx
    .updateTable('payments')
    .set({ status: 'reversed', reversed_at: new Date().toISOString(), reversal_reason: reason })
    .where('id', '=', paymentId)
    .where('status', '=', 'posted')
    .executeTakeFirst()
  return Number(claimed.numUpdatedRows) > 0
}

/** A ledger line a reversal undoes. */
export interface ReversibleLine {
  id: number
  accountId: number
  component: LedgerComponent
  amountMinor: number
}

/** The allocation lines of a payment. */
export async function paymentLines(
  trx: Transaction<Database>,
  tenantId: number,
  paymentId: number,
): Promise<ReversibleLine[]> {
  const rows = await trx
    .selectFrom('ledger_entries')
    .select(['id', 'account_id', 'component', 'amount_minor'])
    .where('tenant_id', '=', tenantId)
    .where('payment_id', '=', paymentId)
    .where('kind', '=', 'payment')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    accountId: Number(r.account_id),
    component: r.component,
    amountMinor: Number(r.amount_minor),
  }))
}

/** Reopens accounts a payment had closed as paid or settled. */
export async function reopenAccounts(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
): Promise<void> {
  if (accountIds.length === 0) return
  await trx
    .updateTable('accounts')
    .set({ status: 'open' })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', accountIds)
    .where('status', 'in', ['paid', 'settled'])
    .execute()
}

/** The paid settlements of these accounts. */
export async function paidSettlements(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
): Promise<{ id: number; accountId: number; expiresOn: string }[]> {
  if (accountIds.length === 0) return []
  const rows = await trx
    .selectFrom('settlements')
    .select(['id', 'account_id', 'expires_on'])
    .where('tenant_id', '=', tenantId)
    .where('account_id', 'in', accountIds)
    .where('status', '=', 'paid')
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    accountId: Number(r.account_id),
    expiresOn: String(r.expires_on),
  }))
}

/** A settlement's write-off lines that no reversal has undone yet. */
export async function openSettlementWriteOffs(
  trx: Transaction<Database>,
  tenantId: number,
  accountId: number,
  settlementId: number,
): Promise<ReversibleLine[]> {
  const rows = await trx
    .selectFrom('ledger_entries as l')
    .leftJoin('ledger_entries as r', 'r.reverses_id', 'l.id')
    .select(['l.id', 'l.account_id', 'l.component', 'l.amount_minor'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.account_id', '=', accountId)
    .where('l.kind', '=', 'write_off')
    .where('l.external_id', 'like', `settlement:${settlementId}#%`)
    .where('r.id', 'is', null)
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    accountId: Number(r.account_id),
    component: r.component,
    amountMinor: Number(r.amount_minor),
  }))
}

/** Puts a settlement back to offered (or expired): the payment that completed it was reversed. */
export async function reopenSettlement(
  trx: Transaction<Database>,
  tenantId: number,
  settlementId: number,
  status: 'offered' | 'expired',
): Promise<void> {
  await trx
    .updateTable('settlements')
    .set({ status, settled_on: null })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', settlementId)
    .execute()
}
