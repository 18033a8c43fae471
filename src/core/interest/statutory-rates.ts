import { addDays, type LocalDate } from '../calendar/local-date.ts'
import { AppError } from '../errors/index.ts'
import { addDecimal, decimal, formatDecimal, multiplyDecimal } from '../money/decimal.ts'
import type { DayCountBasis } from './day-count.ts'

/** A central-bank rate change: `ratePercent` is in force from `effectiveOn` until the next change. */
export interface RateChange {
  readonly effectiveOn: LocalDate
  readonly ratePercent: string
  /** Source tag as in the compliance catalogue: P primary, S secondary, M general knowledge. */
  readonly tag: 'P' | 'S' | 'M'
  readonly note?: string
}

/** A reference-rate history kept as data, with where each figure comes from. */
export interface RateTable {
  readonly id: string
  readonly name: string
  readonly source: string
  /** The last day the table is known to be complete; later look-ups come with a warning. */
  readonly knownThrough: LocalDate
  readonly changes: readonly RateChange[]
}

const CATALOGUE = 'docs: compliance-rules.md'

/** Bank of England Bank Rate (Late Payment Act reference rate), from the compliance catalogue. */
export const UK_BANK_RATE: RateTable = {
  id: 'uk-bank-rate',
  name: 'Bank of England Bank Rate',
  source: `${CATALOGUE}, United Kingdom, Late Payment Act interest (SI 2002/1675 art.4)`,
  knownThrough: '2025-12-31',
  changes: [
    { effectiveOn: '2023-08-03', ratePercent: '5.25', tag: 'S' },
    { effectiveOn: '2024-08-01', ratePercent: '5.00', tag: 'S' },
    { effectiveOn: '2024-11-07', ratePercent: '4.75', tag: 'S' },
    { effectiveOn: '2025-02-06', ratePercent: '4.50', tag: 'S' },
    { effectiveOn: '2025-05-08', ratePercent: '4.25', tag: 'S' },
    { effectiveOn: '2025-08-07', ratePercent: '4.00', tag: 'S' },
    { effectiveOn: '2025-12-18', ratePercent: '3.75', tag: 'S' },
  ],
}

/** ECB main refinancing operations rate (Late Payment Directive reference rate). */
export const ECB_MRO_RATE: RateTable = {
  id: 'ecb-mro',
  name: 'ECB main refinancing operations rate',
  source: `${CATALOGUE}, European Union, Late Payment Directive (Directive 2011/7/EU art.2(12))`,
  knownThrough: '2025-12-31',
  changes: [
    { effectiveOn: '2023-09-20', ratePercent: '4.50', tag: 'S' },
    { effectiveOn: '2024-06-12', ratePercent: '4.25', tag: 'S' },
    { effectiveOn: '2024-09-18', ratePercent: '3.65', tag: 'S' },
    { effectiveOn: '2024-10-23', ratePercent: '3.40', tag: 'S' },
    { effectiveOn: '2024-12-18', ratePercent: '3.15', tag: 'S' },
    { effectiveOn: '2025-02-05', ratePercent: '2.90', tag: 'S' },
    { effectiveOn: '2025-03-12', ratePercent: '2.65', tag: 'S' },
    { effectiveOn: '2025-04-23', ratePercent: '2.40', tag: 'S' },
    {
      effectiveOn: '2025-06-11',
      ratePercent: '2.15',
      tag: 'S',
      note: 'not in the catalogue list: ECB decision of 5 June 2025, effective 11 June 2025 (press reports)',
    },
  ],
}

/** Reserve Bank of India Bank Rate (MSMED Act s.16 multiplies it by three). */
export const RBI_BANK_RATE: RateTable = {
  id: 'rbi-bank-rate',
  name: 'Reserve Bank of India Bank Rate',
  source: `${CATALOGUE}, India, MSME payments (MSMED Act s.16)`,
  knownThrough: '2025-12-31',
  changes: [
    { effectiveOn: '2023-02-08', ratePercent: '6.75', tag: 'M', note: 'catalogue gives no start date' },
    { effectiveOn: '2025-02-07', ratePercent: '6.50', tag: 'S' },
    { effectiveOn: '2025-04-09', ratePercent: '6.25', tag: 'S' },
    { effectiveOn: '2025-06-06', ratePercent: '5.75', tag: 'S' },
    {
      effectiveOn: '2025-12-05',
      ratePercent: '5.50',
      tag: 'S',
      note: 'catalogue says "Dec 2025"; MPC of 5 Dec',
    },
  ],
}

/** A rate looked up in a table, with the change it came from and any staleness warning. */
export interface RateInForce {
  readonly ratePercent: string
  readonly effectiveOn: LocalDate
  readonly warning?: string
}

