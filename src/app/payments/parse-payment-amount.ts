import { AppError } from '../../core/errors/index.ts'
import { parseAmount } from '../../core/money/money.ts'

/**
 * A payment amount given as a decimal string in the account currency, as minor units. A JSON number
 * is refused rather than converted: 0.1 + 0.2 style binary fractions are not money, and the schema
 * promises a string.
 */
export function parsePaymentAmount(value: unknown, currency: string, field = 'amount'): number {
  if (typeof value !== 'string') {
    throw new AppError(
      'invalid_amount',
      `${field} must be a decimal string such as "120.50", not a JSON ${value === null ? 'null' : typeof value}`,
      { field },
    )
  }
  const parsed = parseAmount(value.trim(), currency)
  if (!parsed.ok) throw new AppError('invalid_amount', `${field}: ${parsed.reason}`, { field })
  if (parsed.minor <= 0)
    throw new AppError('invalid_amount', `${field} must be more than zero, not "${value}"`, { field })
  return parsed.minor
}
