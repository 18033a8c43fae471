import { randomUUID } from 'node:crypto'
import { AppError } from '../../core/errors/index.ts'
import { formatAmount } from '../../core/money/money.ts'
import type { PaymentProvider } from '../../core/payments/payment-provider.ts'
import {
  claimPortalCharge,
  findPortalCharge,
  markPortalCharge,
  type PortalChargeRow,
} from '../../store/portal/portal-charge.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { parsePaymentAmount } from '../payments/parse-payment-amount.ts'
import { postPayment } from '../payments/post-payment.ts'
import { getAccount } from '../records/get-account.ts'
import { portalAccountOf, portalHeader } from './portal-account.ts'

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
 *
 * The charge is written down (`portal_charges`, `charging`) before the provider is called and its
 * answer after (`succeeded` with the transaction id, or `declined`), each in its own statement: a
 * process killed after the charge leaves a `succeeded` row that `bookPortalCharges` (every dispatcher
 * pass) books, and a retry with the same key books it at once, even when the balance has changed
 * since. Money taken is never left out of the books.
 */
export async function payOnPortal(ctx: AppContext, input: PayOnPortalInput) {
  authorize(ctx.actor, 'payments.post')
  const { account, debtorId } = portalAccountOf(ctx)
  const { tenant } = ctx.actor
  const key = `${tenant.id}:${account}:${debtorId}:${input.idempotencyKey ?? randomUUID()}`
  const earlier = await findPortalCharge(ctx.store.db, tenant.id, key)
  if (earlier?.transaction_id) return bookPortalCharge(ctx, account, earlier)
  const detail = await getAccount(ctx, { account })
  if (detail.status !== 'open' || detail.balanceMinor <= 0)
    throw new AppError('nothing_owed', `nothing is owed on account ${account}`)
  const amountMinor = parsePaymentAmount(input.amount, detail.currency)
  if (amountMinor > detail.balanceMinor)
    throw new AppError('invalid_amount', 'amount is more than the balance of the account', {
      field: 'amount',
      balanceMinor: detail.balanceMinor,
    })
  const header = await portalHeader(ctx)
  const claimed = await claimPortalCharge(ctx.store.db, {
    tenantId: tenant.id,
    accountId: header.id,
    debtorId,
    idempotencyKey: key,
    provider: input.provider.name,
    amountMinor,
    currency: detail.currency,
  })
  if (claimed.amount_minor !== amountMinor || claimed.currency !== detail.currency)
    throw new AppError(
      'idempotency_key_reused',
      'this Idempotency-Key was used for a payment of another amount; use a new key',
    )
  const charge = await input.provider.charge({
    amountMinor,
    currency: detail.currency,
    card: input.card,
    idempotencyKey: key,
    description: `${tenant.name} account ${account}`,
  })
  if (charge.outcome !== 'succeeded') {
    await markPortalCharge(ctx.store.db, claimed.id, { status: 'declined' })
    if (charge.outcome === 'invalid_card')
      throw new AppError('invalid_card', `testCard: ${charge.reason}`, { field: 'testCard' })
    throw new AppError('payment_declined', charge.reason)
  }
  await markPortalCharge(ctx.store.db, claimed.id, {
    status: 'succeeded',
    transactionId: charge.transactionId,
  })
  return bookPortalCharge(ctx, account, { ...claimed, transaction_id: charge.transactionId })
}

/** Books a charge the provider took (once, by its transaction id) and marks it recorded. */
export async function bookPortalCharge(ctx: AppContext, account: string, charge: PortalChargeRow) {
  const posted = await postPayment(ctx, {
    account,
    amount: formatAmount(charge.amount_minor, charge.currency),
    reference: portalPaymentReference(charge.provider, charge.transaction_id ?? ''),
    source: 'api',
  })
  await markPortalCharge(ctx.store.db, charge.id, { status: 'recorded' })
  return {
    reference: posted.reference,
    replayed: posted.replayed,
    amountMinor: charge.amount_minor,
    currency: charge.currency,
    paidInFull: posted.paidInFull,
    allocation:
      posted.allocation?.lines.map(({ component, amountMinor: minor }) => ({
        component,
        amountMinor: minor,
      })) ?? [],
  }
}

/** The payment reference of a portal charge: the provider and its transaction id. */
export function portalPaymentReference(provider: string, transactionId: string): string {
  return `portal:${provider}:${transactionId}`
}
