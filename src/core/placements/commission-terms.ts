import { isCurrencyCode } from '../money/currencies.ts'
import { type Decimal, divideRounded, parseDecimal, toSafeNumber } from '../money/decimal.ts'

/**
 * A partner's commission terms (docs/placements.md, "Commission"): a contingency percentage chosen by
 * the account's age or balance when it is placed, a fixed fee per account, and whether "no success,
 * no fee" holds. Percentages are decimal text ("33.33"), never floats; money is integer minor units
 * of the terms' currency.
 */
export interface CommissionTerms {
  /** The currency of `fixedFeeMinor` and of balance tiers; accounts in another currency cannot use them. */
  readonly currency?: string
  readonly contingency?: {
    /** `age`: days from charge-off (else the due date) to the placement day; `balance`: minor units. */
    readonly basis: 'age' | 'balance'
    /** Ascending `from`; the first tier starts at 0. The last tier whose `from` is reached applies. */
    readonly tiers: readonly { readonly from: number; readonly percent: string }[]
  }
  /** A fee per placed account, in minor units of `currency`. */
  readonly fixedFeeMinor?: number
  /** True: nothing is due for an account the partner collects nothing on (the fixed fee included). */
  readonly noSuccessNoFee: boolean
}

export type PartnerKind = 'agency' | 'law_firm'
export type RemitMode = 'gross' | 'net'
export const PARTNER_KINDS: readonly PartnerKind[] = ['agency', 'law_firm']
export const REMIT_MODES: readonly RemitMode[] = ['gross', 'net']

export type TermsCheck = { ok: true; terms: CommissionTerms } | { ok: false; field: string; reason: string }

const MAX_PERCENT_SCALE = 4
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const fail = (field: string, reason: string): TermsCheck => ({ ok: false, field, reason })

/** Strictly checks terms as stored or sent (unknown fields refused): the one place terms are judged. */
export function checkCommissionTerms(value: unknown): TermsCheck {
  if (!isRecord(value)) return fail('terms', 'must be an object')
  for (const key of Object.keys(value))
    if (!['currency', 'contingency', 'fixedFeeMinor', 'noSuccessNoFee'].includes(key))
      return fail(`terms.${key}`, 'is not a terms field')
  if (typeof value.noSuccessNoFee !== 'boolean') return fail('terms.noSuccessNoFee', 'must be true or false')
  const terms: { -readonly [K in keyof CommissionTerms]: CommissionTerms[K] } = {
    noSuccessNoFee: value.noSuccessNoFee,
  }
  if (value.currency !== undefined) {
    if (typeof value.currency !== 'string' || !isCurrencyCode(value.currency))
      return fail('terms.currency', 'must be an ISO 4217 code')
    terms.currency = value.currency
  }
  if (value.fixedFeeMinor !== undefined) {
    if (!Number.isSafeInteger(value.fixedFeeMinor) || (value.fixedFeeMinor as number) < 0)
      return fail('terms.fixedFeeMinor', 'must be a whole number of minor units, 0 or more')
    if (!terms.currency) return fail('terms.currency', 'a fixed fee needs the currency it is in')
    terms.fixedFeeMinor = value.fixedFeeMinor as number
  }
  if (value.contingency !== undefined) {
    const c = value.contingency
    if (!isRecord(c)) return fail('terms.contingency', 'must be an object')
    if (c.basis !== 'age' && c.basis !== 'balance')
      return fail('terms.contingency.basis', 'must be age or balance')
    if (c.basis === 'balance' && !terms.currency)
      return fail('terms.currency', 'balance tiers need the currency they are in')
    if (!Array.isArray(c.tiers) || c.tiers.length === 0)
      return fail('terms.contingency.tiers', 'must list at least one tier')
    const tiers: { from: number; percent: string }[] = []
    for (const [i, tier] of c.tiers.entries()) {
      const at = `terms.contingency.tiers[${i}]`
      if (!isRecord(tier)) return fail(at, 'must be an object')
      if (!Number.isSafeInteger(tier.from) || (tier.from as number) < 0)
        return fail(`${at}.from`, 'must be a whole number, 0 or more')
      if (i === 0 && tier.from !== 0) return fail(`${at}.from`, 'the first tier starts at 0')
      const previous = tiers[i - 1]
      if (previous && (tier.from as number) <= previous.from)
        return fail(`${at}.from`, 'tiers must be in ascending order of from')
      const percent = typeof tier.percent === 'string' ? parseDecimal(tier.percent) : null
      if (!percent?.ok || percent.value.units < 0n || percent.value.scale > MAX_PERCENT_SCALE)
        return fail(
          `${at}.percent`,
          `must be decimal text from 0 to 100 with at most ${MAX_PERCENT_SCALE} places`,
        )
      if (percent.value.units > 100n * 10n ** BigInt(percent.value.scale))
        return fail(`${at}.percent`, 'must be at most 100')
      tiers.push({ from: tier.from as number, percent: tier.percent as string })
    }
    terms.contingency = { basis: c.basis, tiers }
  }
  if (!terms.contingency && terms.fixedFeeMinor === undefined)
    return fail('terms', 'needs a contingency, a fixed fee or both')
  return { ok: true, terms }
}

