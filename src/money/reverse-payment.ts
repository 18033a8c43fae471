import type { Transaction } from 'kysely'
import type { TouchedAccount } from '../app/redecide-accounts.ts'
import { AppError } from '../core/errors/index.ts'
import { formatAmount } from '../core/money/money.ts'
import { referenceKey } from '../core/payments/payment-reference.ts'
import { appendJournalEvent } from '../store/journal.repository.ts'
import { writeLedgerLines } from '../store/ledger.repository.ts'
import { lockAccounts } from '../store/lock-accounts.ts'
import {
  claimReversal,
  openSettlementWriteOffs,
  paidSettlements,
  paymentByReference,
  paymentLines,
  paymentsByEndToEndId,
  reopenAccounts,
  reopenSettlement,
} from '../store/money/reversal.repository.ts'
import type { Database } from '../store/schema.ts'
import type { Tenant } from '../store/tenant.repository.ts'

export interface ReversePaymentInput {
  /** The source transaction id the payment was recorded under, or its end-to-end id. */
  externalId: string
  /** Why: a bank return reason (e.g. MD06 chargeback), "cheque bounced", "posted in error". */
  reason: string
  /** The reversal's value date. */
  effectiveOn: string
  actor: string
  /** The reversing transaction's own id (a chargeback line), journaled with the reversal. */
  reversalId?: string
  /** The returned amount and currency, when the source states them: they must match the payment. */
  amountMinor?: number
  currency?: string
}

export interface ReversePaymentResult {
  reversed: boolean
  paymentId: number
  accounts: number[]
  /** The accounts to re-decide, with the reversal as their event. */
  touched: TouchedAccount[]
  /** Ids of the ledger lines inserted (reversals of the split and of settlement write-offs). */
  ledgerEntryIds: number[]
}

/**
 * The payment a reference names: its own transaction id first; else its end-to-end id, which the payer
 * chose and may have reused, so more than one match is refused rather than guessed.
 */
async function findPayment(trx: Transaction<Database>, tenantId: number, reference: string) {
  const own = await paymentByReference(trx, tenantId, reference)
  if (own) return own
  const byEndToEnd = await paymentsByEndToEndId(trx, tenantId, reference)
  if (byEndToEnd.length > 1) {
    throw new AppError(
      'ambiguous_payment',
      `more than one payment carries end-to-end id "${reference}"; reverse it by its own reference`,
    )
  }
  const found = byEndToEnd[0]
  if (!found) throw new AppError('payment_not_found', `no payment with reference "${reference}"`)
  return found
}

/**
 * Reverses a payment (a chargeback, a returned direct debit, a bounced cheque) in the caller's
 * transaction: every ledger line of its split gets its exact opposite, the payment is marked reversed,
 * an account closed as paid reopens. Returns the accounts touched; the use case re-decides them.
 * Reversing a reversed payment is a no-op that says so; an unknown payment is an error.
 */
