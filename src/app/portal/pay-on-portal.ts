import { randomUUID } from 'node:crypto'
import { AppError } from '../../core/errors/index.ts'
import type { PaymentProvider } from '../../core/payments/payment-provider.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { parsePaymentAmount } from '../payments/parse-payment-amount.ts'
import { postPayment } from '../payments/post-payment.ts'
import { getAccount } from '../records/get-account.ts'
import { portalAccountOf } from './portal-account.ts'

export interface PayOnPortalInput {
  /** Decimal string in the account currency, more than zero and at most the balance. */
  readonly amount: unknown
  /** The card, as the provider takes it (the test provider: docs/portal.md). */
  readonly card: string
  /** The request's Idempotency-Key: the provider charges once per key (default: a new charge). */
  readonly idempotencyKey?: string
  readonly provider: PaymentProvider
}

/**
 * A card payment by the debtor on their account: charged through the payment provider port, then
 * recorded through the one payment use case (postPayment: allocation by the jurisdiction's policy,
 * ledger, journal with the debtor as actor, settlements, re-decision, closing when paid in full). The
 * payment's reference is the provider's transaction id, so a retry of the same charge records nothing
 * twice. A declined card records nothing (`payment_declined`).
 */
export async function payOnPortal(ctx: AppContext, input: PayOnPortalInput) {
  authorize(ctx.actor, 'payments.post')
  const { account, debtorId } = portalAccountOf(ctx)
  const detail = await getAccount(ctx, { account })
  if (detail.status !== 'open' || detail.balanceMinor <= 0)
    throw new AppError('nothing_owed', `nothing is owed on account ${account}`)
  const amountMinor = parsePaymentAmount(input.amount, detail.currency)
  if (amountMinor > detail.balanceMinor)
    throw new AppError('invalid_amount', 'amount is more than the balance of the account', {
      field: 'amount',
      balanceMinor: detail.balanceMinor,
    })
  const key = `${ctx.actor.tenant.id}:${account}:${debtorId}:${input.idempotencyKey ?? randomUUID()}`
  const charge = await input.provider.charge({
    amountMinor,
    currency: detail.currency,
    card: input.card,
    idempotencyKey: key,
    description: `${ctx.actor.tenant.name} account ${account}`,
  })
  if (charge.outcome === 'invalid_card')
    throw new AppError('invalid_card', `testCard: ${charge.reason}`, { field: 'testCard' })
  if (charge.outcome === 'declined') throw new AppError('payment_declined', charge.reason)
  const posted = await postPayment(ctx, {
    account,
    amount: input.amount,
    reference: `portal:${input.provider.name}:${charge.transactionId}`,
    source: 'api',
  })
  return {
    reference: posted.reference,
    replayed: posted.replayed,
    amountMinor,
    currency: detail.currency,
    paidInFull: posted.paidInFull,
    allocation:
      posted.allocation?.lines.map(({ component, amountMinor: minor }) => ({
        component,
        amountMinor: minor,
      })) ?? [],
  }
}
