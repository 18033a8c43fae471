import type { Transaction } from 'kysely'
import { AppError } from '../core/errors/index.ts'
import { reevaluateAccountIn } from '../engine/reevaluate-account.ts'
import { appendJournalEvent } from '../store/journal.repository.ts'
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

/**
 * The payment a reference names: its own transaction id first; else its end-to-end id, which the payer
 * chose and may have reused, so more than one match is refused rather than guessed.
 */
async function findPayment(trx: Transaction<Database>, tenantId: number, reference: string) {
  const own = await trx
    .selectFrom('payments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('external_id', '=', reference)
    .executeTakeFirst()
  if (own) return own
  const byEndToEnd = await trx
    .selectFrom('payments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('end_to_end_id', '=', reference)
    .limit(2)
    .execute()
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
 * Reverses a payment (a chargeback, a returned direct debit, a bounced cheque): every ledger line of its
 * split gets its exact opposite, the payment is marked reversed, an account closed as paid reopens, and
 * the account is re-decided, all in the caller's transaction. Reversing a reversed payment is a no-op
 * that says so; an unknown payment is an error.
 */
export async function reversePaymentIn(
  trx: Transaction<Database>,
  tenant: Tenant,
  input: ReversePaymentInput,
): Promise<{ reversed: boolean; paymentId: number; accounts: number[] }> {
  const payment = await findPayment(trx, tenant.id, input.externalId)
  if (input.amountMinor !== undefined && input.amountMinor !== Number(payment.amount_minor)) {
    throw new AppError(
      'return_amount_mismatch',
      `the return of ${input.amountMinor} does not equal payment ${input.externalId} of ${payment.amount_minor}; ` +
        'partial returns need a manual adjustment',
    )
  }
  if (input.currency !== undefined && input.currency !== payment.currency) {
    throw new AppError(
      'currency_mismatch',
      `the return is in ${input.currency}, payment ${input.externalId} in ${payment.currency}`,
    )
  }
  if (!input.reason.trim()) throw new AppError('invalid_reason', 'a reversal needs a reason')
  const claimed = await trx
    .updateTable('payments')
    .set({ status: 'reversed', reversed_at: new Date().toISOString(), reversal_reason: input.reason })
    .where('id', '=', payment.id)
    .where('status', '=', 'posted')
    .executeTakeFirst()
  if (Number(claimed.numUpdatedRows) === 0) return { reversed: false, paymentId: payment.id, accounts: [] }
  const lines = await trx
    .selectFrom('ledger_entries')
    .selectAll()
    .where('tenant_id', '=', tenant.id)
    .where('payment_id', '=', payment.id)
    .where('kind', '=', 'payment')
    .execute()
  const postedAt = new Date().toISOString()
  if (lines.length > 0) {
    await trx
      .insertInto('ledger_entries')
      .values(
        lines.map((line) => ({
          tenant_id: tenant.id,
          account_id: line.account_id,
          kind: 'reversal' as const,
          component: line.component,
          amount_minor: -Number(line.amount_minor),
          effective_on: input.effectiveOn,
          posted_at: postedAt,
          external_id: `reversal:${line.id}`,
          reverses_id: line.id,
          payment_id: payment.id,
          memo: input.reason,
        })),
      )
      .execute()
  }
  const accounts = [...new Set(lines.map((l) => l.account_id))]
  if (accounts.length > 0) {
    await undoSettlements(trx, tenant.id, accounts, input)
    await trx
      .updateTable('accounts')
      .set({ status: 'open' })
      .where('tenant_id', '=', tenant.id)
      .where('id', 'in', accounts)
      .where('status', 'in', ['paid', 'settled'])
      .execute()
  }
  await appendJournalEvent(trx, {
    tenantId: tenant.id,
    type: 'payment.reversed',
    actor: input.actor,
    subject: `payment:${payment.id}`,
    payload: {
      externalId: input.externalId,
      reason: input.reason,
      reversalId: input.reversalId ?? null,
      lines: lines.length,
    },
  })
  for (const accountId of accounts) {
    await reevaluateAccountIn(trx, { tenant, accountId, event: { key: `reversal:${input.externalId}` } })
  }
  return { reversed: true, paymentId: payment.id, accounts }
}

/**
 * A reversed payment can no longer have completed a settlement: the settlement's write-off lines get
 * their exact opposites and the offer goes back to offered (or expired, past its date), so the account
 * reopens owing what it owed.
 */
async function undoSettlements(
  trx: Transaction<Database>,
  tenantId: number,
  accountIds: readonly number[],
  input: ReversePaymentInput,
): Promise<void> {
  const settled = await trx
    .selectFrom('settlements')
    .select(['id', 'account_id', 'expires_on'])
    .where('tenant_id', '=', tenantId)
    .where('account_id', 'in', accountIds)
    .where('status', '=', 'paid')
    .execute()
  for (const settlement of settled) {
    const writeOffs = await trx
      .selectFrom('ledger_entries as l')
      .leftJoin('ledger_entries as r', 'r.reverses_id', 'l.id')
      .selectAll('l')
      .where('l.tenant_id', '=', tenantId)
      .where('l.account_id', '=', settlement.account_id)
      .where('l.kind', '=', 'write_off')
      .where('l.external_id', 'like', `settlement:${settlement.id}#%`)
      .where('r.id', 'is', null)
      .execute()
    if (writeOffs.length > 0) {
      await trx
        .insertInto('ledger_entries')
        .values(
          writeOffs.map((line) => ({
            tenant_id: tenantId,
            account_id: line.account_id,
            kind: 'reversal' as const,
            component: line.component,
            amount_minor: -Number(line.amount_minor),
            effective_on: input.effectiveOn,
            posted_at: new Date().toISOString(),
            external_id: `reversal:${line.id}`,
            reverses_id: line.id,
            memo: `settlement ${settlement.id} undone: ${input.reason}`,
          })),
        )
        .execute()
    }
    await trx
      .updateTable('settlements')
      .set({ status: settlement.expires_on < input.effectiveOn ? 'expired' : 'offered', settled_on: null })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', settlement.id)
      .execute()
  }
}