/** What an account's placement owes under the terms, fixed when it is placed. */
export interface PlacementRate {
  /** The contingency percentage of the tier the account falls in ("0" without a contingency). */
  readonly percent: string
  readonly fixedFeeMinor: number
}

export type PlacementRateResult = { ok: true; rate: PlacementRate } | { ok: false; reason: string }

/**
 * The tier the account falls in on the placement day: by age in days or by balance in minor units.
 * An account in another currency than the terms' fixed fee or balance tiers cannot be placed on them.
 */
export function placementRate(
  terms: CommissionTerms,
  account: { readonly ageDays: number; readonly balanceMinor: number; readonly currency: string },
): PlacementRateResult {
  const needsCurrency = terms.fixedFeeMinor !== undefined || terms.contingency?.basis === 'balance'
  if (needsCurrency && terms.currency !== account.currency)
    return {
      ok: false,
      reason: `the partner's terms are in ${terms.currency}, the account in ${account.currency}`,
    }
  let percent = '0'
  if (terms.contingency) {
    const measure = terms.contingency.basis === 'age' ? account.ageDays : account.balanceMinor
    for (const tier of terms.contingency.tiers) if (measure >= tier.from) percent = tier.percent
  }
  return { ok: true, rate: { percent, fixedFeeMinor: terms.fixedFeeMinor ?? 0 } }
}

/**
 * The contingency commission on one collected amount: `collected x percent / 100`, rounded half-up
 * (a tie goes to the partner, as agency invoices do) to whole minor units, once per remitted line.
 */
export function contingencyCommission(collectedMinor: number, percent: string): number {
  const rate: Decimal = parseDecimalOrThrow(percent)
  const denominator = 100n * 10n ** BigInt(rate.scale)
  return toSafeNumber(divideRounded(BigInt(collectedMinor) * rate.units, denominator, 'half-up'))
}

/**
 * Commission on a placement's next collection: the contingency on it, plus the fixed fee when it is
 * still owed (charged with the first collection under "no success, no fee"; the caller charges it at
 * placement otherwise, docs/placements.md).
 */
export function commissionOnCollection(
  collectedMinor: number,
  rate: PlacementRate,
  fixedFeeOwed: boolean,
): number {
  return contingencyCommission(collectedMinor, rate.percent) + (fixedFeeOwed ? rate.fixedFeeMinor : 0)
}

function parseDecimalOrThrow(text: string): Decimal {
  const parsed = parseDecimal(text)
  if (!parsed.ok) throw new RangeError(parsed.reason)
  return parsed.value
}
