import { dayNumber, fromDayNumber, type LocalDate, parseLocalDate } from '../calendar/local-date.ts'
import { AppError, type ErrorCode } from '../errors/index.ts'
import { currencyExponent } from '../money/currencies.ts'
import {
  divideRounded,
  formatDecimal,
  parseDecimal,
  type RoundingMode,
  toSafeNumber,
} from '../money/decimal.ts'
import { addMonthsClamped, type DayCountBasis, yearDaysOn } from './day-count.ts'

/** `simple`: interest never earns interest. `monthly`: accrued interest joins the balance at monthly rests. */
export type Compounding = 'simple' | 'monthly'

/** An annual rate in percent ("13.25") applying to every day from `from` to `to`, both included. */
export interface RatePeriod {
  readonly from: LocalDate
  /** Omitted: the rate applies to the end of the statement. */
  readonly to?: LocalDate
  readonly ratePercent: string
}

/** A change of the interest-bearing principal after allocation: negative for a payment, positive for a charge. */
export interface PrincipalChange {
  readonly on: LocalDate
  readonly principalDeltaMinor: number
}

/** Everything a statement needs; the ledger-based statement will build this from an account's entries. */
export interface InterestInput {
  readonly principalMinor: number
  readonly currency: string
  /** Interest accrues for each day after `start` (the due date or the last payment)... */
  readonly start: LocalDate
  /** ...up to and including `end`. */
  readonly end: LocalDate
  readonly ratePeriods: readonly RatePeriod[]
  readonly compounding: Compounding
  readonly basis: DayCountBasis
  /** Applied from the day after `on`: the day of a payment still accrues on the old balance. */
  readonly principalChanges?: readonly PrincipalChange[]
  readonly rounding?: RoundingMode
}

/** One run of days with a single balance, rate and (under act/actual) calendar year. */
export interface InterestRow {
  readonly firstDay: LocalDate
  readonly lastDay: LocalDate
  readonly days: number
  readonly balanceMinor: number
  readonly ratePercent: string
  readonly yearDays: number
  /** One day's interest in major units, rounded to 6 places beyond the minor unit; informational only. */
  readonly dailyInterest: string
  /** The row's interest, accrued exactly and rounded once to minor units. */
  readonly interestMinor: number
}

/** A monthly rest at which accrued interest was added to the balance. */
export interface InterestRest {
  readonly on: LocalDate
  readonly capitalisedMinor: number
}

/** The computed statement: rows sum to `totalInterestMinor`. */
export interface InterestStatement {
  readonly currency: string
  readonly start: LocalDate
  readonly end: LocalDate
  readonly basis: DayCountBasis
  readonly compounding: Compounding
  readonly rows: readonly InterestRow[]
  readonly rests: readonly InterestRest[]
  readonly totalInterestMinor: number
  /** Outstanding principal after all changes up to `end`, plus all interest accrued. */
  readonly closingBalanceMinor: number
  readonly roundingRule: string
}

/** The rule every statement follows, printed with it so a reader can reproduce each figure. */
export const ROUNDING_RULE =
  'Interest accrues exactly (integer arithmetic on minor units) for each day after the start date up to ' +
  'and including the end date. Each breakdown row (a run of days with one balance, one rate and, under ' +
  'act/actual, one calendar year) is rounded once to the minor unit, half-even unless stated; the total ' +
  'is the sum of the rows. Under monthly compounding the rows’ interest joins the balance at each rest. ' +
  'dailyInterest is shown to 6 places beyond the minor unit and is informational.'

const DAILY_EXTRA_PLACES = 6

interface ParsedPeriod {
  readonly from: number
  readonly to: number
  readonly text: string
  readonly rate: { readonly units: bigint; readonly scale: number }
}

function fail(code: ErrorCode, message: string): never {
  throw new AppError(code, message)
}

function checkDate(name: string, date: LocalDate): number {
  const parsed = parseLocalDate(date)
  if (!parsed.ok) fail('invalid_date', `${name}: ${parsed.reason}`)
  return dayNumber(parsed.date)
}

function checkMinor(name: string, value: number): bigint {
  if (!Number.isSafeInteger(value)) fail('invalid_amount', `${name} must be whole minor units, not ${value}`)
  return BigInt(value)
}

function parsePeriods(periods: readonly RatePeriod[]): ParsedPeriod[] {
  const parsed = periods.map((period, index): ParsedPeriod => {
    const rate = parseDecimal(period.ratePercent)
    if (!rate.ok || rate.value.units < 0n)
      fail('invalid_rate', `rate period ${index + 1}: "${period.ratePercent}" is not a percent ≥ 0`)
    const from = checkDate(`rate period ${index + 1} from`, period.from)
    const to =
      period.to === undefined ? Number.POSITIVE_INFINITY : checkDate(`rate period ${index + 1} to`, period.to)
    if (to < from) fail('invalid_rate_period', `rate period ${index + 1} ends before it starts`)
    return { from, to, text: period.ratePercent.trim(), rate: rate.value }
  })
  parsed.sort((a, b) => a.from - b.from)
  for (let i = 1; i < parsed.length; i++) {
    const previous = parsed[i - 1]!
    if (previous.to >= parsed[i]!.from)
      fail('overlapping_rate_periods', `rate periods overlap on ${fromDayNumber(parsed[i]!.from)}`)
  }
  return parsed
}

