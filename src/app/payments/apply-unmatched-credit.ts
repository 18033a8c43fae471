import type { Transaction } from 'kysely'
import { AppError } from '../../core/errors/index.ts'
import { formatAmount } from '../../core/money/money.ts'
import { normalizeReference } from '../../core/payments/payment-reference.ts'
import { postPaymentsIn } from '../../money/post-payments.ts'
import { appendJournalEvent } from '../../store/journal.repository.ts'
import { accountIdByExternalId, loadMoneyAccount } from '../../store/money/money-account.repository.ts'
import {
  markCreditApplied,
  type UnmatchedCredit,
  unmatchedCreditByReference,
  unmatchedCreditsByBankReference,
} from '../../store/money/unmatched-credit.repository.ts'
import type { Database } from '../../store/schema.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { requireAccountInScope } from '../client-scope.ts'
import { redecideAccounts } from '../redecide-accounts.ts'

export interface ApplyUnmatchedCreditInput {
  /** The credit's bank transaction reference (as `payments unmatched` shows it). */
  readonly credit: string
  /** The external id of the account a person decided it pays. */
  readonly account: string
  /** Accept a credit above ten times what the account owes. */
  readonly acceptLarge?: boolean
}

export interface ApplyUnmatchedCreditResult {
  readonly credit: string
  readonly account: string
  readonly amount: string
  readonly currency: string
  readonly paymentId: number
  readonly paidInFull: boolean
  readonly ledgerEntryIds: readonly number[]
}

/** The credit by its full reference, or by the bank's own reference alone when that is unambiguous. */
async function findCredit(
  trx: Transaction<Database>,
  tenantId: number,
  reference: string,
): Promise<UnmatchedCredit | undefined> {
  const exact = await unmatchedCreditByReference(trx, tenantId, reference)
  if (exact) return exact
  const byBankReference = await unmatchedCreditsByBankReference(trx, tenantId, reference)
  if (byBankReference.length > 1) {
    throw new AppError(
      'ambiguous_payment',
      `bank reference ${reference} names ${byBankReference.length} credits; give the full reference`,
      { references: byBankReference.map((c) => c.reference) },
    )
  }
  return byBankReference[0]
}

/**
 * Applies an open unmatched bank credit to an account a person chose: it is posted as that account's
 * payment under the bank's own reference (so a re-import of the statement is a replay, not a second
 * payment), allocated, re-decided, the credit marked matched and the decision journaled, in one
 * transaction. A credit already applied or dismissed is a conflict.
 */
export async function applyUnmatchedCredit(
  ctx: AppContext,
  input: ApplyUnmatchedCreditInput,
): Promise<ApplyUnmatchedCreditResult> {
  authorize(ctx.actor, 'credits.apply')
  const { tenant } = ctx.actor
  const reference = normalizeReference(input.credit)
  if (!reference.ok)
    throw new AppError('invalid_reference', `credit: ${reference.reason}`, { field: 'credit' })
  return inTransaction(ctx, async (trx) => {
    const credit = await findCredit(trx, tenant.id, reference.reference)
    if (!credit) {
      throw new AppError(
        'unmatched_credit_not_found',
        `no unmatched credit "${reference.reference}"; list them with: recoup payments unmatched`,
      )
    }
    if (credit.status !== 'open') {
      throw new AppError('already_applied', `credit ${credit.reference} is already ${credit.status}`)
    }
    await requireAccountInScope(ctx, trx, input.account)
    const accountId = await accountIdByExternalId(trx, tenant.id, input.account)
    const account = await loadMoneyAccount(trx, tenant.id, accountId)
    const amount = formatAmount(credit.amountMinor, credit.currency)
    if (credit.currency !== account.currency) {
      throw new AppError(
        'currency_mismatch',
        `credit ${credit.reference} is ${amount} ${credit.currency}; account ${account.externalId} is in ${account.currency}`,
      )
    }
    const actor = actorLabel(ctx.actor)
    const result = await postPaymentsIn(
      trx,
      tenant,
      [
        {
          accountId,
          amountMinor: credit.amountMinor,
          currency: credit.currency,
          receivedOn: credit.bookedOn,
          source: credit.source,
          externalId: credit.reference,
          ...(input.acceptLarge ? { acceptLarge: true } : {}),
        },
      ],
      { actor, redecide: (t, touched) => redecideAccounts(t, tenant, touched) },
    )
    const rejected = result.rejected[0]
    if (rejected) throw new AppError(rejected.code, rejected.message, { credit: credit.reference })
    const posted = result.posted[0]
    if (!posted) {
      throw new AppError(
        'already_applied',
        `a payment with reference ${credit.reference} is already recorded; the credit cannot be applied twice`,
      )
    }
    if (!(await markCreditApplied(trx, tenant.id, credit.id, posted.paymentId))) {
      throw new AppError('already_applied', `credit ${credit.reference} was applied meanwhile`)
    }
    await appendJournalEvent(trx, {
      tenantId: tenant.id,
      type: 'unmatched_credit.applied',
      actor,
      subject: `payment:${posted.paymentId}`,
      payload: {
        credit: credit.reference,
        account: account.externalId,
        amountMinor: credit.amountMinor,
        currency: credit.currency,
        paymentId: posted.paymentId,
      },
    })
    return {
      credit: credit.reference,
      account: account.externalId,
      amount,
      currency: credit.currency,
      paymentId: posted.paymentId,
      paidInFull: result.paidInFull.includes(accountId),
      ledgerEntryIds: result.ledgerEntryIds,
    }
  })
}
