import { currencyExponent } from '../money/currencies.ts'
import type { Prng } from './prng.ts'

export type DemoProduct =
  | 'credit_card'
  | 'personal_loan'
  | 'telecom'
  | 'medical'
  | 'auto_deficiency'
  | 'trade_invoice'
  | 'business_telecom'

/** How the debts of one product are shaped: the size distribution and the account's calendar. */
interface ProductProfile {
  /** Median balance in US dollars; other currencies scale by purchasing power (CURRENCY_SCALE). */
  readonly medianUsd: number
  /** Spread of the log-normal size distribution: larger means a longer right tail. */
  readonly sigma: number
  readonly minUsd: number
  readonly maxUsd: number
  /** Days from the statement or invoice (the charge) to its due date. */
  readonly termDays: readonly number[]
  /** How long the account had existed before that charge: [min, max] days. */
  readonly ageDays: readonly [number, number]
}

const PRODUCTS: Record<DemoProduct, ProductProfile> = {
  credit_card: {
    medianUsd: 2200,
    sigma: 0.85,
    minUsd: 50,
    maxUsd: 40_000,
    termDays: [25],
    ageDays: [180, 3000],
  },
  personal_loan: {
    medianUsd: 5200,
    sigma: 0.75,
    minUsd: 300,
    maxUsd: 60_000,
    termDays: [30],
    ageDays: [90, 1800],
  },
  telecom: { medianUsd: 160, sigma: 0.7, minUsd: 15, maxUsd: 3000, termDays: [21], ageDays: [60, 2000] },
  medical: { medianUsd: 420, sigma: 1.0, minUsd: 25, maxUsd: 60_000, termDays: [30], ageDays: [0, 0] },
  auto_deficiency: {
    medianUsd: 7800,
    sigma: 0.7,
    minUsd: 500,
    maxUsd: 40_000,
    termDays: [30],
    ageDays: [365, 2500],
  },
  trade_invoice: {
    medianUsd: 6800,
    sigma: 1.25,
    minUsd: 100,
    maxUsd: 3_000_000,
    termDays: [15, 30, 30, 30, 45, 60],
    ageDays: [0, 0],
  },
  business_telecom: {
    medianUsd: 950,
    sigma: 0.8,
    minUsd: 50,
    maxUsd: 40_000,
    termDays: [30],
    ageDays: [90, 2000],
  },
}

/** Rough purchasing-power scale from US dollars, so a typical Indian phone bill is not a US one converted. */
const CURRENCY_SCALE: Readonly<Record<string, number>> = {
  USD: 1,
  GBP: 0.8,
  EUR: 0.92,
  AED: 3.67,
  INR: 30,
  AUD: 1.5,
}

/** Currencies whose debts are quoted in whole units in practice (paise are rarely billed). */
const WHOLE_UNITS = new Set(['INR'])

/** The calendar profile of a product. */
export function productProfile(product: DemoProduct): ProductProfile {
  return PRODUCTS[product]
}

/**
 * The original balance of a debt in minor units: log-normal (right-skewed, as real balances are),
 * clamped to the product's range and rounded to what the currency's exponent allows.
 */
export function demoAmountMinor(rng: Prng, product: DemoProduct, currency: string): number {
  const profile = PRODUCTS[product]
  const usd = Math.min(
    profile.maxUsd,
    Math.max(profile.minUsd, profile.medianUsd * Math.exp(profile.sigma * rng.normal())),
  )
  const major = usd * (CURRENCY_SCALE[currency] ?? 1)
  const unit = 10 ** (currencyExponent(currency) ?? 2)
  return WHOLE_UNITS.has(currency) ? Math.round(major) * unit : Math.max(1, Math.round(major * unit))
}
