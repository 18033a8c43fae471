import { dayNumber, fromDayNumber } from '../calendar/local-date.ts'
import {
  balanceOn,
  computeFeatures,
  FEATURE_COUNT,
  type HistoryIndex,
  type IndexedAccount,
  settledAsOf,
} from './score-features.ts'

/**
 * The two outcomes Recoup models (docs/model-card.md):
 * - `late_payment` (B2B): an invoice of a commercial account is paid in full after its due date. One
 *   example per invoice, its features taken on the day it was issued; the outcome is known on the day
 *   it is paid if that is by the due date, else the day after the due date.
 * - `pay_30` (consumer): any payment on an owing consumer account within the 30 days after a snapshot
 *   day; one example per account and month-end snapshot; the outcome is known 30 days after the snapshot.
 * The bad outcome (y = 1) is "late" and "no payment"; the score ranks the good outcome high.
 */
export const TARGETS = ['late_payment', 'pay_30'] as const
export type ScoreTarget = (typeof TARGETS)[number]

/** The debt kind each target models. */
export const TARGET_DEBT_KIND: Readonly<Record<ScoreTarget, 'commercial' | 'consumer'>> = {
  late_payment: 'commercial',
  pay_30: 'consumer',
}

export const PAY_WINDOW_DAYS = 30

/** One labelled example: an account on a day, and the outcome that followed. */
export interface TargetExample {
  accountAt: number
  day: number
  /** The day the outcome became known: training may use the example only if this is before the split. */
  knownDay: number
  bad: 0 | 1
  /** `late_payment`: days late (0 when on time); `pay_30`: days to the first payment, or -1. */
  outcomeDays: number
}

/**
 * Examples of `target` whose outcome was known by `dataAsOf` (a LocalDate), in order of their day, each
 * labelled as the books stood at the end of that day (a payment reversed later still counted then).
 */
export function buildExamples(index: HistoryIndex, target: ScoreTarget, dataAsOf: string): TargetExample[] {
  const end = dayNumber(dataAsOf)
  const out: TargetExample[] = []
  const kind = TARGET_DEBT_KIND[target]
  if (target === 'late_payment') {
    index.accounts.forEach((a, at) => {
      if (a.debtKind !== kind || a.openedDay > end) return
      const settled = settledAsOf(a, end)
      if (settled <= end && settled <= a.dueDay)
        out.push({ accountAt: at, day: a.openedDay, knownDay: settled, bad: 0, outcomeDays: 0 })
      else if (a.dueDay + 1 <= end) {
        const daysLate = settled <= end ? settled - a.dueDay : end - a.dueDay
        out.push({ accountAt: at, day: a.openedDay, knownDay: a.dueDay + 1, bad: 1, outcomeDays: daysLate })
      }
    })
  } else {
    const snapshots = monthEnds(index, end - PAY_WINDOW_DAYS)
    for (const day of snapshots) {
      index.accounts.forEach((a, at) => {
        if (a.debtKind !== kind || a.openedDay > day || balanceOn(a, day) <= 0) return
        const first = firstPaymentAfter(a, day)
        const paid = first > day && first <= day + PAY_WINDOW_DAYS
        out.push({
          accountAt: at,
          day,
          knownDay: paid ? first : day + PAY_WINDOW_DAYS,
          bad: paid ? 0 : 1,
          outcomeDays: paid ? first - day : -1,
        })
      })
    }
  }
  return out.sort((x, y) => x.day - y.day || x.accountAt - y.accountAt)
}

/** The last day of every month from the first account's opening to `last`. */
function monthEnds(index: HistoryIndex, last: number): number[] {
  let first = Number.POSITIVE_INFINITY
  for (const a of index.accounts) first = Math.min(first, a.openedDay)
  if (!Number.isFinite(first) || first > last) return []
  const days: number[] = []
  let [y, m] = fromDayNumber(first).split('-').map(Number) as [number, number]
  for (;;) {
    const nextMonth = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
    const day = dayNumber(nextMonth) - 1
    if (day > last) break
    days.push(day)
    if (m === 12) {
      y++
      m = 1
    } else m++
  }
  return days
}

/** The first day after `day` with a payment on the account, or +Infinity. */
function firstPaymentAfter(a: IndexedAccount, day: number): number {
  for (let i = a.start; i < a.end; i++) {
    const d = a.days[i] as number
    if (d > day && a.isPayment[i] === 1) return d
  }
  return Number.POSITIVE_INFINITY
}

/** The examples' features, row by row (examples.length × FEATURE_COUNT), and their labels. */
export function featureMatrix(
  index: HistoryIndex,
  examples: readonly TargetExample[],
): { x: Float64Array; y: Uint8Array } {
  const x = new Float64Array(examples.length * FEATURE_COUNT)
  const y = new Uint8Array(examples.length)
  examples.forEach((e, i) => {
    computeFeatures(index, e.accountAt, e.day, x, i * FEATURE_COUNT)
    y[i] = e.bad
  })
  return { x, y }
}
