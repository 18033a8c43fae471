import { addDays, type LocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import { EU_MEMBER_CODES } from '../jurisdictions/eu-members.ts'
import type { Money } from '../money/money.ts'
import {
  type InterestStatement,
  interestStatement,
  type PrincipalChange,
  type RatePeriod,
} from './accrue-interest.ts'
import { type DayCountBasis, dayBefore } from './day-count.ts'
import {
  type EuCountrySettings,
  euCountrySettings,
  euLatePaymentRate,
  halfYearStart,
  hasEuCountrySettings,
  indiaMsmedRate,
  nextHalfYear,
  RBI_BANK_RATE,
  type StatutoryRate,
  ukLatePaymentRate,
} from './statutory-rates.ts'

/** A late invoice: interest runs from the day after `dueOn` up to and including `to`. */
export interface LateDebtInput {
  readonly principalMinor: number
  readonly currency: string
  readonly dueOn: LocalDate
  readonly to: LocalDate
  /** Principal changes after allocation (payments negative). */
  readonly payments?: readonly PrincipalChange[]
  readonly basis?: DayCountBasis
}

/** A rate period of a statutory claim with the reference rate it was derived from. */
export type StatutoryRatePeriod = RatePeriod & StatutoryRate

/** Statutory interest plus fixed compensation, with the law applied and any data warnings. */
export interface StatutoryClaim {
  readonly jurisdiction: string
  readonly dueOn: LocalDate
  readonly interestStartsOn: LocalDate
  readonly rates: readonly StatutoryRatePeriod[]
  readonly statement: InterestStatement
  /** Zero when no day of interest falls before `to` (the debt is not yet late). */
  readonly fixedCompensation: Money
  readonly citations: readonly string[]
  readonly warnings: readonly string[]
}

interface ClaimOptions {
  compounding: 'simple' | 'monthly'
  basis: DayCountBasis
  compensation: Money
  citations: string[]
  warnings?: string[]
}

function claim(
  jurisdiction: string,
  input: LateDebtInput,
  rates: StatutoryRatePeriod[],
  options: ClaimOptions,
): StatutoryClaim {
  const statement = interestStatement({
    principalMinor: input.principalMinor,
    currency: input.currency,
    start: input.dueOn,
    end: input.to > input.dueOn ? input.to : input.dueOn, // not yet late: a statement of no days
    ratePeriods: rates.map(({ from, to, ratePercent }) =>
      to ? { from, to, ratePercent } : { from, ratePercent },
    ),
    compounding: options.compounding,
    basis: options.basis,
    principalChanges: input.payments ?? [],
  })
  const late = input.to > input.dueOn
  return {
    jurisdiction,
    dueOn: input.dueOn,
    interestStartsOn: addDays(input.dueOn, 1),
    rates,
    statement,
    fixedCompensation: late ? options.compensation : { ...options.compensation, minor: 0 },
    citations: options.citations,
    warnings: [
      ...new Set([...(options.warnings ?? []), ...rates.flatMap((r) => (r.warning ? [r.warning] : []))]),
    ],
  }
}

/** Late Payment Act fixed sum (s.5A) in pence for a debt of `principalMinor` pence: 40, 70 or 100 pounds. */
export function ukFixedSumMinor(principalMinor: number): number {
  if (principalMinor < 100_000) return 4_000
  if (principalMinor < 1_000_000) return 7_000
  return 10_000
}

/**
 * UK Late Payment of Commercial Debts (Interest) Act 1998: simple interest at Bank Rate on the
 * reference date + 8, fixed when interest starts (the day after the due date), plus the s.5A fixed sum.
 */
export function ukLatePayment(input: LateDebtInput): StatutoryClaim {
  if (input.currency !== 'GBP')
    throw new AppError(
      'invalid_currency',
      `the Late Payment Act fixed sums are in GBP, not ${input.currency}`,
    )
  const startsOn = addDays(input.dueOn, 1)
  return claim('GB', input, [{ from: startsOn, ...ukLatePaymentRate(startsOn) }], {
    compounding: 'simple',
    basis: input.basis ?? 'act/365',
    compensation: { minor: ukFixedSumMinor(input.principalMinor), currency: 'GBP' },
    citations: ['Late Payment of Commercial Debts (Interest) Act 1998 s.5A', 'SI 2002/1675 art.4'],
  })
}

/** ISO 3166 codes of the EU member states (Greece as GR), for validating a country. */
export const EU_MEMBER_STATES: readonly string[] = [...EU_MEMBER_CODES].sort()

/**
 * EU Late Payment Directive (2011/7/EU) as transposed by `country`: simple interest at the ECB
 * reference rate for each half-year plus the national points (default 8), plus EUR 40 compensation.
 */
export function euLatePayment(
  input: LateDebtInput & { readonly country: string; readonly settings?: Partial<EuCountrySettings> },
): StatutoryClaim {
  if (!EU_MEMBER_STATES.includes(input.country))
    throw new AppError('invalid_country', `"${input.country}" is not an EU member state code`)
  const settings = euCountrySettings(input.country, input.settings)
  const startsOn = addDays(input.dueOn, 1)
  const rates: StatutoryRatePeriod[] = []
  if (settings.rateMode === 'fixed') rates.push({ from: startsOn, ...euLatePaymentRate(startsOn, settings) })
  else
    for (
      let half = halfYearStart(startsOn);
      half <= input.to || rates.length === 0;
      half = nextHalfYear(half)
    )
      rates.push({ from: half, to: dayBefore(nextHalfYear(half)), ...euLatePaymentRate(half, settings) })
  return claim(`EU-${settings.country}`, input, rates, {
    compounding: 'simple',
    basis: input.basis ?? settings.basis,
    compensation: { minor: settings.fixedCompensationMinor, currency: 'EUR' },
    citations: ['Directive 2011/7/EU arts 2-6'],
    // National law may add points or use its own base rate (catalogue point 13); say so rather than guess.
    warnings: hasEuCountrySettings(settings.country)
      ? []
      : [`no verified national settings for ${settings.country}: the Directive's minimum terms are applied`],
  })
}

/** An MSME supply: accepted on `acceptedOn`, optionally with an agreed payment date. */
export interface MsmeInput extends Omit<LateDebtInput, 'dueOn'> {
  readonly acceptedOn: LocalDate
  readonly agreedDueOn?: LocalDate
  /** Catalogue point 11: `floating` follows each Bank Rate change; `fixed` keeps the first day's rate. */
  readonly rateMode?: 'floating' | 'fixed'
}

/**
 * The last day an MSME buyer may pay (ss.15, 2(b)): the agreed date capped at 45 days from acceptance,
 * or without agreement the 15th day after acceptance, so interest runs from the appointed day after it.
 */
export function msmeDueDate(acceptedOn: LocalDate, agreedDueOn?: LocalDate): LocalDate {
  const cap = addDays(acceptedOn, 45)
  if (agreedDueOn === undefined) return addDays(acceptedOn, 15)
  return agreedDueOn < cap ? agreedDueOn : cap
}

/** India MSMED Act s.16: compound interest with monthly rests at three times the RBI Bank Rate. */
export function indiaMsmed(input: MsmeInput): StatutoryClaim {
  const dueOn = msmeDueDate(input.acceptedOn, input.agreedDueOn)
  const startsOn = addDays(dueOn, 1)
  const rates: StatutoryRatePeriod[] = [{ from: startsOn, ...indiaMsmedRate(startsOn) }]
  if (input.rateMode !== 'fixed') {
    for (const change of RBI_BANK_RATE.changes.filter(
      (c) => c.effectiveOn > startsOn && c.effectiveOn <= input.to,
    )) {
      const last = rates.pop()!
      rates.push(
        { ...last, to: dayBefore(change.effectiveOn) },
        { from: change.effectiveOn, ...indiaMsmedRate(change.effectiveOn) },
      )
    }
  }
  return claim('IN', { ...input, dueOn }, rates, {
    compounding: 'monthly',
    basis: input.basis ?? 'act/365',
    compensation: { minor: 0, currency: input.currency },
    citations: ['MSMED Act 2006 ss.2(b), 15, 16'],
  })
}
