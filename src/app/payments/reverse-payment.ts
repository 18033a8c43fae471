import { type LocalDate, localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { implausibleDate } from '../../core/payments/payment-plausibility.ts'
import { normalizeReference } from '../../core/payments/payment-reference.ts'
import { reversePaymentWrites } from '../../money/reverse-payment.ts'
import { accountExternalIds } from '../../store/money/unmatched-credit.repository.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { requireAccountIdsInScope } from '../client-scope.ts'
import { redecideAccounts } from '../redecide-accounts.ts'

export interface ReversePaymentInput {
  /** The payment's reference (its own transaction id) or its end-to-end id. */
  readonly reference: string
  /** Why: "MD06 chargeback", "cheque bounced", "posted in error". */
  readonly reason: string
  /** Value date of the reversal (default: today in the tenant zone). */
  readonly effectiveOn?: LocalDate
  readonly now?: Date
}

export interface ReversePaymentResult {
  readonly reversed: boolean
  readonly reference: string
  /** External ids of the accounts the reversal reopened or changed. */
  readonly accounts: readonly string[]
  readonly ledgerEntryIds: readonly number[]
}

/**
 * Reverses a payment (chargeback, returned debit, bounced cheque): its split gets exact opposites, a
 * paid or settled account reopens and is re-decided, in one transaction. Reversing twice for the same
 * reason is a no-op that says so (`reversed: false`); for another reason, `already_reversed`. The value
 * date must be plausible (docs/money-flows.md) and not before the payment was received.
 */
export async function reversePayment(
  ctx: AppContext,
  input: ReversePaymentInput,
): Promise<ReversePaymentResult> {
  authorize(ctx.actor, 'payments.reverse')
  const { tenant } = ctx.actor
  const reference = normalizeReference(input.reference)
  if (!reference.ok)
    throw new AppError('invalid_reference', `reference: ${reference.reason}`, { field: 'reference' })
  const reason = input.reason.trim()
  if (!reason) throw new AppError('invalid_reason', 'a reversal needs a reason', { field: 'reason' })
  if (reason.length > 500)
    throw new AppError('invalid_reason', 'the reason is longer than 500 characters', { field: 'reason' })
  const today = localDateAt(input.now ?? new Date(), tenant.time_zone)
  let effectiveOn = today
  if (input.effectiveOn !== undefined) {
    const parsed = parseLocalDate(input.effectiveOn)
    if (!parsed.ok)
      throw new AppError('invalid_date', `effectiveOn: ${parsed.reason}`, { field: 'effectiveOn' })
    const implausible = implausibleDate(parsed.date, today)
    if (implausible)
      throw new AppError('invalid_date', `effectiveOn: ${implausible}`, { field: 'effectiveOn' })
    effectiveOn = parsed.date
  }
  return inTransaction(ctx, async (trx) => {
    const result = await reversePaymentWrites(trx, tenant, {
      externalId: reference.reference,
      reason,
      effectiveOn,
      actor: actorLabel(ctx.actor),
    })
    // An actor limited to some clients may not reverse another client's payment: the writes roll back.
    await requireAccountIdsInScope(
      ctx,
      trx,
      result.accounts,
      () => new AppError('payment_not_found', `no payment with reference "${reference.reference}"`),
    )
    await redecideAccounts(trx, tenant, result.touched)
    const names = await accountExternalIds(trx, tenant.id, result.accounts)
    return {
      reversed: result.reversed,
      reference: reference.reference,
      accounts: result.accounts.map((id) => names.get(id) ?? String(id)),
      ledgerEntryIds: result.ledgerEntryIds,
    }
  })
}
