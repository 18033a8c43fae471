/**
 * Fail-closed checks of a request's facts before any rule reads them (issue #9, part 1): an impossible
 * instant or date, a negative balance or an unknown currency is a request error naming its field, never
 * a fact a rule silently rolls over (2026-02-30 into March) or judges as if it were true. The JSON
 * Schema checks shapes; these are the checks a pattern cannot make, and they also guard requests the
 * engine builds from the database.
 */
import { requireLocalDate } from '../calendar/instant.ts'
import { AppError } from '../errors/index.ts'
import { isCurrencyCode } from '../money/currencies.ts'
import type { ComplianceRequest, DebtFacts } from './compliance-request.ts'
import { instantMs } from './instant-ms.ts'

/** Throws `invalid_instant`, `invalid_date`, `invalid_amount` or `invalid_currency` naming the first bad field. */
export function requireValidFacts(request: ComplianceRequest): void {
  const { debts } = request
  for (let i = 0; i < debts.length; i++) debtFacts(debts[i] as DebtFacts, `debts[${i}]`)
  const instrument = request.action.instrument
  if (instrument) {
    date(instrument.instrumentDate, 'action.instrument.instrumentDate')
    date(instrument.acceptedOn, 'action.instrument.acceptedOn')
    date(instrument.noticeOfIntentSentOn, 'action.instrument.noticeOfIntentSentOn')
  }
  // Instants of the debtor, contact points and history are parsed strictly, with their paths, by the
  // families that read them (parseInstant refuses 2026-02-30): checking them here too would double the
  // cost of every decision.
}

function debtFacts(debt: DebtFacts, field: string): void {
  if (!Number.isSafeInteger(debt.balanceMinor) || debt.balanceMinor < 0) {
    throw new AppError(
      'invalid_amount',
      `${field}.balanceMinor ${debt.balanceMinor} is not a whole, non-negative number of minor units`,
    )
  }
  if (!isCurrencyCode(debt.currency)) {
    throw new AppError('invalid_currency', `${field}.currency "${debt.currency}" is not an ISO 4217 currency`)
  }
  date(debt.accrualOn, `${field}.accrualOn`)
  date(debt.firstCommunicationOn, `${field}.firstCommunicationOn`)
  date(debt.validationNoticeSentOn, `${field}.validationNoticeSentOn`)
  date(debt.letterOfClaimOn, `${field}.letterOfClaimOn`)
  each(debt.limitationEvents, (e, f) => date(e.on, `${field}.limitationEvents${f}.on`))
  each(debt.disputes, (d, f) => {
    instant(d.receivedAt, `${field}.disputes${f}.receivedAt`)
    instant(d.verificationSentAt, `${field}.disputes${f}.verificationSentAt`)
    instant(d.resolvedAt, `${field}.disputes${f}.resolvedAt`)
    if (d.amountMinor !== null && (!Number.isSafeInteger(d.amountMinor) || d.amountMinor < 0)) {
      throw new AppError('invalid_amount', `${field}.disputes${f}.amountMinor ${d.amountMinor} is negative`)
    }
  })
  const cheque = debt.dishonouredCheque
  if (cheque) {
    date(cheque.chequeDate, `${field}.dishonouredCheque.chequeDate`)
    date(cheque.presentedOn, `${field}.dishonouredCheque.presentedOn`)
    date(cheque.bankInformedOn, `${field}.dishonouredCheque.bankInformedOn`)
    date(cheque.demandNoticeSentOn, `${field}.dishonouredCheque.demandNoticeSentOn`)
    date(cheque.demandNoticeReceivedOn, `${field}.dishonouredCheque.demandNoticeReceivedOn`)
  }
  date(debt.overdueSince, `${field}.overdueSince`)
  date(debt.overdueNoticeOn, `${field}.overdueNoticeOn`)
  date(debt.creditReportingNoticeOn, `${field}.creditReportingNoticeOn`)
  date(debt.judgmentOn, `${field}.judgmentOn`)
  date(debt.proceedingsStartedOn, `${field}.proceedingsStartedOn`)
  each(debt.hardshipRequests, (h, f) => {
    instant(h.receivedAt, `${field}.hardshipRequests${f}.receivedAt`)
    instant(h.answeredAt, `${field}.hardshipRequests${f}.answeredAt`)
  })
}

function each<T>(list: readonly T[] | undefined, check: (item: T, index: string) => void): void {
  if (list === undefined) return
  for (let i = 0; i < list.length; i++) check(list[i] as T, `[${i}]`)
}

function instant(text: string | null | undefined, field: string): void {
  if (text != null) instantMs(text, field)
}

// Dates repeat across requests (a portfolio has a few thousand distinct ones): each is checked once.
const goodDates = new Set<string>()

function date(text: string | null | undefined, field: string): void {
  if (text == null || goodDates.has(text)) return
  requireLocalDate(text, field)
  if (goodDates.size < 100_000) goodDates.add(text)
}
