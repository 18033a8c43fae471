/**
 * Exact decimal arithmetic on BigInt for rates and money math. A value is `units / 10^scale`, so
 * "8.25" is { units: 825n, scale: 2 }. Addition and multiplication are exact; only division and
 * rescaling lose digits, and both take an explicit rounding mode so every rounding is visible in code.
 * No float ever touches a rate or an amount: 0.1 + 0.2 must stay 0.3.
 */
export interface Decimal {
  readonly units: bigint
  readonly scale: number
}

/**
 * How to drop digits. `half-even` (banker's rounding) is the default because it has no upward bias
 * over many roundings; `half-up` rounds a tie away from zero, `half-down` towards zero; `down`
 * truncates towards zero and `up` rounds away from zero.
 */
export type RoundingMode = 'half-even' | 'half-up' | 'half-down' | 'down' | 'up'

/** The modes, for validating settings and options. */
export const ROUNDING_MODES: readonly RoundingMode[] = ['half-even', 'half-up', 'half-down', 'down', 'up']

export type ParseDecimalResult = { ok: true; value: Decimal } | { ok: false; reason: string }

const DECIMAL_TEXT = /^([+-])?(\d+)(?:\.(\d+))?$/
/** Far beyond any rate or amount; stops a hostile option from asking for a million-digit power of ten. */
const MAX_SCALE = 40

/** Parses "8.25", "-0.5" or "12" exactly, keeping the written scale ("4.50" has scale 2). */
export function parseDecimal(text: string): ParseDecimalResult {
  const match = DECIMAL_TEXT.exec(text.trim())
  if (!match) return { ok: false, reason: `"${text}" is not a decimal number` }
  const [, sign, whole = '', fraction = ''] = match
  if (fraction.length > MAX_SCALE) return { ok: false, reason: `"${text}" has too many decimal places` }
  const magnitude = BigInt(whole + fraction)
  return { ok: true, value: { units: sign === '-' ? -magnitude : magnitude, scale: fraction.length } }
}

/** A decimal literal from trusted data (rate tables, tests); a malformed literal is a bug, so it throws. */
export function decimal(text: string): Decimal {
  const parsed = parseDecimal(text)
  if (!parsed.ok) throw new RangeError(parsed.reason)
  return parsed.value
}

/** Formats with exactly `scale` decimal places ("13.25", "-0.05", "7"); the inverse of parseDecimal. */
export function formatDecimal(value: Decimal): string {
  const negative = value.units < 0n
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0')
  const whole = value.scale === 0 ? digits : digits.slice(0, -value.scale)
  const fraction = value.scale === 0 ? '' : `.${digits.slice(-value.scale)}`
  return `${negative ? '-' : ''}${whole}${fraction}`
}

/** A decimal from integer minor units of a currency with `exponent` decimals (1234 cents -> 12.34). */
export function fromMinor(minor: number | bigint, exponent: number): Decimal {
  return { units: BigInt(minor), scale: exponent }
}

function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent)
}

/**
 * Integer division `numerator / denominator` rounded by `mode`. The one primitive every rounding in
 * the interest and fee code goes through, so a change of rounding rule has a single home.
 */
export function divideRounded(
  numerator: bigint,
  denominator: bigint,
  mode: RoundingMode = 'half-even',
): bigint {
  if (denominator === 0n) throw new RangeError('division by zero')
  const n = denominator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  const quotient = n / d // truncates towards zero
  const remainder = n % d
  if (remainder === 0n) return quotient
  const away = n < 0n ? quotient - 1n : quotient + 1n
  const twice = (remainder < 0n ? -remainder : remainder) * 2n
  switch (mode) {
    case 'down':
      return quotient
    case 'up':
      return away
    case 'half-up':
      return twice >= d ? away : quotient
    case 'half-down':
      return twice > d ? away : quotient
    case 'half-even':
      return twice > d || (twice === d && quotient % 2n !== 0n) ? away : quotient
  }
}

/** `value` with `scale` decimal places: exact when widening, rounded by `mode` when narrowing. */
export function rescale(value: Decimal, scale: number, mode: RoundingMode = 'half-even'): Decimal {
  if (scale >= value.scale) return { units: value.units * pow10(scale - value.scale), scale }
  return { units: divideRounded(value.units, pow10(value.scale - scale), mode), scale }
}

/** Exact sum; the result has the larger of the two scales. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale)
  return { units: rescale(a, scale).units + rescale(b, scale).units, scale }
}

/** Exact difference `a - b`. */
export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  return addDecimal(a, { units: -b.units, scale: b.scale })
}

/** Exact product; scales add (4.50 x 3 = 13.50). */
export function multiplyDecimal(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale }
}

/** `a / b` to `scale` decimal places, rounded once by `mode`. */
export function divideDecimal(
  a: Decimal,
  b: Decimal,
  scale: number,
  mode: RoundingMode = 'half-even',
): Decimal {
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); scaled by 10^scale to land on integer units.
  const numerator = a.units * pow10(scale + b.scale)
  const denominator = b.units * pow10(a.scale)
  return { units: divideRounded(numerator, denominator, mode), scale }
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` (scales may differ). */
export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const difference = subtractDecimal(a, b).units
  return difference < 0n ? -1 : difference > 0n ? 1 : 0
}

/** Converts a whole-number bigint to a safe JS number, failing loudly instead of losing cents. */
export function toSafeNumber(value: bigint): number {
  const result = Number(value)
  if (!Number.isSafeInteger(result)) throw new RangeError(`amount overflow: ${value}`)
  return result
}