export async function reversePaymentWrites(
  trx: Transaction<Database>,
  tenant: Tenant,
  input: ReversePaymentInput,
): Promise<ReversePaymentResult> {
  const reference = referenceKey(input.externalId)
  const payment = await findPayment(trx, tenant.id, reference)
  if (input.amountMinor !== undefined && input.amountMinor !== payment.amountMinor) {
    const shown = (minor: number) => `${formatAmount(minor, payment.currency)} ${payment.currency}`
    throw new AppError(
      'return_amount_mismatch',
      `the return of ${shown(input.amountMinor)} does not equal payment ${reference} of ` +
        `${shown(payment.amountMinor)}; partial returns need a manual adjustment`,
    )
  }
  if (input.currency !== undefined && input.currency !== payment.currency) {
    throw new AppError(
      'currency_mismatch',
      `the return is in ${input.currency}, payment ${reference} in ${payment.currency}`,
    )
  }
  if (!input.reason.trim()) throw new AppError('invalid_reason', 'a reversal needs a reason')
  if (input.effectiveOn < payment.receivedOn) {
    throw new AppError(
      'invalid_date',
      `the reversal's value date ${input.effectiveOn} is before payment ${reference} was received (${payment.receivedOn})`,
      { field: 'effectiveOn' },
    )
  }
  const none = { reversed: false, paymentId: payment.id, accounts: [], touched: [], ledgerEntryIds: [] }
  if (!(await claimReversal(trx, payment.id, input.reason))) {
    // Already reversed: the same reversal again is a replay, and so is a bank return (two statements
    // may report one return); a person reversing it again for another reason is told it already was.
    const stored = (await paymentByReference(trx, tenant.id, payment.externalId))?.reversalReason ?? null
    if (stored !== null && stored !== input.reason && input.reversalId === undefined) {
      throw new AppError(
        'already_reversed',
        `payment ${reference} was already reversed, for "${stored}"; it cannot be reversed again for "${input.reason}"`,
      )
    }
    return none
  }
  const lines = await paymentLines(trx, tenant.id, payment.id)
  const accounts = [...new Set(lines.map((l) => l.accountId))]
  await lockAccounts(trx, tenant.id, accounts)
  const written = await writeLedgerLines(
    trx,
    lines.map((line) => ({
      tenantId: tenant.id,
      accountId: line.accountId,
      kind: 'reversal' as const,
      component: line.component,
      amountMinor: -line.amountMinor,
      effectiveOn: input.effectiveOn,
      externalId: `reversal:${line.id}`,
      reversesId: line.id,
      paymentId: payment.id,
      memo: input.reason,
    })),
  )
  const ledgerEntryIds = written.map((w) => w.id)
  if (accounts.length > 0) {
    ledgerEntryIds.push(...(await undoSettlements(trx, tenant.id, accounts, input)))
    await reopenAccounts(trx, tenant.id, accounts)
  }
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'payment.reversed',
    actor: input.actor,
    // The payment's new status and the reversal lines (with any settlement undone).
    covers: [
      { table: 'payment_status', ids: [payment.id] },
      { table: 'ledger_entries', ids: ledgerEntryIds },
    ],
    subject: `payment:${payment.id}`,
    payload: {
      externalId: reference,
      reason: input.reason,
      reversalId: input.reversalId ?? null,
      lines: lines.length,
    },
  })
  const touched = accounts.map((accountId) => ({ accountId, event: { key: `reversal:${reference}` } }))
  return { reversed: true, paymentId: payment.id, accounts, touched, ledgerEntryIds }
}

/**
 * @deprecated The same, re-deciding the touched accounts itself through `redecideAccounts`, for callers
 * that predate the use-case layer (the camt importer). New callers use the `reverse-payment` use case.
 */
export async function reversePaymentIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  input: ReversePaymentInput,
): Promise<ReversePaymentResult> {
  const result = await reversePaymentWrites(trx, tenant, input)
  const { redecideAccounts } = await import('../app/redecide-accounts.ts')
  await redecideAccounts(trx, tenant, result.touched)
  return result
}

/**
 * A reversed payment can no longer have completed a settlement: the settlement's write-off lines get
 * their exact opposites and the offer goes back to offered (or expired, past its date), so the account
 * reopens owing what it owed. Returns the ids of the lines written.
 */
async function undoSettlements(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
  input: ReversePaymentInput,
): Promise<number[]> {
  const ids: number[] = []
  for (const settlement of await paidSettlements(trx, tenantId, accountIds)) {
    const writeOffs = await openSettlementWriteOffs(trx, tenantId, settlement.accountId, settlement.id)
    const written = await writeLedgerLines(
      trx,
      writeOffs.map((line) => ({
        tenantId,
        accountId: line.accountId,
        kind: 'reversal' as const,
        component: line.component,
        amountMinor: -line.amountMinor,
        effectiveOn: input.effectiveOn,
        externalId: `reversal:${line.id}`,
        reversesId: line.id,
        memo: `settlement ${settlement.id} undone: ${input.reason}`,
      })),
    )
    ids.push(...written.map((w) => w.id))
    await reopenSettlement(
      trx,
      tenantId,
      settlement.id,
      settlement.expiresOn < input.effectiveOn ? 'expired' : 'offered',
    )
  }
  return ids
}
