import {
  balanceOn,
  chargedOn,
  type HistoryIndex,
  type IndexedAccount,
  lastEntryOnOrBefore,
  settledAsOf,
} from './history-index.ts'

export {
  balanceOn,
  type HistoryIndex,
  type IndexedAccount,
  indexHistory,
  settledAsOf,
} from './history-index.ts'

/**
 * The characteristics a model may use, each computed for one account as of one day from what the books
 * held then: entries by value date up to that day, promises whose outcome was due by then, plans broken
 * by then, disputes received by then, contacts made by then. Debtor-level figures look at the debtor's
 * other accounts opened by then. A value that does not exist yet (no earlier invoice) is NaN: missing.
 */
export const FEATURES = [
  { name: 'daysPastDue', reason: 'DPD', text: 'days past due (negative before the due date)' },
  { name: 'ageDays', reason: 'AGE', text: 'days since the account was opened' },
  { name: 'balanceMinor', reason: 'BALANCE', text: 'balance owed, minor units' },
  { name: 'balanceShare', reason: 'BALANCE_SHARE', text: 'balance as a share of the amount charged' },
  { name: 'balanceChange30', reason: 'BALANCE_TREND', text: 'change of the balance over 30 days, share' },
  { name: 'amountVsUsual', reason: 'AMOUNT_VS_USUAL', text: "amount against the debtor's usual invoice" },
  { name: 'paymentsLast90', reason: 'RECENT_PAYMENTS', text: 'payments in the last 90 days' },
  { name: 'partialPayments', reason: 'PARTIAL_PAYMENTS', text: 'payments that left a balance' },
  { name: 'daysSinceLastPayment', reason: 'LAST_PAYMENT', text: 'days since the last payment' },
  { name: 'debtorOpenAccounts', reason: 'OPEN_ACCOUNTS', text: "debtor's other open accounts" },
  { name: 'debtorOverdueAccounts', reason: 'OVERDUE_ACCOUNTS', text: "debtor's other accounts past due" },
  { name: 'debtorExposureMinor', reason: 'EXPOSURE', text: "debtor's total balance, minor units" },
  { name: 'debtorMaxDaysPastDue', reason: 'MAX_DPD', text: "most days past due of the debtor's others" },
  { name: 'priorSettled', reason: 'PRIOR_SETTLED', text: "debtor's accounts paid in full before" },
  {
    name: 'priorLateShare',
    reason: 'PRIOR_LATE_SHARE',
    text: "share of the debtor's past accounts paid late",
  },
  {
    name: 'priorMeanDaysLate',
    reason: 'PRIOR_DAYS_LATE',
    text: "mean days late of the debtor's past accounts",
  },
  {
    name: 'priorMaxDaysLate',
    reason: 'PRIOR_MAX_LATE',
    text: "most days late of the debtor's past accounts",
  },
  { name: 'daysSinceLastLate', reason: 'RECENT_LATE', text: 'days since the debtor last paid late' },
  { name: 'promisesKept', reason: 'PROMISES_KEPT', text: 'promises to pay kept' },
  { name: 'promisesBroken', reason: 'PROMISES_BROKEN', text: 'promises to pay broken' },
  { name: 'plansBroken', reason: 'PLANS_BROKEN', text: 'payment plans broken' },
  { name: 'disputes', reason: 'DISPUTES', text: 'disputes raised' },
  { name: 'contactAttempts', reason: 'CONTACT_ATTEMPTS', text: 'outbound contact attempts' },
  { name: 'rightPartyContacts', reason: 'RIGHT_PARTY', text: 'conversations with the debtor' },
  { name: 'responses', reason: 'RESPONSES', text: 'responses from the debtor' },
] as const

export type FeatureName = (typeof FEATURES)[number]['name']
export const FEATURE_COUNT = FEATURES.length

/** A promise's outcome counts only this many days after its due date (its grace period is over by then). */
export const PROMISE_SETTLE_DAYS = 14

/**
 * Writes the features of account `accountAt` (an index into `index.accounts`) as of `day` into `out` at
 * `offset` (FEATURE_COUNT values, in FEATURES order). Reads nothing dated after `day`.
 */
