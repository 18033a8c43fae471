import type { Transaction } from 'kysely'
import type { TouchedAccount } from '../app/redecide-accounts.ts'
import {
  type AllocationResult,
  allocatePayment,
  type OpenItem,
  type PayerLine,
} from '../core/allocation/allocate-payment.ts'
import {
  ALLOCATION_POLICIES,
  type NamedAllocationPolicy,
  policyFor,
} from '../core/allocation/allocation-policies.ts'
import { type LocalDate, localDateAt, parseLocalDate } from '../core/calendar/local-date.ts'
import { AppError, type ErrorCode } from '../core/errors/index.ts'
import { formatAmount } from '../core/money/money.ts'
import { implausibleDate, isImplausiblyLarge, PAYMENT_LIMITS } from '../core/payments/payment-plausibility.ts'
import { normalizeReference, referenceKey } from '../core/payments/payment-reference.ts'
import { appendJournalEvent } from '../store/journal.repository.ts'
import { type LedgerLine, writeLedgerLines } from '../store/ledger.repository.ts'
import { lockAccounts } from '../store/lock-accounts.ts'
import { cancelPendingActions } from '../store/money/outbox-cancel.repository.ts'
import {
  balancesOf,
  insertPayments,
  loadOpenItems,
  loadPayableAccounts,
  markAccountsPaid,
  type NewPaymentRow,
  type RecordedPayment,
  recordedPayments,
} from '../store/money/payment.repository.ts'
import {
  type ForwardedPayment,
  forwardedByReference,
  insertForwardedPayments,
  soldAccountsAmong,
} from '../store/sales/sale.repository.ts'
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
  /** Accept a payment above the plausible multiple of what is owed (PAYMENT_LIMITS): the caller confirmed it. */
  acceptLarge?: boolean
}

export interface PostPaymentsResult {
  /** `index` is the payment's position in the input, so callers can name its line or request. */
  posted: {
    index: number
    externalId: string
    paymentId: number
    accountId: number
    allocation: AllocationResult
  }[]
  replayed: string[]
  rejected: { index: number; externalId: string; code: ErrorCode; message: string }[]
  /** Accounts this batch paid in full (closed as paid, their pending actions cancelled). */
  paidInFull: number[]
  cancelledActions: number
  /** The accounts the batch changed, with the event that changed them: what the use case re-decides. */
  touched: TouchedAccount[]
  /** Ids of the ledger lines inserted (for the journal's coverage of the rows it records). */
  ledgerEntryIds: number[]
  /**
   * Payments for sold accounts: recorded in forwarded_payments for the buyer, never booked in the
   * ledger (docs/debt-sale.md, "After the sale").
   */
  forwarded: {
    index: number
    externalId: string
    accountId: number
    saleId: number
    buyer: string
    forwardedId: number
  }[]
}

/** Re-decides the accounts a service touched; the use case passes `redecideAccounts`. */
export type Redecide = (trx: Transaction<Database>, touched: readonly TouchedAccount[]) => Promise<void>

export interface PostPaymentsOptions {
  actor: string
  /**
   * Called at the one point of the posting where a re-decision belongs (after stale messages are
   * cancelled, before paid accounts are closed): use cases pass `redecideAccounts`; bulk imports that
   * leave the decision to the daily run pass nothing.
   */
  redecide?: Redecide
  /**
   * @deprecated Callers that predate the use-case layer (the camt importer) ask for the re-decision with
   * this flag; it runs `redecideAccounts`, the same orchestrator, at the same point. Pass `redecide`.
   */
  reevaluate?: boolean
  /** The tenant's today for the plausibility limits (default: now in the tenant zone). */
  today?: LocalDate
}

/**
 * Posts payments in the caller's transaction: validates each (a bad one is rejected with its reason,
 * the others go on), allocates it over the account's open items by policy (several payments to one
 * account in a batch see each other's effect), records the payment and its split through the one
 * ledger writer, closes accounts paid in full and cancels the actions a payment makes pointless, and
 * journals the batch. References are normalised here, so every path (CLI, HTTP, CSV, camt) agrees.
 */
