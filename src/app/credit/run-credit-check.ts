import {
  type CreditCheckDecision,
  type CreditCheckProvider,
  rulesCreditCheckProvider,
} from '../../core/credit/credit-check.ts'
import { paidInvoices } from '../../core/credit/credit-facts.ts'
import { checkLimit } from '../../core/credit/credit-terms.ts'
import { AppError } from '../../core/errors/index.ts'
import { isCurrencyCode } from '../../core/money/currencies.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { creditLines } from './credit-lines.ts'
import { lineClient, requireDebtor } from './resolve-credit-line.ts'

export interface RunCreditCheckInput {
  readonly debtor: string
  readonly client?: string
  /** The currency checked: default the limit's, else the only exposure's, else the tenant's. */
  readonly currency?: string
  /** New credit asked for on top of the exposure, decimal text in the currency (default 0). */
  readonly amount?: string
}

export interface CreditCheckView {
  readonly debtor: string
  readonly client: string | null
  readonly currency: string
  readonly exposureMinor: number
  readonly requestedMinor: number
  readonly limitMinor: number | null
  readonly decision: CreditCheckDecision
}

/**
 * Runs a credit check of one credit line through a CreditCheckProvider (the built-in rules unless
 * another is given) with the line's figures from the books. Writes nothing.
 */
export async function runCreditCheck(
  ctx: AppContext,
  input: RunCreditCheckInput,
  provider: CreditCheckProvider = rulesCreditCheckProvider,
): Promise<CreditCheckView> {
  authorize(ctx.actor, 'credit.read')
  if (input.currency !== undefined && !isCurrencyCode(input.currency))
    throw new AppError('invalid_currency', `currency: not an ISO 4217 currency: "${input.currency}"`, {
      field: 'currency',
    })
  const db = ctx.store.db
  const debtor = await requireDebtor(ctx, db, input.debtor)
  const clientId = await lineClient(ctx, db, debtor.id, input.client)
  const line = (await creditLines(ctx, [debtor])).find((l) => l.clientId === clientId)
  if (!line) throw new Error('credit line not found')
  const currency =
    input.currency ??
    line.limit?.currency ??
    (line.exposures.length === 1 ? line.exposures[0]?.currency : undefined) ??
    ctx.actor.tenant.default_currency
  let requestedMinor = 0
  if (input.amount !== undefined) {
    const checked = checkLimit(input.amount, currency, 'amount')
    if (!checked.ok) throw new AppError(checked.code, `amount: ${checked.reason}`, { field: 'amount' })
    requestedMinor = checked.value.minor
  }
  const exposureMinor = line.exposures.find((e) => e.currency === currency)?.exposureMinor ?? 0
  const limitMinor = line.limit?.currency === currency ? line.limit.minor : null
  const paid = paidInvoices(line.accounts)
  const view = line.view
  const decision = await provider.check({
    debtor: debtor.externalId,
    client: view.client,
    currency,
    exposureMinor,
    requestedMinor,
    limitMinor,
    limitCurrency: line.limit?.currency ?? null,
    termsDays: view.termsDays,
    history: {
      paidInvoices: paid.length,
      meanDaysToPay: line.meanDaysToPay,
      largestPaidMinor: Math.max(0, ...paid.filter((p) => p.currency === currency).map((p) => p.amountMinor)),
      brokenPromises: view.conduct.brokenPromises,
      disputes: view.conduct.disputes,
      openDisputes: view.conduct.openDisputes,
      writtenOffAccounts: view.conduct.writtenOffAccounts,
    },
  })
  return {
    debtor: debtor.externalId,
    client: view.client,
    currency,
    exposureMinor,
    requestedMinor,
    limitMinor,
    decision,
  }
}
