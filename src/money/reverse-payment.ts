import type { Transaction } from 'kysely'
import { AppError } from '../core/errors.ts'
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
  /** The reversing transaction's own id (a chargeback line); recorded so a replay reverses nothing twice. */
  reversalId?: string
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
  const payment = await trx
    .selectFrom('payments')
    .selectAll()
    .where('tenant_id', '=', tenant.id)
    .where((eb) =>
      eb.or([eb('external_id', '=', input.externalId), eb('end_to_end_id', '=', input.externalId)]),
    )
    .orderBy('id', 'desc')
    .executeTakeFirst()
  if (!payment) throw new AppError('payment_not_found', `no payment with reference "${input.externalId}"`)
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
    await trx
      .updateTable('accounts')
      .set({ status: 'open' })
      .where('tenant_id', '=', tenant.id)
      .where('id', 'in', accounts)
      .where('status', '=', 'paid')
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