export function computeFeatures(
  index: HistoryIndex,
  accountAt: number,
  day: number,
  out: Float64Array,
  offset: number,
): void {
  const a = index.accounts[accountAt] as IndexedAccount
  const last = lastEntryOnOrBefore(a, day)
  const balance = last < 0 ? 0 : (a.balanceAfter[last] as number)
  const charged = last < 0 ? 0 : (a.chargedAfter[last] as number)
  let paymentsLast90 = 0
  let partial = 0
  let lastPaymentDay = Number.NaN
  for (let i = a.start; i <= last; i++) {
    if (a.isPayment[i] !== 1) continue
    const d = a.days[i] as number
    if (d > day - 90) paymentsLast90++
    if ((a.balanceAfter[i] as number) > 0) partial++
    lastPaymentDay = d
  }
  const before = balanceOn(a, day - 30)
  let open = 0
  let overdue = 0
  let exposure = balance > 0 ? balance : 0
  let maxDpd = Number.NaN
  let settled = 0
  let late = 0
  let daysLateSum = 0
  let maxLate = Number.NaN
  let lastLateDay = Number.NaN
  let priorAmounts = 0
  let priorCount = 0
  for (const j of index.byDebtor.get(a.debtorId) ?? []) {
    if (j === accountAt) continue
    const b = index.accounts[j] as IndexedAccount
    if (b.openedDay > day) break
    if (b.openedDay < a.openedDay || (b.openedDay === a.openedDay && j < accountAt)) {
      priorAmounts += chargedOn(b, day)
      priorCount++
    }
    const settledDay = settledAsOf(b, day)
    if (settledDay <= day) {
      settled++
      const daysLate = Math.max(0, settledDay - b.dueDay)
      if (daysLate > 0) {
        late++
        if (!(settledDay <= lastLateDay)) lastLateDay = settledDay
      }
      daysLateSum += daysLate
      if (!(daysLate <= maxLate)) maxLate = daysLate
      continue
    }
    const owed = balanceOn(b, day)
    if (owed <= 0) continue
    open++
    exposure += owed
    const dpd = day - b.dueDay
    if (dpd > 0) overdue++
    if (!(dpd <= maxDpd)) maxDpd = dpd
  }
  let kept = 0
  let broken = 0
  for (const p of a.promises) {
    if (p.dueDay + PROMISE_SETTLE_DAYS > day || p.takenDay > day) continue
    if (p.state === 'kept') kept++
    else if (p.state === 'broken' || p.state === 'partially_kept') broken++
  }
  let plansBroken = 0
  for (const p of a.plans) if (p.brokenDay <= day) plansBroken++
  let disputes = 0
  for (const d of a.disputes) if (d.receivedDay <= day) disputes++
  let attempts = 0
  let conversations = 0
  let responses = 0
  for (const c of a.contacts) {
    if (c.day > day) continue
    if (c.outbound) attempts++
    if (c.conversation) conversations++
    if (c.response) responses++
  }
  const v = out
  let k = offset
  v[k++] = day - a.dueDay
  v[k++] = day - a.openedDay
  v[k++] = balance
  v[k++] = charged > 0 ? balance / charged : Number.NaN
  v[k++] = charged > 0 ? (balance - before) / charged : Number.NaN
  v[k++] = priorCount > 0 && priorAmounts > 0 ? charged / (priorAmounts / priorCount) : Number.NaN
  v[k++] = paymentsLast90
  v[k++] = partial
  v[k++] = Number.isNaN(lastPaymentDay) ? Number.NaN : day - lastPaymentDay
  v[k++] = open
  v[k++] = overdue
  v[k++] = exposure
  v[k++] = maxDpd
  v[k++] = settled
  v[k++] = settled > 0 ? late / settled : Number.NaN
  v[k++] = settled > 0 ? daysLateSum / settled : Number.NaN
  v[k++] = maxLate
  v[k++] = Number.isNaN(lastLateDay) ? Number.NaN : day - lastLateDay
  v[k++] = kept
  v[k++] = broken
  v[k++] = plansBroken
  v[k++] = disputes
  v[k++] = attempts
  v[k++] = conversations
  v[k] = responses
}
