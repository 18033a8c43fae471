import { type Kysely, sql, type Transaction } from 'kysely'
import {
  type AllocationResult,
  allocatePayment,
  type OpenItem,
  type PayerLine,
} from '../core/allocation/allocate-payment.ts'
import { ALLOCATION_POLICIES, policyFor } from '../core/allocation/allocation-policies.ts'
import { parseLocalDate } from '../core/calendar/local-date.ts'
import { AppError, type ErrorCode } from '../core/errors/index.ts'
import { reevaluateAccountIn } from '../engine/reevaluate-account.ts'
import { dialectOf } from '../store/dialect.ts'
import { appendJournalEvent } from '../store/journal.repository.ts'
import { cancelPendingActions } from '../store/money/outbox-cancel.repository.ts'
import {
  balancesOf,
  insertPaymentLines,
  insertPayments,
  loadOpenItems,
  loadPayableAccounts,
  type NewPaymentRow,
  type PaymentLedgerLine,
} from '../store/money/payment.repository.ts'
import type { Database, PaymentSource } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'
import { applySettlementsAfterPayment } from './settlements.service.ts'

/** One payment received, before allocation. */
export interface IncomingPayment {
  accountId: number
  amountMinor: number
  currency: string
  receivedOn: string
  source: PaymentSource
  /** The source's transaction id: a payment with an id already recorded is a replay, not a second payment. */
  externalId: string
  /** The payer's end-to-end id, when the source has one (bank transfers): returns refer to it. */
  endToEndId?: string
  /** An allocation policy id (default: the account jurisdiction's). */
  policyId?: string
  payerLines?: readonly PayerLine[]
}

export interface PostPaymentsResult {
  posted: { externalId: string; paymentId: number; accountId: number; allocation: AllocationResult }[]
  replayed: string[]
  rejected: { externalId: string; code: ErrorCode; message: string }[]
  /** Accounts this batch paid in full (closed as paid, their pending actions cancelled). */
  paidInFull: number[]
  cancelledActions: number
}

export interface PostPaymentsOptions {
  actor: string
  /** Re-decide each touched account at once (single payments); bulk imports leave it to the daily run. */
  reevaluate: boolean
}

/**
 * Posts payments in the caller's transaction: validates each (a bad one is rejected with its reason,
 * the others go on), allocates it over the account's open items by policy (several payments to one
 * account in a batch see each other's effect), records the payment and its split in the ledger, closes
 * accounts paid in full and cancels the actions a payment makes pointless, and journals the batch.
 */