/** The rate in force on `on`; before the table's first change there is no answer, so it throws. */
export function rateInForce(table: RateTable, on: LocalDate): RateInForce {
  const change = table.changes.findLast((c) => c.effectiveOn <= on)
  if (!change)
    throw new AppError(
      'rate_unknown',
      `${table.name}: no rate on record for ${on} (table starts ${table.changes[0]?.effectiveOn})`,
    )
  const warning =
    on > table.knownThrough
      ? `${table.name} is known through ${table.knownThrough}; the rate on ${on} is assumed unchanged at ${change.ratePercent}% (add later changes to statutory-rates.ts)`
      : undefined
  return { ratePercent: change.ratePercent, effectiveOn: change.effectiveOn, ...(warning ? { warning } : {}) }
}

/** A statutory rate and how it was derived. */
export interface StatutoryRate {
  readonly ratePercent: string
  readonly referenceDate: LocalDate
  readonly referenceRatePercent: string
  readonly warning?: string
}

function derive(
  table: RateTable,
  referenceDate: LocalDate,
  rate: (reference: string) => string,
): StatutoryRate {
  const reference = rateInForce(table, referenceDate)
  return {
    ratePercent: rate(reference.ratePercent),
    referenceDate,
    referenceRatePercent: reference.ratePercent,
    ...(reference.warning ? { warning: reference.warning } : {}),
  }
}

const plus = (points: string) => (reference: string) =>
  formatDecimal(addDecimal(decimal(reference), decimal(points)))

/**
 * Late Payment Act rate for interest starting on `interestStartOn` (the day after the due date): Bank
 * Rate on 31 December for a start from 1 January to 30 June, on 30 June for a start from 1 July to
 * 31 December, plus 8; fixed for the life of the debt.
 */
export function ukLatePaymentRate(interestStartOn: LocalDate): StatutoryRate {
  const year = Number(interestStartOn.slice(0, 4))
  const firstHalf = interestStartOn.slice(5) < '07-01'
  const referenceDate = firstHalf
    ? `${String(year - 1).padStart(4, '0')}-12-31`
    : `${interestStartOn.slice(0, 4)}-06-30`
  return derive(UK_BANK_RATE, referenceDate, plus('8'))
}

/** One EU member state's transposition of the Directive (catalogue point 13). */
export interface EuCountrySettings {
  readonly country: string
  /** Points over the reference rate; the Directive's minimum is 8. */
  readonly pointsOverReference: string
  /** `half-yearly`: reference on 1 Jan / 1 Jul; `fixed`: the reference of the first interest day throughout. */
  readonly rateMode: 'half-yearly' | 'fixed'
  readonly basis: DayCountBasis
  /** Fixed compensation in euro cents (Directive art.6: EUR 40). */
  readonly fixedCompensationMinor: number
}

/** The Directive's minimum terms; a country without verified national settings gets these. */
export const EU_DIRECTIVE_DEFAULTS: Omit<EuCountrySettings, 'country'> = {
  pointsOverReference: '8',
  rateMode: 'half-yearly',
  basis: 'act/365',
  fixedCompensationMinor: 4000,
}

/**
 * Verified national settings, keyed by ISO 3166 code. Empty on purpose: the catalogue records no
 * national figures, and a guessed one would be silently wrong. Add a row with its source once checked.
 */
export const EU_COUNTRY_SETTINGS: Readonly<Record<string, Partial<EuCountrySettings>>> = {}

/** The settings for `country`: Directive defaults, then the verified national row, then `overrides`. */
export function euCountrySettings(
  country: string,
  overrides: Partial<EuCountrySettings> = {},
): EuCountrySettings {
  // Object.hasOwn: a country such as "constructor" must not pick up Object.prototype members.
  const national = hasEuCountrySettings(country) ? EU_COUNTRY_SETTINGS[country] : {}
  return { ...EU_DIRECTIVE_DEFAULTS, ...national, ...overrides, country }
}

/** True when `country` has a verified national row in EU_COUNTRY_SETTINGS (own keys only). */
export function hasEuCountrySettings(country: string): boolean {
  return Object.hasOwn(EU_COUNTRY_SETTINGS, country)
}

/** First day of the half-year containing `on` (1 January or 1 July). */
export function halfYearStart(on: LocalDate): LocalDate {
  return `${on.slice(0, 4)}-${on.slice(5) < '07-01' ? '01' : '07'}-01`
}

/** Directive rate for `onDate`: the reference rate in force on the half-year's first day, plus the points. */
export function euLatePaymentRate(onDate: LocalDate, settings: EuCountrySettings): StatutoryRate {
  return derive(ECB_MRO_RATE, halfYearStart(onDate), plus(settings.pointsOverReference))
}

/** MSMED Act s.16 rate on `onDate`: three times the Bank Rate in force that day (floating). */
export function indiaMsmedRate(onDate: LocalDate): StatutoryRate {
  return derive(RBI_BANK_RATE, onDate, (bank) => formatDecimal(multiplyDecimal(decimal(bank), decimal('3'))))
}

/** The next half-year's first day, for walking half-years. */
export function nextHalfYear(start: LocalDate): LocalDate {
  return addDays(`${start.slice(0, 4)}-${start.slice(5, 7) === '01' ? '06-30' : '12-31'}`, 1)
}
