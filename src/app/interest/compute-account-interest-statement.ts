import { localDateAt, parseLocalDate } from '../../core/calendar/local-date.ts'
import { AppError } from '../../core/errors/index.ts'
import { interestRegimeFor } from '../../core/interest/interest-regime.ts'
import { principalFromLedger } from '../../core/interest/principal-from-ledger.ts'
import { formatAmount } from '../../core/money/money.ts'
import { interestFactsOf } from '../../store/money/interest-facts.repository.ts'
import type { AppContext } from '../app-context.ts'
import { authorize } from '../authorize.ts'
import { requireAccountInScope } from '../client-scope.ts'
import { computeInterestStatement } from './compute-interest-statement.ts'
import { type FieldLabel, type InterestRequest, optionLabel } from './interest-request.ts'
import type { InterestStatementView } from './interest-statement-view.ts'

/** An account's statement: the request's fields, where given, override what the account says. */
export interface AccountInterestInput extends InterestRequest {
  /** The account's external id. */
  readonly account: string
  readonly now?: Date
}

/**
 * An account's interest statement: principal owed at its due date and every later principal line up
 * to `to` on its own value date (core/interest/principal-from-ledger.ts), its currency, due date and
 * the statutory regime of its jurisdiction (interestRegimeFor; anything else needs a contract rate).
 * `to` defaults to today in the tenant's zone. An unknown account is `account_not_found`.
 */
export async function computeAccountInterestStatement(
  ctx: AppContext,
  input: AccountInterestInput,
  label: FieldLabel = optionLabel,
): Promise<InterestStatementView> {
  authorize(ctx.actor, 'interest.statement')
  const { tenant } = ctx.actor
  await requireAccountInScope(ctx, ctx.store.db, input.account)
  const facts = await interestFactsOf(ctx.store.db, tenant.id, input.account)
  if (!facts)
    throw new AppError('account_not_found', `no account with external id "${input.account}" in this tenant`)
  const to = input.to ?? localDateAt(input.now ?? new Date(), tenant.time_zone)
  const regime = interestRegimeFor(facts.jurisdiction)
  const explicit = input.jurisdiction !== undefined || input.rate !== undefined
  const jurisdiction = explicit ? (input.jurisdiction ?? 'contract') : regime
  if (jurisdiction === 'contract' && input.rate === undefined)
    throw new AppError(
      'missing_option',
      `${label('rate')} is required: account ${facts.externalId} (${facts.jurisdiction}) has no statutory ` +
        `interest regime, so give the contract's annual rate, e.g. ${label('rate')} 8`,
    )
  const due = input.due ?? facts.dueOn
  // A malformed --to or --due is reported by the statement itself; the ledger is only read with real dates.
  const ledger =
    parseLocalDate(to).ok && parseLocalDate(due).ok
      ? principalFromLedger(facts.principalEntries, due, to)
      : { principalMinor: 0, changes: [] }
  if (input.principal === undefined && ledger.principalMinor <= 0)
    throw new AppError(
      'nothing_owed',
      `account ${facts.externalId} owed no principal at its due date ${due} ` +
        `(${formatAmount(ledger.principalMinor, facts.currency)} ${facts.currency}): no interest runs`,
    )
  const request: InterestRequest = {
    ...input,
    principal: input.principal ?? formatAmount(ledger.principalMinor, facts.currency),
    currency: input.currency ?? facts.currency,
    due,
    to,
    jurisdiction,
    // India counts from acceptance of the goods or services: the invoice (opening) date stands in.
    ...(jurisdiction === 'IN' && input.acceptance === undefined ? { acceptance: facts.openedOn } : {}),
  }
  return computeInterestStatement(request, label, {
    principalChanges: ledger.changes,
    account: facts.externalId,
  })
}