export async function postPaymentsIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  payments: readonly IncomingPayment[],
  options: PostPaymentsOptions,
): Promise<PostPaymentsResult> {
  const result: PostPaymentsResult = {
    posted: [],
    replayed: [],
    rejected: [],
    paidInFull: [],
    cancelledActions: 0,
  }
  const ids = [...new Set(payments.map((p) => p.accountId))].sort((a, b) => a - b)
  if (dialectOf(trx as unknown as Kysely<unknown>) === 'postgres' && ids.length > 0) {
    // Serialises concurrent postings to the same accounts (ordered ids: no deadlock between batches).
    await sql`select id from accounts where tenant_id = ${tenant.id} and id in (${sql.join(ids)}) order by id for update`.execute(
      trx,
    )
  }
  const accounts = await loadPayableAccounts(trx, tenant.id, ids)
  const items = await loadOpenItems(trx, tenant.id, accounts)
  const known = await knownExternalIds(
    trx,
    tenant.id,
    payments.map((p) => p.externalId),
  )
  const seen = new Set<string>()
  const rows: NewPaymentRow[] = []
  const allocations: { payment: IncomingPayment; allocation: AllocationResult }[] = []
  for (const payment of payments) {
    const recorded = known.get(payment.externalId)
    if (recorded) {
      const same =
        recorded.accountId === payment.accountId &&
        recorded.amountMinor === payment.amountMinor &&
        recorded.currency === payment.currency &&
        recorded.receivedOn === payment.receivedOn
      if (same) result.replayed.push(payment.externalId)
      else {
        // The same reference with other facts is not a replay: refusing it keeps a payment from vanishing.
        result.rejected.push({
          externalId: payment.externalId,
          code: 'idempotency_conflict',
          message:
            `reference ${payment.externalId} was already recorded for account ${recorded.accountId}, ` +
            `${recorded.amountMinor} ${recorded.currency} on ${recorded.receivedOn}; this one differs`,
        })
      }
      continue
    }
    try {
      if (seen.has(payment.externalId)) {
        throw new AppError('duplicate_payment', `payment ${payment.externalId} appears twice in this batch`)
      }
      seen.add(payment.externalId)
      const account = accounts.get(payment.accountId)
      if (!account) throw new AppError('account_not_found', `no account ${payment.accountId} for this tenant`)
      checkPayment(payment)
      const policy = payment.policyId
        ? policyById(payment.policyId)
        : policyFor(account.jurisdiction, account.debtKind)
      const open = items.get(account.id) ?? []
      const allocation = allocatePayment({
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        accountCurrency: account.currency,
        targetAccountId: String(account.id),
        items: open,
        policy,
        ...(payment.payerLines ? { payerLines: payment.payerLines } : {}),
      })
      consume(open, allocation)
      allocations.push({ payment, allocation })
      rows.push({
        tenant_id: tenant.id,
        account_id: account.id,
        amount_minor: payment.amountMinor,
        currency: payment.currency,
        received_on: payment.receivedOn,
        source: payment.source,
        external_id: payment.externalId,
        end_to_end_id: payment.endToEndId ?? null,
        status: 'posted',
        policy_id: allocation.policyId,
        credit_minor: allocation.creditMinor,
      })
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      result.rejected.push({ externalId: payment.externalId, code: error.code, message: error.message })
    }
  }
  const created = await insertPayments(trx, rows)
  const postedAt = new Date().toISOString()
  const lines: PaymentLedgerLine[] = []
  for (const { payment, allocation } of allocations) {
    const paymentId = created.get(payment.externalId)
    if (paymentId === undefined) {
      result.replayed.push(payment.externalId) // recorded by a concurrent poster meanwhile
      continue
    }
    result.posted.push({
      externalId: payment.externalId,
      paymentId,
      accountId: payment.accountId,
      allocation,
    })
    const line = (
      accountId: number,
      component: PaymentLedgerLine['component'],
      amount: number,
      key: string,
    ) =>
      lines.push({
        tenant_id: tenant.id,
        account_id: accountId,
        kind: 'payment',
        component,
        amount_minor: -amount,
        effective_on: payment.receivedOn,
        posted_at: postedAt,
        external_id: `${payment.externalId}#${key}`,
        payment_id: paymentId,
        memo: `payment ${payment.externalId} (${allocation.policyId})`,
      })
    for (const l of allocation.lines)
      line(Number(l.accountId), l.component, l.amountMinor, `${l.component}@${l.dueOn}`)
    if (allocation.creditMinor > 0) line(payment.accountId, 'credit', allocation.creditMinor, 'credit')
  }
  await insertPaymentLines(trx, lines)
  const receivedOn = new Map(payments.map((p) => [p.externalId, p.receivedOn]))
  await settleTouchedAccounts(trx, tenant, result, options, receivedOn)
  if (result.posted.length > 0) {
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'payments.posted',
      actor: options.actor,
      subject: result.posted.length === 1 ? `payment:${result.posted[0]?.paymentId}` : null,
      payload: {
        payments: result.posted.map((p) => ({
          id: p.paymentId,
          externalId: p.externalId,
          account: p.accountId,
        })),
        paidInFull: result.paidInFull,
      },
    })
  }
  return result
}

