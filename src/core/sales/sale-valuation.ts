/**
 * A debt sale's valuation (docs/debt-sale.md, "Valuation"): the recovery a buyer may expect from each
 * account and the price offered for it, in exact decimals (never a float).
 *
 * - An account with a current `pay_30` risk score: expected = balance x payment probability x the sale's
 *   recovery fraction, the probability being 1 - the score's bad-outcome probability (`bad_ppm`, the
 *   bad outcome of pay_30 is "no payment within 30 days").
 * - Otherwise: expected = balance x the default rate of its age bucket (AGE_BUCKET_RATES), the age in
 *   days from the charge-off date (else the due date) to the valuation day.
 *
 * Expected recovery is rounded half-up to the currency's minor unit once per account; the price is
 * that expected amount x the price percentage / 100, rounded half-up once per account, and the sale's
 * totals are the sums of the rounded account figures (so the bill of sale's schedule adds up).
 */
import { AppError } from '../errors/index.ts'
import {
  type Decimal,
  formatDecimal,
  multiplyDecimal,
  parseDecimal,
  rescale,
  toSafeNumber,
} from '../money/decimal.ts'

/** The default expected recovery of an unscored account, by days since charge-off (else due date). */
export const AGE_BUCKET_RATES: readonly { readonly fromDays: number; readonly rate: string }[] = [
  { fromDays: 0, rate: '0.15' },
  { fromDays: 181, rate: '0.10' },
  { fromDays: 366, rate: '0.06' },
  { fromDays: 731, rate: '0.04' },
  { fromDays: 1096, rate: '0.02' },
]

/** The share of the balance a scored account that pays is expected to repay, when the sale names none. */
export const DEFAULT_RECOVERY_FRACTION = '0.40'

const PPM = 1_000_000n

/** What one account's valuation reads. */
export interface ValuationInput {
  readonly balanceMinor: number
  /** Days from the charge-off (else due) date to the valuation day. */
  readonly ageDays: number
  /** The current pay_30 score's bad-outcome probability in parts per million, or null when unscored. */
  readonly badPpm: number | null
}

/** One account's figures. */
export interface AccountValuation {
  readonly basis: 'score' | 'age'
  /** The payment probability in ppm (score basis), else null. */
  readonly paymentPpm: number | null
  /** The exact fraction of the balance expected back, decimal text. */
  readonly recoveryRate: string
  readonly expectedMinor: number
  readonly priceMinor: number
}

/** The sale's terms the valuation applies. */
export interface ValuationTerms {
  readonly pricePercent: Decimal
  readonly recoveryFraction: Decimal
}

/**
 * Parses the user's exact decimal text of a percentage or fraction within [0, max], or refuses it
 * naming the field (`invalid_sale`).
 */
export function saleDecimal(field: string, text: unknown, max: string): Decimal {
  const parsed = typeof text === 'string' ? parseDecimal(text) : null
  if (!parsed?.ok)
    throw new AppError(
      'invalid_sale',
      `${field}: exact decimal text such as "12.5", not ${JSON.stringify(text)}`,
      {
        field,
      },
    )
  const limit = parseDecimal(max)
  if (!limit.ok) throw new Error(`bad limit ${max}`)
  const scale = Math.max(parsed.value.scale, limit.value.scale)
  if (parsed.value.units < 0n || rescale(parsed.value, scale).units > rescale(limit.value, scale).units)
    throw new AppError('invalid_sale', `${field}: between 0 and ${max}, not ${text}`, { field })
  return parsed.value
}

/** The default rate of an unscored account of this age. */
export function ageBucketRate(ageDays: number): string {
  let rate = AGE_BUCKET_RATES[0]?.rate ?? '0'
  for (const bucket of AGE_BUCKET_RATES) if (ageDays >= bucket.fromDays) rate = bucket.rate
  return rate
}

/** Values one account (see the module comment). */
export function valueAccount(input: ValuationInput, terms: ValuationTerms): AccountValuation {
  let rate: Decimal
  let paymentPpm: number | null = null
  if (input.badPpm !== null) {
    const paying = PPM - BigInt(Math.min(Math.max(input.badPpm, 0), 1_000_000))
    paymentPpm = Number(paying)
    rate = multiplyDecimal({ units: paying, scale: 6 }, terms.recoveryFraction)
  } else {
    const parsed = parseDecimal(ageBucketRate(input.ageDays))
    if (!parsed.ok) throw new Error('bad age bucket rate')
    rate = parsed.value
  }
  const expected = rescale(
    multiplyDecimal({ units: BigInt(input.balanceMinor), scale: 0 }, rate),
    0,
    'half-up',
  )
  // price = expected x percent / 100: the percent's scale plus two places, rounded once.
  const price = rescale(
    { units: expected.units * terms.pricePercent.units, scale: terms.pricePercent.scale + 2 },
    0,
    'half-up',
  )
  return {
    basis: input.badPpm !== null ? 'score' : 'age',
    paymentPpm,
    recoveryRate: trimDecimal(rate),
    expectedMinor: toSafeNumber(expected.units),
    priceMinor: toSafeNumber(price.units),
  }
}

/** "0.360000" -> "0.36": the exact value, without trailing zeros. */
function trimDecimal(value: Decimal): string {
  const text = formatDecimal(value)
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text
}