export async function postPaymentsIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  incoming: readonly IncomingPayment[],
  options: PostPaymentsOptions,
): Promise<PostPaymentsResult> {
  const result: PostPaymentsResult = {
    posted: [],
    replayed: [],
    rejected: [],
    paidInFull: [],
    cancelledActions: 0,
    touched: [],
    ledgerEntryIds: [],
    forwarded: [],
  }
  const payments = incoming.map((p) => ({ ...p, externalId: referenceKey(p.externalId) }))
  const today = options.today ?? localDateAt(new Date(), tenant.time_zone)
  const ids = [...new Set(payments.map((p) => p.accountId))].sort((a, b) => a - b)
  // Serialises concurrent postings to the same accounts (ordered ids: no deadlock between batches).
  await lockAccounts(trx, tenant.id, ids)
  const accounts = await loadPayableAccounts(trx, tenant.id, ids)
  const items = await loadOpenItems(trx, tenant.id, accounts)
  const known = await recordedPayments(
    trx,
    tenant.id,
    payments.map((p) => p.externalId),
  )
  // Sold accounts: their payments are the buyer's (forwarded, not booked).
  const sold = await soldAccountsAmong(trx, tenant.id, ids)
  const forwardedBefore = await forwardedByReference(
    trx,
    tenant.id,
    sold.size === 0 ? [] : payments.map((p) => p.externalId),
  )
  const forwards: { index: number; payment: IncomingPayment; saleId: number; buyer: string }[] = []
  const seen = new Set<string>()
  const rows: NewPaymentRow[] = []
  const allocations: { index: number; payment: IncomingPayment; allocation: AllocationResult }[] = []
  for (const [index, payment] of payments.entries()) {
    try {
      const reference = normalizeReference(payment.externalId)
      if (!reference.ok) throw new AppError('invalid_reference', `reference: ${reference.reason}`)
      const account = accounts.get(payment.accountId)
      const policy = () =>
        payment.policyId
          ? policyById(payment.policyId)
          : account
            ? policyFor(account.jurisdiction, account.debtKind)
            : undefined
      const recorded = known.get(payment.externalId)
      if (recorded) {
        const differs = differences(recorded, payment, policy()?.id)
        if (differs.length === 0) result.replayed.push(payment.externalId)
        else throw conflict(recorded, payment, differs)
        continue
      }
      if (seen.has(payment.externalId)) {
        throw new AppError('duplicate_payment', `payment ${payment.externalId} appears twice in this batch`)
      }
      seen.add(payment.externalId)
      if (!account) throw new AppError('account_not_found', `no account ${payment.accountId} for this tenant`)
      checkPayment(payment, today)
      const owner = sold.get(account.id)
      if (owner) {
        const before = forwardedBefore.get(payment.externalId)
        if (!before) forwards.push({ index, payment, ...owner })
        else {
          const differs = forwardedDifferences(before, payment)
          if (differs.length === 0) result.replayed.push(payment.externalId)
          else throw forwardedConflict(before, account.externalId, payment, differs)
        }
        continue
      }
      const open = items.get(account.id) ?? []
      const owed = open.reduce((sum, i) => sum + i.outstandingMinor, 0)
      if (!payment.acceptLarge && isImplausiblyLarge(payment.amountMinor, owed)) {
        throw new AppError(
          'implausible_payment',
          `payment ${payment.externalId} of ${formatAmount(payment.amountMinor, payment.currency)} ` +
            `${payment.currency} is more than ${PAYMENT_LIMITS.maxBalanceMultiple} times what account ` +
            `${account.externalId} owes (${formatAmount(owed, account.currency)} ${account.currency}); ` +
            'check the account and the amount; if both are right, post it on its own with the confirmation ' +
            '(`recoup payment post ... --accept-large`, or "acceptLarge": true over the API)',
          { field: 'amount' },
        )
      }
      const allocation = allocatePayment({
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        accountCurrency: account.currency,
        targetAccountId: String(account.id),
        items: open,
        policy: payment.policyId
          ? policyById(payment.policyId)
          : policyFor(account.jurisdiction, account.debtKind),
        ...(payment.payerLines ? { payerLines: payment.payerLines } : {}),
      })
      consume(open, allocation)
      allocations.push({ index, payment, allocation })
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
      result.rejected.push({
        index,
        externalId: payment.externalId,
        code: error.code,
        message: error.message,
      })
    }
  }
  await forwardPayments(trx, tenant, forwards, result, options.actor)
  const created = await insertPayments(trx, rows)
  const lines: LedgerLine[] = []
  for (const { index, payment, allocation } of allocations) {
    const paymentId = created.get(payment.externalId)
    if (paymentId === undefined) {
      result.replayed.push(payment.externalId) // recorded by a concurrent poster meanwhile
      continue
    }
    result.posted.push({
      index,
      externalId: payment.externalId,
      paymentId,
      accountId: payment.accountId,
      allocation,
    })
    const line = (accountId: number, component: LedgerLine['component'], amount: number, key: string) =>
      lines.push({
        tenantId: tenant.id,
        accountId,
        kind: 'payment',
        component,
        amountMinor: -amount,
        effectiveOn: payment.receivedOn,
        externalId: `${payment.externalId}#${key}`,
        paymentId,
        memo: `payment ${payment.externalId} (${allocation.policyId})`,
      })
    for (const l of allocation.lines)
      line(Number(l.accountId), l.component, l.amountMinor, `${l.component}@${l.dueOn}`)
    if (allocation.creditMinor > 0) line(payment.accountId, 'credit', allocation.creditMinor, 'credit')
  }
  const written = await writeLedgerLines(trx, lines)
  result.ledgerEntryIds = written.map((w) => w.id)
  result.touched = result.posted.map((p) => ({
    accountId: p.accountId,
    // Decided as of the payment's value date (noon UTC keeps the day in every zone but the far east).
    event: { key: `payment:${p.externalId}`, at: `${payments[p.index]?.receivedOn}T12:00:00Z` },
  }))
  await settleTouchedAccounts(trx, tenant, result, options, payments)
  if (result.posted.length > 0) {
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'payments.posted',
      actor: options.actor,
      // The payments' facts and their ledger split: `audit verify` re-reads these rows.
      covers: [
        { table: 'payments', ids: result.posted.map((p) => p.paymentId) },
        { table: 'ledger_entries', ids: result.ledgerEntryIds },
      ],
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

/** Closes accounts paid in full and cancels pending actions made pointless, re-deciding in between. */
async function settleTouchedAccounts(
  trx: Transaction<Database>,
  tenant: Tenant,
  result: PostPaymentsResult,
  options: PostPaymentsOptions,
  payments: readonly IncomingPayment[],
): Promise<void> {
  const touched = [
    ...new Set(
      result.posted.flatMap((p) => [p.accountId, ...p.allocation.lines.map((l) => Number(l.accountId))]),
    ),
  ]
  // A payment that completes a settlement offer closes the account as settled before balances are read.
  const paidOn =
    result.posted
      .map((p) => payments[p.index]?.receivedOn ?? '')
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
  const redecide = options.redecide ?? (options.reevaluate ? await legacyRedecide(tenant) : undefined)
  if (redecide && result.touched.length > 0) await redecide(trx, result.touched)
  await markAccountsPaid(trx, tenant.id, paid)
  // After the re-decision (which records the move to "resolved"): a closed account has nothing pending.
  result.cancelledActions += await cancelPendingActions(
    trx,
    tenant.id,
    paid,
    'all',
    'the account was paid in full',
  )
}

/** The orchestrator for callers still passing `reevaluate: true` (loaded lazily: it sits above money). */
async function legacyRedecide(tenant: Tenant): Promise<Redecide> {
  const { redecideAccounts } = await import('../app/redecide-accounts.ts')
  return (trx, touched) => redecideAccounts(trx, tenant, touched)
}

/** What differs between a recorded payment and a new one under the same reference. */
function differences(recorded: RecordedPayment, payment: IncomingPayment, policyId: string | undefined) {
  const differs: string[] = []
  if (recorded.accountId !== payment.accountId) differs.push('account')
  if (recorded.amountMinor !== payment.amountMinor || recorded.currency !== payment.currency)
    differs.push('amount')
  if (recorded.receivedOn !== payment.receivedOn) differs.push('received date')
  if (policyId !== undefined && recorded.policyId !== policyId) differs.push('allocation policy')
  return differs
}

/** What differs between a forwarded payment and a new one under the same reference. */
function forwardedDifferences(recorded: ForwardedPayment, payment: IncomingPayment) {
  const differs: string[] = []
  if (recorded.accountId !== payment.accountId) differs.push('account')
  if (recorded.amountMinor !== payment.amountMinor || recorded.currency !== payment.currency)
    differs.push('amount')
  if (recorded.receivedOn !== payment.receivedOn) differs.push('received date')
  return differs
}

/** A forwarded reference posted again with other facts: refused like a booked one (`conflict`). */
function forwardedConflict(
  recorded: ForwardedPayment,
  account: string,
  payment: IncomingPayment,
  differs: readonly string[],
) {
  const amount = `${formatAmount(recorded.amountMinor, recorded.currency)} ${recorded.currency}`
  return new AppError(
    'idempotency_conflict',
    `reference ${payment.externalId} was already forwarded to the buyer, ${amount} on ${recorded.receivedOn}; ` +
      `this one differs in ${differs.join(', ')}`,
    { reference: payment.externalId, account, differs },
  )
}

/** The same reference with other facts is not a replay: refusing it keeps a payment from vanishing. */
function conflict(recorded: RecordedPayment, payment: IncomingPayment, differs: readonly string[]) {
  const amount = `${formatAmount(recorded.amountMinor, recorded.currency)} ${recorded.currency}`
  return new AppError(
    'idempotency_conflict',
    `reference ${payment.externalId} was already recorded for account ${recorded.accountExternalId}, ` +
      `${amount} on ${recorded.receivedOn} (policy ${recorded.policyId}); this one differs in ${differs.join(', ')}`,
    { reference: payment.externalId, account: recorded.accountExternalId, differs },
  )
}

function checkPayment(payment: IncomingPayment, today: LocalDate): void {
  if (!Number.isSafeInteger(payment.amountMinor) || payment.amountMinor <= 0) {
    throw new AppError(
      'invalid_amount',
      `payment ${payment.externalId}: the amount must be positive minor units`,
    )
  }
  const date = parseLocalDate(payment.receivedOn)
  if (!date.ok) throw new AppError('invalid_date', `payment ${payment.externalId}: receivedOn ${date.reason}`)
  const implausible = implausibleDate(date.date, today)
  if (implausible)
    throw new AppError('invalid_date', `payment ${payment.externalId}: received on ${implausible}`, {
      field: 'receivedOn',
    })
}

/** The named policy; a name that is not one (including "constructor", "__proto__") is refused, not looked up. */
export function policyById(id: string): NamedAllocationPolicy {
  if (!Object.hasOwn(ALLOCATION_POLICIES, id)) {
    throw new AppError(
      'unknown_allocation_policy',
      `no allocation policy "${id}"; known: ${Object.keys(ALLOCATION_POLICIES).join(', ')}`,
      { field: 'policy' },
    )
  }
  return ALLOCATION_POLICIES[id as keyof typeof ALLOCATION_POLICIES]
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

/**
 * Records the payments received for sold accounts as forwarded to their buyers (a reference recorded
 * before is a replay) and journals them (`payments.forwarded`): the money is the buyer's, so nothing
 * reaches the ledger, no account is re-decided and nothing is closed.
 */
async function forwardPayments(
  trx: Transaction<Database>,
  tenant: Tenant,
  forwards: readonly { index: number; payment: IncomingPayment; saleId: number; buyer: string }[],
  result: PostPaymentsResult,
  actor: string,
): Promise<void> {
  if (forwards.length === 0) return
  const ids = await insertForwardedPayments(
    trx,
    forwards.map((f) => ({
      tenant_id: tenant.id,
      sale_id: f.saleId,
      account_id: f.payment.accountId,
      amount_minor: f.payment.amountMinor,
      currency: f.payment.currency,
      received_on: f.payment.receivedOn,
      source: f.payment.source,
      external_id: f.payment.externalId,
      recorded_by: actor,
    })),
  )
  for (const f of forwards) {
    const forwardedId = ids.get(f.payment.externalId)
    if (forwardedId === undefined) {
      result.replayed.push(f.payment.externalId)
      continue
    }
    result.forwarded.push({
      index: f.index,
      externalId: f.payment.externalId,
      accountId: f.payment.accountId,
      saleId: f.saleId,
      buyer: f.buyer,
      forwardedId,
    })
  }
  if (result.forwarded.length === 0) return
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'payments.forwarded',
    actor,
    subject: result.forwarded.length === 1 ? `account:${result.forwarded[0]?.accountId}` : null,
    payload: {
      payments: result.forwarded.map((f) => ({
        id: f.forwardedId,
        externalId: f.externalId,
        account: f.accountId,
        saleId: f.saleId,
        buyer: f.buyer,
      })),
    },
  })
}