/** Closes accounts paid in full and cancels pending actions made pointless, after re-deciding if asked. */
async function settleTouchedAccounts(
  trx: Transaction<Database>,
  tenant: Tenant,
  result: PostPaymentsResult,
  options: PostPaymentsOptions,
  receivedOn: ReadonlyMap<string, string>,
): Promise<void> {
  const touched = [
    ...new Set(
      result.posted.flatMap((p) => [p.accountId, ...p.allocation.lines.map((l) => Number(l.accountId))]),
    ),
  ]
  // A payment that completes a settlement offer closes the account as settled before balances are read.
  const paidOn =
    result.posted
      .map((p) => receivedOn.get(p.externalId) ?? '')
      .sort()
      .at(-1) ?? ''
  await applySettlementsAfterPayment(trx, tenant, touched, paidOn)
  const balances = await balancesOf(trx, tenant.id, touched)
  const paid = touched.filter((id) => (balances.get(id) ?? 0) <= 0)
  const partly = touched.filter((id) => (balances.get(id) ?? 0) > 0)
  result.paidInFull = paid
  // Stale messages go BEFORE the re-decision, so the actions the re-decision schedules survive.
  result.cancelledActions += await cancelPendingActions(
    trx,
    tenant.id,
    partly,
    'messages',
    'a payment changed the amount due; the playbook decides the next message',
  )
  if (options.reevaluate) {
    for (const posted of result.posted) {
      await reevaluateAccountIn(trx, {
        tenant,
        accountId: posted.accountId,
        // Decided as of the payment's value date (noon UTC keeps the day in every zone but the far east).
        event: { key: `payment:${posted.externalId}`, at: `${receivedOn.get(posted.externalId)}T12:00:00Z` },
      })
    }
  }
  if (paid.length > 0) {
    await trx
      .updateTable('accounts')
      .set({ status: 'paid' })
      .where('tenant_id', '=', tenant.id)
      .where('id', 'in', paid)
      .where('status', '=', 'open')
      .execute()
  }
  // After the re-decision (which records the move to "resolved"): a closed account has nothing pending.
  result.cancelledActions += await cancelPendingActions(
    trx,
    tenant.id,
    paid,
    'all',
    'the account was paid in full',
  )
}

/** The payments already recorded under these references, with what they recorded. */
async function knownExternalIds(trx: Transaction<Database>, tenantId: number, ids: readonly string[]) {
  const known = new Map<
    string,
    { accountId: number; amountMinor: number; currency: string; receivedOn: string }
  >()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom('payments')
      .select(['external_id', 'account_id', 'amount_minor', 'currency', 'received_on'])
      .where('tenant_id', '=', tenantId)
      .where('external_id', 'in', ids.slice(i, i + 500))
      .execute()
    for (const r of rows) {
      known.set(r.external_id, {
        accountId: r.account_id,
        amountMinor: Number(r.amount_minor),
        currency: r.currency,
        receivedOn: r.received_on,
      })
    }
  }
  return known
}

function checkPayment(payment: IncomingPayment): void {
  if (!Number.isSafeInteger(payment.amountMinor) || payment.amountMinor <= 0) {
    throw new AppError(
      'invalid_amount',
      `payment ${payment.externalId}: the amount must be positive minor units`,
    )
  }
  const date = parseLocalDate(payment.receivedOn)
  if (!date.ok) throw new AppError('invalid_date', `payment ${payment.externalId}: receivedOn ${date.reason}`)
  if (!payment.externalId.trim())
    throw new AppError('invalid_reference', 'a payment needs its source transaction id')
}

function policyById(id: string) {
  const policy = (
    ALLOCATION_POLICIES as Record<string, (typeof ALLOCATION_POLICIES)[keyof typeof ALLOCATION_POLICIES]>
  )[id]
  if (!policy) {
    throw new AppError(
      'unknown_allocation_policy',
      `no allocation policy "${id}"; known: ${Object.keys(ALLOCATION_POLICIES).join(', ')}`,
    )
  }
  return policy
}

/** Takes an allocation's lines off the in-memory open items, so the next payment in the batch sees them. */
function consume(open: OpenItem[], allocation: AllocationResult): void {
  for (const line of allocation.lines) {
    const item = open.find(
      (i) => i.accountId === line.accountId && i.component === line.component && i.dueOn === line.dueOn,
    )
    if (item) item.outstandingMinor -= line.amountMinor
  }
}
