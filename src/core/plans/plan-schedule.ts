/**
 * Payment plan schedules: a down payment and weekly, fortnightly or monthly instalments whose amounts
 * sum exactly to the plan total (docs/money-flows.md). Monthly dates keep an anchor day and clamp it
 * to short months, so a plan anchored on the 31st pays on 29 Feb in a leap year and 31 Mar after it.
 */
import { addDays, daysInMonth, type LocalDate, parseLocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import { currencyExponent } from '../money/currencies.ts'
import { formatAmount } from '../money/money.ts'

export type PlanFrequency = 'weekly' | 'fortnightly' | 'monthly'

/** Instalments beyond this are a data error (an instalment of 1 cent on a large debt), not a plan. */
export const MAX_INSTALMENTS = 1200

/** What a plan is built from; give exactly one of `instalments` and `instalmentMinor`. */
export interface PlanScheduleInput {
  /** What the plan collects, down payment included, in minor units. */
  totalMinor: number
  currency: string
  /** 0 for no down payment. */
  downPaymentMinor: number
  /** When the down payment is due; defaults to `firstDueOn`. */
  downPaymentOn?: LocalDate
  frequency: PlanFrequency
  /** Number of instalments after the down payment; the last one takes the remainder. */
  instalments?: number
  /** Amount of each instalment; the last one is whatever is left (at most this amount). */
  instalmentMinor?: number
  firstDueOn: LocalDate
  /** Monthly only: day of month (1-31) that later instalments keep; defaults to `firstDueOn`'s day. */
  anchorDay?: number
}

/** One due payment; `seq` 0 is the down payment, 1.. the instalments. */
export interface ScheduledInstalment {
  seq: number
  dueOn: LocalDate
  amountMinor: number
}

/** A generated schedule: `sum(instalments.amountMinor) === totalMinor`. */
export interface PlanSchedule {
  currency: string
  totalMinor: number
  frequency: PlanFrequency
  instalments: ScheduledInstalment[]
}

const invalid = (message: string) => new AppError('invalid_plan', message)

function wholeAtLeast(field: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw invalid(`${field} must be a whole number >= ${min}, not ${value}`)
  }
}

function checkDate(field: string, value: string): void {
  if (!parseLocalDate(value).ok) throw invalid(`${field} "${value}" is not a real YYYY-MM-DD date`)
}

/**
 * `date`'s month moved by `months`, on `anchorDay` clamped to the month's length. Always counted from
 * the start date, never from the previous result, so a clamp to 28 Feb does not drag March back to 28.
 */
export function addMonthsAnchored(date: LocalDate, months: number, anchorDay: number): LocalDate {
  const year = Number(date.slice(0, 4))
  const monthIndex = year * 12 + Number(date.slice(5, 7)) - 1 + months
  const y = Math.floor(monthIndex / 12)
  const m = monthIndex - y * 12 + 1
  const d = Math.min(anchorDay, daysInMonth(y, m))
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** The due date of instalment `k` (0-based) after `firstDueOn`. */
function dueDate(input: PlanScheduleInput, k: number, anchorDay: number): LocalDate {
  if (k === 0) return input.firstDueOn
  if (input.frequency === 'weekly') return addDays(input.firstDueOn, 7 * k)
  if (input.frequency === 'fortnightly') return addDays(input.firstDueOn, 14 * k)
  return addMonthsAnchored(input.firstDueOn, k, anchorDay)
}

/** The amounts of the instalments after the down payment, summing exactly to `rest`. */
function amounts(input: PlanScheduleInput, rest: number): number[] {
  const { instalments, instalmentMinor } = input
  const money = (minor: number) => `${formatAmount(minor, input.currency)} ${input.currency}`
  if ((instalments === undefined) === (instalmentMinor === undefined)) {
    throw invalid('give exactly one of instalments and instalmentMinor')
  }
  if (instalments !== undefined) {
    wholeAtLeast('instalments', instalments, 1)
    if (instalments > MAX_INSTALMENTS) throw invalid(`at most ${MAX_INSTALMENTS} instalments`)
    const base = Math.floor(rest / instalments)
    if (base < 1) throw invalid(`${money(rest)} cannot be split into ${instalments} instalments`)
    const list = new Array<number>(instalments).fill(base)
    list[instalments - 1] = rest - base * (instalments - 1)
    return list
  }
  const each = instalmentMinor ?? 0
  wholeAtLeast('instalmentMinor', each, 1)
  const count = Math.ceil(rest / each)
  if (count > MAX_INSTALMENTS)
    throw invalid(`instalments of ${money(each)} need more than ${MAX_INSTALMENTS}`)
  const list = new Array<number>(count).fill(each)
  list[count - 1] = rest - each * (count - 1)
  return list
}

/** Generates a plan's schedule; throws AppError('invalid_plan') on impossible input. */
export function generatePlanSchedule(input: PlanScheduleInput): PlanSchedule {
  if (currencyExponent(input.currency) === undefined) throw invalid(`unknown currency "${input.currency}"`)
  wholeAtLeast('totalMinor', input.totalMinor, 1)
  wholeAtLeast('downPaymentMinor', input.downPaymentMinor, 0)
  checkDate('firstDueOn', input.firstDueOn)
  if (input.downPaymentOn !== undefined) checkDate('downPaymentOn', input.downPaymentOn)
  const rest = input.totalMinor - input.downPaymentMinor
  if (rest < 1) throw invalid('the down payment leaves nothing to pay in instalments')
  const anchorDay = input.anchorDay ?? Number(input.firstDueOn.slice(8, 10))
  wholeAtLeast('anchorDay', anchorDay, 1)
  if (anchorDay > 31) throw invalid(`anchorDay must be 1-31, not ${anchorDay}`)
  if (input.anchorDay !== undefined && input.frequency !== 'monthly') {
    throw invalid('anchorDay applies to monthly plans only')
  }
  const instalments: ScheduledInstalment[] = amounts(input, rest).map((amountMinor, k) => ({
    seq: k + 1,
    dueOn: dueDate(input, k, anchorDay),
    amountMinor,
  }))
  if (input.downPaymentMinor > 0) {
    const dueOn = input.downPaymentOn ?? input.firstDueOn
    if (dueOn > input.firstDueOn)
      throw invalid('the down payment must be due on or before the first instalment')
    instalments.unshift({ seq: 0, dueOn, amountMinor: input.downPaymentMinor })
  }
  return { currency: input.currency, totalMinor: input.totalMinor, frequency: input.frequency, instalments }
}
