import { formatAmount } from '../../core/money/money.ts'
import { accountExternalIds, openUnmatchedCredits } from '../../store/money/unmatched-credit.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize, requireAllClients } from '../authorize.ts'

/** An open unmatched credit as people see it: the bank's reference and account external ids only. */
export interface UnmatchedCreditView {
  /** The bank's transaction reference: give it to `payments apply`. */
  readonly reference: string
  /** Display amount ("120.00") in `currency`. */
  readonly amount: string
  readonly currency: string
  readonly bookedOn: string
  readonly debtorName: string | null
  readonly statement: string | null
  readonly remittance: unknown
  readonly suggestions: readonly { account: string; score: number; reason: string }[]
}

/** The tenant's open unmatched bank credits, oldest first, with suggested accounts by external id. */
export async function listUnmatchedCredits(ctx: AppContext): Promise<UnmatchedCreditView[]> {
  authorize(ctx.actor, 'credits.list')
  requireAllClients(ctx.actor, 'list the unmatched-credit queue')
  const tenantId = ctx.actor.tenant.id
  const credits = await openUnmatchedCredits(ctx.store.db, tenantId)
  const names = await accountExternalIds(
    ctx.store.db,
    tenantId,
    credits.flatMap((c) => c.suggestions.map((s) => Number(s.accountId))),
  )
  return credits.map((c) => ({
    reference: c.reference,
    amount: formatAmount(c.amountMinor, c.currency),
    currency: c.currency,
    bookedOn: c.bookedOn,
    debtorName: c.debtorName,
    statement: c.statementId,
    remittance: c.remittance,
    suggestions: c.suggestions.flatMap((s) => {
      const account = names.get(Number(s.accountId))
      return account === undefined ? [] : [{ account, score: s.score, reason: s.reason }]
    }),
  }))
}