/**
 * The date interest runs from: the due date, or with `last-payment` the latest payment after the due
 * date and on or before `end` (earlier payments then count as already allocated to the principal).
 */
export function interestStartDate(
  dueOn: LocalDate,
  changes: readonly PrincipalChange[],
  from: 'due' | 'last-payment',
  end: LocalDate,
): LocalDate {
  if (from === 'due') return dueOn
  const payments = changes.filter((c) => c.principalDeltaMinor < 0 && c.on > dueOn && c.on <= end)
  return payments.reduce((latest, c) => (c.on > latest ? c.on : latest), dueOn)
}

/** Days after which a row ends: every day that changes the balance, the rate or the year length. */
function cutDays(input: InterestInput, s: number, e: number, periods: ParsedPeriod[], changeDays: number[]) {
  const cuts = new Set<number>([e])
  const addCut = (day: number) => day > s && day < e && cuts.add(day)
  for (const day of changeDays) addCut(day)
  for (const p of periods) {
    addCut(p.from - 1)
    addCut(p.to)
  }
  const restDays = new Set<number>()
  for (let k = 1; input.compounding === 'monthly'; k++) {
    const rest = dayNumber(addMonthsClamped(input.start, k)) // from the anchor, so 31st clamps never drift
    if (rest >= e) break
    restDays.add(rest)
    addCut(rest)
  }
  if (input.basis === 'act/actual')
    for (let year = Number(input.start.slice(0, 4)); year <= Number(input.end.slice(0, 4)); year++)
      addCut(dayNumber(`${String(year).padStart(4, '0')}-12-31`))
  return { cuts: [...cuts].sort((a, b) => a - b), restDays }
}

/**
 * Computes interest on the outstanding principal from `start` to `end`, row by row (see ROUNDING_RULE).
 * Pure: the same input always gives the same statement. Bad input throws AppError.
 */
export function interestStatement(input: InterestInput): InterestStatement {
  const exponent = currencyExponent(input.currency)
  if (exponent === undefined) fail('invalid_currency', `"${input.currency}" is not an ISO 4217 currency`)
  const s = checkDate('start', input.start)
  const e = checkDate('end', input.end)
  if (e < s) fail('invalid_period', `end ${input.end} is before start ${input.start}`)
  const periods = parsePeriods(input.ratePeriods)
  const rounding = input.rounding ?? 'half-even'
  // Changes on one day are netted, then applied from the next day; those up to `start` form the opening.
  const deltaAfter = new Map<number, bigint>()
  for (const [i, c] of (input.principalChanges ?? []).entries()) {
    const day = Math.max(s, checkDate(`change ${i + 1}`, c.on))
    deltaAfter.set(day, (deltaAfter.get(day) ?? 0n) + checkMinor(`change ${i + 1}`, c.principalDeltaMinor))
  }
  const { cuts, restDays } = cutDays(input, s, e, periods, [...deltaAfter.keys()])
  const clamp = (value: bigint) => (value < 0n ? 0n : value) // an overpayment earns the debtor nothing
  let balance = clamp(checkMinor('principal', input.principalMinor) + (deltaAfter.get(s) ?? 0n))
  let pending = 0n
  let total = 0n
  const rows: InterestRow[] = []
  const rests: InterestRest[] = []
  let previous = s
  for (const cut of cuts) {
    if (restDays.has(previous)) {
      rests.push({ on: fromDayNumber(previous), capitalisedMinor: toSafeNumber(pending) })
      balance += pending
      pending = 0n
    }
    if (previous > s) balance = clamp(balance + (deltaAfter.get(previous) ?? 0n))
    if (cut === previous) continue // a statement of zero days
    const firstDay = previous + 1
    const period = periods.find((p) => p.from <= firstDay && firstDay <= p.to)
    if (!period) fail('rate_gap', `no rate period covers ${fromDayNumber(firstDay)}`)
    const yearDays = yearDaysOn(input.basis, fromDayNumber(firstDay))
    // interest = balance x rate/100 x days/yearDays, with the rate's decimal scale folded into the divisor.
    const divisor = 100n * 10n ** BigInt(period.rate.scale) * BigInt(yearDays)
    const perDay = balance * period.rate.units
    const interest = divideRounded(perDay * BigInt(cut - previous), divisor, rounding)
    const daily = divideRounded(perDay * 10n ** BigInt(DAILY_EXTRA_PLACES), divisor, rounding)
    rows.push({
      firstDay: fromDayNumber(firstDay),
      lastDay: fromDayNumber(cut),
      days: cut - previous,
      balanceMinor: toSafeNumber(balance),
      ratePercent: period.text,
      yearDays,
      dailyInterest: formatDecimal({ units: daily, scale: exponent + DAILY_EXTRA_PLACES }),
      interestMinor: toSafeNumber(interest),
    })
    pending += interest
    total += interest
    previous = cut
  }
  if (e > s) balance = clamp(balance + (deltaAfter.get(e) ?? 0n)) // a payment on the last day
  const { currency, start, end, basis, compounding } = input
  return {
    ...{ currency, start, end, basis, compounding, rows, rests },
    totalInterestMinor: toSafeNumber(total),
    closingBalanceMinor: toSafeNumber(balance + pending),
    roundingRule: rounding === 'half-even' ? ROUNDING_RULE : `${ROUNDING_RULE} Rounding here: ${rounding}.`,
  }
}
