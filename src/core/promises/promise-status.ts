/**
 * Promises to pay (PTP), evaluated daily (docs/money-flows.md). A promise counts the payments from the
 * day it was taken to its due date plus grace; it is kept as soon as they cover the amount (less a
 * tolerance), and only once the grace period is over can it be partially kept or broken.
 */
import { addDays, isTimeZone, type LocalDate, localDateAt, parseLocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'

export type PromiseState = 'open' | 'kept' | 'partially_kept' | 'broken'

/** A payment on the account: value date and amount in the promise's currency. */
export interface PromisePayment {
  on: LocalDate
  amountMinor: number
}

/** A promise as the collector recorded it, plus what is needed to evaluate it on `asOf`. */
export interface EvaluatePromiseInput {
  amountMinor: number
  dueOn: LocalDate
  /** When the promise was taken: a LocalDate, or an ISO instant read in `timeZone`. */
  takenAt: string
  /** The creditor's IANA zone; required when `takenAt` is an instant. */
  timeZone?: string
  /** Channel the promise came through (call, portal, email...); recorded, not used in the evaluation. */
  channel: string
  /** Who took it (user id, or "portal" for self-service); recorded, not used in the evaluation. */
  takenBy: string
  payments: readonly PromisePayment[]
  asOf: LocalDate
  /** Days after `dueOn` that a payment still keeps the promise; default 0. */
  graceDays?: number
  /** A shortfall up to this many minor units still counts as kept (bank charges); default 0. */
  toleranceMinor?: number
}

/** The evaluation: the state, what was paid in the window and what is still missing. */
export interface PromiseStatus {
  state: PromiseState
  paidMinor: number
  shortMinor: number
  /** The first day counted (the day the promise was taken). */
  countsFrom: LocalDate
  /** The last day counted: `dueOn` + grace. */
  countsUntil: LocalDate
}

const bad = (message: string) => new AppError('invalid_promise', message)

/** The day the promise was taken, in the creditor's zone when `takenAt` is an instant. */
function takenOn(takenAt: string, timeZone: string | undefined): LocalDate {
  if (parseLocalDate(takenAt).ok) return takenAt
  const instant = new Date(takenAt)
  if (Number.isNaN(instant.getTime())) throw bad(`takenAt "${takenAt}" is neither a date nor an instant`)
  if (timeZone === undefined || !isTimeZone(timeZone)) {
    throw bad('takenAt is an instant, so timeZone must name the creditor’s IANA zone')
  }
  return localDateAt(instant, timeZone)
}

function whole(field: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw bad(`${field} must be a whole number >= ${min}`)
  return value
}

/** Evaluates a promise to pay as of a day. */
export function evaluatePromise(input: EvaluatePromiseInput): PromiseStatus {
  whole('amountMinor', input.amountMinor, 1)
  const graceDays = whole('graceDays', input.graceDays ?? 0, 0)
  const tolerance = whole('toleranceMinor', input.toleranceMinor ?? 0, 0)
  for (const field of ['dueOn', 'asOf'] as const) {
    if (!parseLocalDate(input[field]).ok) throw bad(`${field} "${input[field]}" is not a real date`)
  }
  const countsFrom = takenOn(input.takenAt, input.timeZone)
  if (input.dueOn < countsFrom)
    throw bad(`dueOn ${input.dueOn} is before the promise was taken (${countsFrom})`)
  const countsUntil = addDays(input.dueOn, graceDays)
  const lastCounted = countsUntil < input.asOf ? countsUntil : input.asOf
  let paidMinor = 0
  for (const p of input.payments) {
    whole('payment amountMinor', p.amountMinor, 0)
    if (p.on >= countsFrom && p.on <= lastCounted) paidMinor += p.amountMinor
  }
  const shortMinor = Math.max(input.amountMinor - paidMinor, 0)
  const window = { paidMinor, shortMinor, countsFrom, countsUntil }
  if (shortMinor <= tolerance) return { state: 'kept', ...window }
  if (input.asOf <= countsUntil) return { state: 'open', ...window }
  return { state: paidMinor > 0 ? 'partially_kept' : 'broken', ...window }
}
