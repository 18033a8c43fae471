import type { Transaction } from 'kysely'
import { type LocalDate, localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { parseAmount } from '../../core/money/money.ts'
import type { WithTouched } from '../../money/touched-account.ts'
import {
  accountIdByExternalId,
  loadMoneyAccount,
  type MoneyAccount,
} from '../../store/money/money-account.repository.ts'
import type { Database } from '../../store/schema.ts'
import { actorLabel } from '../actor.ts'
import { type AppContext, inTransaction } from '../app-context.ts'
import { requireAccountInScope } from '../client-scope.ts'
import { redecideAccounts } from '../redecide-accounts.ts'

/** What a money step's work receives: its transaction, the account, today in the tenant's zone, the actor label. */
export interface AccountStep {
  readonly trx: Transaction<Database>
  readonly account: MoneyAccount
  readonly today: LocalDate
  readonly actor: string
}

/** A money step's result as surfaces see it: the account's external id, never its internal id. */
export type AccountStepResult<T> = Omit<T, 'accountId' | 'touched'> & { account: string }

/**
 * Runs one money step on the tenant's account with external id `accountRef` in ONE transaction: finds
 * the account (`account_not_found` naming the external id), does the work, and re-decides the accounts
 * the work touched (redecideAccounts) before commit, so the change and its decision commit together.
 */
export async function onAccount<T extends { accountId?: number }>(
  ctx: AppContext,
  accountRef: string,
  work: (step: AccountStep) => Promise<WithTouched<T>>,
): Promise<AccountStepResult<T>> {
  const { tenant } = ctx.actor
  return inTransaction(ctx, async (trx) => {
    await requireAccountInScope(ctx, trx, accountRef)
    const account = await loadMoneyAccount(
      trx,
      tenant.id,
      await accountIdByExternalId(trx, tenant.id, accountRef),
    )
    const today = localDateAt(new Date(), tenant.time_zone)
    const {
      touched,
      accountId: _internal,
      ...result
    } = await work({
      trx,
      account,
      today,
      actor: actorLabel(ctx.actor),
    })
    await redecideAccounts(trx, tenant, touched)
    return { account: account.externalId, ...result } as AccountStepResult<T>
  })
}

/** A decimal amount in the account's currency as minor units (more than zero), or `invalid_amount` naming the field. */
export function amountIn(field: string, text: string, account: MoneyAccount): number {
  const parsed = parseAmount(text, account.currency)
  if (!parsed.ok) throw new AppError('invalid_amount', `${field} "${text}": ${parsed.reason}`)
  if (parsed.minor <= 0)
    throw new AppError('invalid_amount', `${field} must be more than zero, not "${text}"`)
  return parsed.minor
}

/** The same for an optional amount. */
export function optionalAmountIn(field: string, text: string | undefined, account: MoneyAccount) {
  return text === undefined ? undefined : amountIn(field, text, account)
}

/** A YYYY-MM-DD day, or `invalid_date` naming the field. */
export function dayIn(field: string, text: string): LocalDate {
  const parsed = parseLocalDate(text)
  if (!parsed.ok) throw new AppError('invalid_date', `${field}: ${parsed.reason}; use YYYY-MM-DD`)
  return parsed.date
}
