import { AppError } from '../core/errors/index.ts'
import type { LateFeePolicy } from '../core/fees/late-fee.ts'
import { isCurrencyCode } from '../core/money/currencies.ts'
import { parseAmount } from '../core/money/money.ts'

export interface FeeOptions {
  fixed?: string
  currency?: string
  percent?: string
  period: string
  grace: string
  maxTotal?: string
  id: string
  asOf?: string
  tenant?: string
}

const bad = (message: string) => new AppError('invalid_option', message)

/** The late-fee policy `recoup fees` options describe, or an error naming the option at fault. */
export function feePolicyFromOptions(o: FeeOptions): { policy: LateFeePolicy; currency?: string } {
  if ((o.fixed === undefined) === (o.percent === undefined))
    throw bad('give exactly one of --fixed or --percent')
  const currency = o.currency?.toUpperCase()
  if (currency !== undefined && !isCurrencyCode(currency))
    throw bad(`--currency: "${o.currency}" is not an ISO 4217 code`)
  if ((o.fixed !== undefined || o.maxTotal !== undefined) && currency === undefined) {
    throw bad('--fixed and --max-total are amounts: give --currency too')
  }
  const minor = (option: string, text: string) => {
    const amount = parseAmount(text, currency as string)
    if (!amount.ok || amount.minor < 0)
      throw bad(`${option}: ${amount.ok ? 'must not be negative' : amount.reason}`)
    return amount.minor
  }
  if (o.percent !== undefined && !/^\d+(\.\d+)?$/.test(o.percent))
    throw bad(`--percent: "${o.percent}" is not a decimal such as 1.5`)
  const days = /^(\d+)d$/.exec(o.period)
  if (o.period !== 'month' && !days)
    throw bad(`--period: "${o.period}" is neither "month" nor a day count such as "30d"`)
  if (!/^\d+$/.test(o.grace)) throw bad(`--grace: "${o.grace}" is not a whole number of days`)
  const policy: LateFeePolicy = {
    id: o.id,
    charge:
      o.fixed !== undefined
        ? { kind: 'fixed', amountMinor: minor('--fixed', o.fixed) }
        : { kind: 'percentage', percent: o.percent as string },
    period: days ? { unit: 'days', days: Number(days[1]) } : { unit: 'month' },
    graceDays: Number(o.grace),
    ...(o.maxTotal !== undefined ? { maxTotalMinor: minor('--max-total', o.maxTotal) } : {}),
  }
  return currency ? { policy, currency } : { policy }
}
