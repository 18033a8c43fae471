import type { Transaction } from 'kysely'
import type { AllocationResult } from '../../core/allocation/allocate-payment.ts'
import { type LocalDate, localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { normalizeReference } from '../../core/payments/payment-reference.ts'
import { postPaymentsIn } from '../../money/post-payments.ts'
import { accountIdByExternalId, loadMoneyAccount } from '../../store/money/money-account.repository.ts'
import { accountExternalIds } from '../../store/money/unmatched-credit.repository.ts'
import type { Database } from '../../store/schema.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { requireAccountInScope } from '../client-scope.ts'
import { redecideAccounts } from '../redecide-accounts.ts'
import { parsePaymentAmount } from './parse-payment-amount.ts'

export interface PostPaymentInput {
  /** The account's external id. */
  readonly account: string
  /** Decimal string in the account currency ("125.50"); a number is refused. */
  readonly amount: unknown
  /** The bank or provider transaction id: a second post with it is a replay (no-op). */
  readonly reference: string
  /** Value date (default: today in the tenant zone). */
  readonly receivedOn?: LocalDate
  /** Allocation policy id instead of the jurisdiction default. */
  readonly policy?: string
  /** Accept a payment above ten times the amount owed. */
  readonly acceptLarge?: boolean
  readonly source: 'cli' | 'api'
  readonly now?: Date
}

/** One allocation line, named by account external id. */
export interface PostedLine {
  readonly account: string
  readonly component: string
  readonly dueOn: string
  readonly amountMinor: number
}

export interface PostPaymentResult {
  readonly replayed: boolean
  readonly reference: string
  readonly account: string
  readonly currency: string
  readonly paymentId?: number
  readonly allocation?: { policyId: string; creditMinor: number; lines: PostedLine[] }
  readonly paidInFull: boolean
  readonly ledgerEntryIds: readonly number[]
  /** The account was sold: the payment is recorded as forwarded to the buyer, not booked. */
  readonly forwarded?: {
    readonly saleId: number
    readonly buyer: string
    readonly forwardedPaymentId: number
  }
}

/**
 * Records one payment on an account (by external id), allocated by its jurisdiction's policy (or the
 * one named), re-decides the account and closes it when paid in full, all in one transaction. The same
 * use case serves `recoup payment post` and `POST /payments`.
 */
export async function postPayment(ctx: AppContext, input: PostPaymentInput): Promise<PostPaymentResult> {
  authorize(ctx.actor, 'payments.post')
  const { tenant } = ctx.actor
  const reference = normalizeReference(input.reference)
  if (!reference.ok)
    throw new AppError('invalid_reference', `reference: ${reference.reason}`, { field: 'reference' })
  const today = localDateAt(input.now ?? new Date(), tenant.time_zone)
  let receivedOn = today
  if (input.receivedOn !== undefined) {
    const parsed = parseLocalDate(input.receivedOn)
    if (!parsed.ok)
      throw new AppError('invalid_date', `receivedOn: ${parsed.reason}`, { field: 'receivedOn' })
    receivedOn = parsed.date
  }
  return inTransaction(ctx, async (trx) => {
    await requireAccountInScope(ctx, trx, input.account)
    const accountId = await accountIdByExternalId(trx, tenant.id, input.account)
    const account = await loadMoneyAccount(trx, tenant.id, accountId)
    const amountMinor = parsePaymentAmount(input.amount, account.currency)
    const result = await postPaymentsIn(
      trx,
      tenant,
      [
        {
          accountId,
          amountMinor,
          currency: account.currency,
          receivedOn,
          source: input.source,
          externalId: reference.reference,
          ...(input.policy !== undefined ? { policyId: input.policy } : {}),
          ...(input.acceptLarge ? { acceptLarge: true } : {}),
        },
      ],
      { actor: actorLabel(ctx.actor), today, redecide: (t, touched) => redecideAccounts(t, tenant, touched) },
    )
    const rejected = result.rejected[0]
    if (rejected) throw new AppError(rejected.code, rejected.message, { reference: reference.reference })
    const posted = result.posted[0]
    const common = {
      reference: reference.reference,
      account: account.externalId,
      currency: account.currency,
      paidInFull: result.paidInFull.includes(accountId),
      ledgerEntryIds: result.ledgerEntryIds,
    }
    const forwarded = result.forwarded[0]
    if (forwarded)
      return {
        replayed: false,
        ...common,
        forwarded: {
          saleId: forwarded.saleId,
          buyer: forwarded.buyer,
          forwardedPaymentId: forwarded.forwardedId,
        },
      }
    if (!posted) return { replayed: true, ...common }
    return {
      replayed: false,
      paymentId: posted.paymentId,
      allocation: await named(trx, tenant.id, posted.allocation),
      ...common,
    }
  })
}

/** The allocation with external account ids instead of internal ones. */
async function named(trx: Transaction<Database>, tenantId: number, allocation: AllocationResult) {
  const ids = await accountExternalIds(
    trx,
    tenantId,
    allocation.lines.map((l) => Number(l.accountId)),
  )
  return {
    policyId: allocation.policyId,
    creditMinor: allocation.creditMinor,
    lines: allocation.lines.map((l) => ({
      account: ids.get(Number(l.accountId)) ?? l.accountId,
      component: l.component,
      dueOn: l.dueOn,
      amountMinor: l.amountMinor,
    })),
  }
}
